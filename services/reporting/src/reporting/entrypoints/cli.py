"""`reporting-replay`: rebuild the read models into a new generation, check, and switch."""

import asyncio

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from reporting.adapters.replay import Rebuild, differences
from reporting.config import ReportingSettings
from reporting.entrypoints.app import SERVICE
from umkm_shared.mongo import connect

app = typer.Typer(help="Rebuild the reporting read models from the event topics.")
console = Console()


async def _rebuild(settings: ReportingSettings, switch: bool) -> bool:
    client = connect(settings.mongodb_url)
    try:
        rebuild = Rebuild(
            client.get_database(settings.mongodb_database),
            settings.kafka_bootstrap_servers,
            SERVICE.consumed_topics(settings),
            settings.kafka_security,
        )
        old = await rebuild.live.current()
        new = await rebuild.prepare()
        console.print(f"live generation [bold]{old}[/], rebuilding into [bold]{new}[/]")
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.0f} events/s"),
            TimeElapsedColumn(),
            console=console,
        ) as bar:
            task = bar.add_task("replaying", total=None, rate=0.0)
            started = asyncio.get_running_loop().time()

            def progress(done: int, todo: int) -> None:
                elapsed = max(asyncio.get_running_loop().time() - started, 1e-6)
                bar.update(task, completed=done, total=todo, rate=done / elapsed)

            rate = await rebuild.run_pass(progress)
        console.print(f"{rebuild.events} events at {rate:.0f} events/s")
        diff = await differences(rebuild.db, old, new)
        equal = not any(diff.values())
        console.print(f"rebuilt vs live: {'EQUAL' if equal else diff}")
        if switch:
            await rebuild.switch()
            await rebuild.run_pass(lambda _d, _t: None)  # what the live side did meanwhile
            console.print(f"switched: [bold]{new}[/] is live")
        return equal
    finally:
        await client.close()


@app.callback()
def commands() -> None:
    """Rebuild the reporting read models from the event topics."""
    # A callback keeps `rebuild` a named subcommand (typer runs a lone command directly).


@app.command()
def rebuild(
    switch: bool = typer.Option(True, help="Make the rebuilt generation live afterwards."),
) -> None:
    """Replay every topic from the beginning into a new generation; exit 1 if it differs."""
    equal = asyncio.run(_rebuild(ReportingSettings(), switch))
    raise typer.Exit(0 if equal else 1)


def main() -> None:
    """Console-script entry point."""
    app()
