"""`reporting-replay`: rebuild the read models into a new generation, check, and switch."""

import asyncio

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from reporting.adapters.replay import Difference, Rebuild, differences
from reporting.config import ReportingSettings
from reporting.entrypoints.app import SERVICE
from umkm_shared.mongo import connect

app = typer.Typer(help="Rebuild the reporting read models from the event topics.")
console = Console()


async def run_rebuild(settings: ReportingSettings, switch: bool = True, force: bool = False) -> int:
    """Rebuild, compare and (unless the generations diverge) switch; the exit code."""
    client = connect(settings.mongodb_url)
    try:
        rebuild = Rebuild(
            client.get_database(settings.mongodb_database),
            settings.kafka_bootstrap_servers,
            SERVICE.consumed_topics(settings),
            settings.kafka_security,
        )
        new = await rebuild.prepare()
        old = rebuild.previous.generation
        console.print(f"live generation [bold]{old}[/], rebuilding into [bold]{new}[/]")
        if rebuild.previous.catching_up:
            console.print(f"[yellow]{old} was left catching up: projections wait for a switch[/]")
        loop = asyncio.get_running_loop()
        started = loop.time()
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.0f} events/s"),
            TimeElapsedColumn(),
            console=console,
        ) as bar:
            task = bar.add_task("replaying", total=None, rate=0.0)

            def progress(done: int, todo: int) -> None:
                elapsed = max(loop.time() - started, 1e-6)
                bar.update(task, completed=done, total=todo, rate=done / elapsed)

            # Up to what the live consumer has committed, so only its lag can differ.
            await rebuild.replay(settings.consumer_group, progress)
        rate = rebuild.events / max(loop.time() - started, 1e-6)
        console.print(f"{rebuild.events} events at {rate:.0f} events/s")
        diff = await differences(rebuild.db, old, new)
        _show(diff)
        if any(d.diverged for d in diff.values()) and not force:
            console.print(f"[red]not switched: {new} diverges from {old}[/] (--force to switch)")
            return 1
        if switch:
            before = rebuild.events
            await rebuild.switch()
            console.print(f"switched: [bold]{new}[/] is live ({rebuild.events - before} caught up)")
        return 0
    finally:
        await client.close()


def _show(diff: dict[str, Difference]) -> None:
    for name, d in diff.items():
        console.print(f"rebuilt vs live {name}: {d.diverged} diverged, {d.in_flight} in flight")


@app.callback()
def commands() -> None:
    """Rebuild the reporting read models from the event topics."""
    # A callback keeps `rebuild` a named subcommand (typer runs a lone command directly).


@app.command()
def rebuild(
    switch: bool = typer.Option(True, help="Make the rebuilt generation live afterwards."),
    force: bool = typer.Option(False, help="Switch even if the generations diverge."),
) -> None:
    """Replay every topic from the beginning into a new generation; exit 1 if it diverges."""
    raise typer.Exit(asyncio.run(run_rebuild(ReportingSettings(), switch, force)))


def main() -> None:
    """Console-script entry point."""
    app()
