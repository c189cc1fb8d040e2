"""`umkm-dead-letters`: list a consumer group's dead-letter topic, republish chosen entries.

    umkm-dead-letters list reporting                 # what is parked, and why
    umkm-dead-letters list reporting --payload       # with the messages (may hold personal data)
    umkm-dead-letters republish reporting --entry 0:3 --entry 2:7   # partition:offset
    umkm-dead-letters republish reporting --all --yes

Connects as the `admin` principal (`ADMIN_KAFKA_USERNAME`, `ADMIN_KAFKA_PASSWORD`, and the
platform's `KAFKA_*` and `TOPIC_NAMESPACE` settings): only it may write every source topic.
"""

import asyncio
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from umkm_shared.messaging.dead_letter_tool import DeadLetter, read_dead_letters, republish
from umkm_shared.settings import OperatorSettings

app = typer.Typer(add_completion=False, help=__doc__)
console = Console()

Group = Annotated[str, typer.Argument(help="The consumer group, e.g. `reporting`, `mentoring`.")]


def _settings() -> OperatorSettings:
    return OperatorSettings(_env_prefix="ADMIN_")


def _letters(group: str) -> tuple[OperatorSettings, list[DeadLetter]]:
    settings = _settings()
    topic = settings.topics.dead_letter(group)
    letters = asyncio.run(
        read_dead_letters(settings.kafka_bootstrap_servers, settings.kafka_security, topic)
    )
    return settings, letters


def _entry(letter: DeadLetter) -> str:
    return f"{letter.dlt_partition}:{letter.dlt_offset}"


@app.command("list")
def list_letters(
    group: Group,
    payload: Annotated[bool, typer.Option(help="Show each parked message too.")] = False,
) -> None:
    """Every parked message of GROUP: where from, the error, the attempts and the reason."""
    _, letters = _letters(group)
    table = Table(title=f"dead letters of {group}: {len(letters)}")
    for column in ("entry", "source", "error", "attempts", "parked at", "reason"):
        table.add_column(column)
    if payload:
        table.add_column("payload")
    for letter in letters:
        row = [
            _entry(letter),
            f"{letter.topic}:{letter.partition}:{letter.offset}",
            letter.error,
            str(letter.attempts),
            letter.dead_lettered_at or "",
            letter.reason,
        ]
        table.add_row(*row, *([letter.payload] if payload else []))
    console.print(table)


@app.command("republish")
def republish_letters(
    group: Group,
    entry: Annotated[
        list[str] | None,
        typer.Option(help="`partition:offset` of a dead letter, as `list` shows (repeatable)."),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Republish every parked message.")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False,
) -> None:
    """Put chosen parked messages back on their source topics, in their original order."""
    settings, letters = _letters(group)
    wanted = set(entry or ())
    chosen = letters if all_ else [letter for letter in letters if _entry(letter) in wanted]
    missing = wanted - {_entry(letter) for letter in letters}
    if missing:
        console.print(f"[red]no dead letter {sorted(missing)} in {group}'s topic[/]")
        raise typer.Exit(2)
    if not chosen:
        console.print("nothing chosen: give --entry PARTITION:OFFSET (repeatable) or --all")
        raise typer.Exit(2)
    if not yes:
        typer.confirm(f"republish {len(chosen)} message(s) to their source topics?", abort=True)
    asyncio.run(republish(settings.kafka_bootstrap_servers, settings.kafka_security, chosen))
    for letter in chosen:
        console.print(f"republished {letter.where} -> {letter.topic} (key {letter.key!r})")
    console.print(
        "Consumers that already applied a later version of the same aggregate ignore an old "
        "one: rebuild those read models (reporting-replay rebuild) if the dashboard still "
        "misses it."
    )


def main() -> None:
    """Console script entry point."""
    app()
