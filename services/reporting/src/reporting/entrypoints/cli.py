"""`reporting-replay`: rebuild the read models into a new generation, check, and switch."""

import asyncio

import typer
from pymongo.asynchronous.database import AsyncDatabase
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from reporting.adapters.generations import FencedError
from reporting.adapters.rebuild_lease import HeldLease, LeaseHeldError, LeaseLostError, holding
from reporting.adapters.replay import Difference, Rebuild, differences
from reporting.config import ReportingSettings
from reporting.entrypoints.app import SERVICE
from umkm_shared.mongo import Document, connect

app = typer.Typer(help="Rebuild the reporting read models from the event topics.")
console = Console()

BUSY = 75
"""The exit code when another rebuild holds the lease or took it over (sysexits EX_TEMPFAIL)."""


async def run_rebuild(
    settings: ReportingSettings, switch: bool = True, force: bool = False, break_lease: bool = False
) -> int:
    """Under the rebuild lease: rebuild, compare and (unless they diverge) switch; the exit code."""
    client = connect(settings.mongodb_url)
    db = client.get_database(settings.mongodb_database)
    try:
        async with holding(db, breaking=break_lease) as lease:
            _say(f"holding the rebuild lease as {lease.holder} (token {lease.token})", "dim")
            if lease.took_over:
                _say(lease.took_over, "yellow")
            return await _rebuild(settings, db, lease, switch, force)
    except LeaseHeldError as error:
        _say(f"not rebuilding: {error}", "red")
        return BUSY
    except (LeaseLostError, FencedError) as error:
        _say(f"rebuild stopped: {error}", "red")
        return BUSY
    finally:
        await client.close()


async def _rebuild(
    settings: ReportingSettings,
    db: AsyncDatabase[Document],
    lease: HeldLease,
    switch: bool,
    force: bool,
) -> int:
    rebuild = Rebuild(
        db,
        settings.kafka_bootstrap_servers,
        SERVICE.consumed_topics(settings),
        settings.kafka_security,
        lease,
    )
    new = await rebuild.prepare()
    old = rebuild.previous.generation
    console.print(f"live generation [bold]{old}[/], rebuilding into [bold]{new}[/]")
    if rebuild.dropped:
        console.print(f"dropped earlier generations: {', '.join(rebuild.dropped)}")
    if rebuild.previous.catching_up:
        console.print(f"[yellow]{old} was left catching up: projections wait for a switch[/]")
    await _replay(rebuild, settings.consumer_group)
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


async def _replay(rebuild: Rebuild, group: str) -> None:
    """Replay up to what `group` has committed (so only its lag can differ), with progress."""
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

        await rebuild.replay(group, progress)
    rate = rebuild.events / max(loop.time() - started, 1e-6)
    console.print(f"{rebuild.events} events at {rate:.0f} events/s")


def _say(message: str, style: str) -> None:
    # One line however long: operators and tests grep for the holder's name.
    console.print(message, style=style, markup=False, highlight=False, soft_wrap=True)


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
    break_lease: bool = typer.Option(
        False,
        help="Take the rebuild lease from a holder that stopped sending heartbeats "
        "(refused while its heartbeat is fresh).",
    ),
) -> None:
    """Replay every topic from the beginning into a new generation; exit 1 if it diverges,
    75 if another rebuild holds the lease."""
    raise typer.Exit(asyncio.run(run_rebuild(ReportingSettings(), switch, force, break_lease)))


def main() -> None:
    """Console-script entry point."""
    app()
