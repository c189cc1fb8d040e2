"""An uploaded file taken in for import: into a temporary file, its header row checked."""

import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from registration.adapters.importing.readers import UnreadableFileError, open_table
from registration.domain.importing.template import HeaderCheck, check_headers


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
