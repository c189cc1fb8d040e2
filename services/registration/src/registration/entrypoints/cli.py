"""`umkm-registration-import FILE [--report PATH]`: import a spreadsheet from a terminal.

It writes SMEs (with their pending events) straight to the registration database; a running
registration service's outbox relay publishes the events (it polls for them), so the CLI
needs no Kafka. It asks for no token: the database credentials and NIK keys it runs with are
its authorization (an operator's tool, any kabupaten; its events carry no actor).
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated

import typer
from pymongo.errors import PyMongoError
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table as RichTable
from rich.text import Text

from registration.adapters.importing import importer
from registration.adapters.importing.known import RegisteredKeys
from registration.adapters.importing.readers import UnreadableFileError, open_table
from registration.adapters.importing.report import report_format, report_lines, write_report
from registration.config import RegistrationSettings
from registration.domain.importing.outcomes import ImportAbortedError, ImportResult
from registration.domain.importing.outcomes import Progress as Counts
from registration.domain.importing.template import check_headers
from registration.entrypoints.app import build_service
from registration.service import RegistrationService
from umkm_shared.mongo import connect

app = typer.Typer(add_completion=False, help=__doc__)
console = Console(stderr=True)


class RowsPerSecond(ProgressColumn):
    """Import speed, in rows per second."""

    def render(self, task: Task) -> Text:
        """The speed column's text."""
        speed = task.speed
        if task.finished_time:  # rich forgets the speed of a finished task; give the average
            speed = task.completed / task.finished_time
        return Text(f"{speed or 0:,.0f} baris/s", style="progress.data.speed")


@contextlib.asynccontextmanager
async def open_service(settings: RegistrationSettings) -> AsyncIterator[RegistrationService]:
    """The registration service over the configured database (as the lifespan builds it)."""
    client = connect(settings.mongodb_url)
    try:
        yield await build_service(settings, client.get_database(settings.mongodb_database))
    finally:
        await client.close()


async def run_import(file: Path, settings: RegistrationSettings, chunk_size: int) -> ImportResult:
    """Import `file` with a progress bar; UnreadableFileError for a file it cannot use."""
    with open_table(file) as table:
        check = check_headers(table.headers)
        if check.fatal:
            raise UnreadableFileError(*check.describe())
        if check.ignored:
            console.print(f"Kolom diabaikan / ignored columns: {', '.join(check.ignored)}")
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   RowsPerSecond(), TimeElapsedColumn(), TimeRemainingColumn())  # fmt: skip
        async with open_service(settings) as service:
            with Progress(*columns, console=console) as bar:
                task = bar.add_task(f"Impor {file.name}", total=table.estimated_rows)

                def show(p: Counts) -> None:
                    bar.update(task, completed=p.processed)

                result = await importer.import_rows(
                    table.rows,
                    service,
                    reference=service.reference,
                    known=await RegisteredKeys.load(service.repository, service.pseudonym_key),
                    on_progress=show,
                    chunk_size=chunk_size,
                )
                bar.update(task, total=result.summary.processed)
    return result


def _summary(result: ImportResult) -> RichTable:
    s = result.summary
    table = RichTable(title="Ringkasan impor / import summary")
    table.add_column("status")
    table.add_column("baris / rows", justify="right")
    table.add_row("diimpor / imported", f"{s.imported:,}")
    table.add_row("sudah terdaftar / already registered", f"{s.already_registered:,}")
    table.add_row("ditolak / rejected", f"{s.rejected:,}")
    table.add_row("jumlah / total", f"{s.processed:,}")
    return table


@app.command()
def run(
    file: Annotated[Path, typer.Argument(help=".xlsx or .csv in the import template.")],
    report: Annotated[
        Path | None, typer.Option("--report", "-r", help="Report to write (.xlsx or .csv).")
    ] = None,
    chunk_size: Annotated[
        int, typer.Option(min=1, max=5000, help="Rows per bulk write.")
    ] = importer.CHUNK,
) -> None:
    """Import UMKM from FILE; rejected rows are listed in the report, not fatal."""
    target = report or file.with_name(f"{file.stem}_laporan.xlsx")
    try:
        fmt = report_format(target)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--report") from None
    if not file.is_file():
        raise typer.BadParameter(f"no such file: {file}", param_hint="FILE")
    try:
        result = asyncio.run(run_import(file, RegistrationSettings(), chunk_size))
    except UnreadableFileError as unreadable:
        console.print(f"[red]{unreadable.pesan}[/red]\n{unreadable.message}")
        raise typer.Exit(1) from None
    except ImportAbortedError as aborted:
        console.print(f"[red]Impor terhenti; mengimpor ulang aman.[/red]\n{aborted}")
        raise typer.Exit(1) from None
    except PyMongoError as down:
        console.print(f"[red]Basis data tidak bisa dihubungi.[/red]\n{type(down).__name__}")
        raise typer.Exit(1) from None
    with target.open("wb") as stream:
        write_report(report_lines(result.outcomes), stream, fmt)
    out = Console()
    out.print(_summary(result))
    rate = result.summary.processed / result.seconds if result.seconds else 0.0
    out.print(f"{result.seconds:.1f} s, {rate:,.0f} baris/s")
    out.print(f"Laporan / report: {target}", soft_wrap=True)


def main() -> None:
    """Console-script entry point."""
    app()
