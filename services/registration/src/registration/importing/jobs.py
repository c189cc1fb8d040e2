"""An import run for the API: take in an uploaded file, import it, keep progress and report.

The uploaded file holds NIKs: it lives in a temporary file only while it is imported.
"""

import asyncio
import contextlib
import logging
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from pymongo.errors import PyMongoError

from registration.importing.importer import import_rows
from registration.importing.known import RegisteredKeys
from registration.importing.outcomes import ImportAbortedError, Progress
from registration.importing.readers import UnreadableFileError, open_table
from registration.importing.report import report_lines
from registration.importing.store import ImportStore
from registration.importing.template import HeaderCheck, check_headers
from registration.service import RegistrationService

log = logging.getLogger(__name__)
PROGRESS_EVERY = 1.0  # seconds between progress writes


def receive(upload: BinaryIO, suffix: str) -> tuple[Path, HeaderCheck, int | None]:
    """The upload in a temporary file, its header checked; the file is removed if unusable.

    Blocking: run it in a thread.
    """
    with tempfile.NamedTemporaryFile(prefix="umkm-import-", suffix=suffix, delete=False) as out:
        shutil.copyfileobj(upload, out)
    path = Path(out.name)
    try:
        with open_table(path) as table:
            check, estimate = check_headers(table.headers), table.estimated_rows
    except UnreadableFileError:
        path.unlink(missing_ok=True)
        raise
    if check.fatal:
        path.unlink(missing_ok=True)
    return path, check, estimate


def _why(exc: Exception) -> tuple[str, str]:
    """(Indonesian, English) reason; exception texts may quote cells, so only types and rows."""
    if isinstance(exc, UnreadableFileError):
        return exc.pesan, exc.message
    pesan = "Impor terhenti; mengimpor ulang berkas yang sama aman."
    if isinstance(exc, ImportAbortedError):
        return pesan, f"{exc}; re-importing the file is safe."
    return pesan, f"The import stopped ({type(exc).__name__}); re-importing the file is safe."


async def run_import(
    service: RegistrationService, store: ImportStore, import_id: str, path: Path
) -> None:
    """Import `path` (then delete it), writing progress as it goes and the report at the end."""
    latest = Progress()

    def seen(progress: Progress) -> None:
        nonlocal latest
        latest = progress

    try:
        known = await RegisteredKeys.load(service)
        with contextlib.ExitStack() as opened:
            # Opening a workbook parses its first rows: off the event loop, like the rest.
            table = await asyncio.to_thread(opened.enter_context, open_table(path))
            work = asyncio.create_task(
                import_rows(table.rows, service, known=known, on_progress=seen)
            )
            try:
                while not work.done():
                    await asyncio.wait({work}, timeout=PROGRESS_EVERY)
                    await store.progress(import_id, latest)
            finally:
                work.cancel()
            result = work.result()
        lines = report_lines(result.outcomes)
        await store.finish(import_id, result.summary, lines, result.seconds, datetime.now(UTC))
    except Exception as exc:
        log.error("import %s failed: %s", import_id, type(exc).__name__)  # noqa: TRY400 - no cells
        with contextlib.suppress(PyMongoError):
            await store.fail(import_id, *_why(exc), datetime.now(UTC))
    finally:
        await asyncio.to_thread(path.unlink, missing_ok=True)
