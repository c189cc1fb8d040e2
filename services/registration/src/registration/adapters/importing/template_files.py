"""The empty template as .xlsx (a `data` sheet plus a `petunjuk` guide) or .csv (headers only).

Regenerate the shipped copies after changing template.py (from the repository root):
    .venv/bin/python -m registration.adapters.importing.template_files \\
        services/registration/templates
"""

import io
import sys
from pathlib import Path
from typing import BinaryIO

import openpyxl  # type: ignore[import-untyped, unused-ignore]
from openpyxl.comments import Comment  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]

from registration.adapters.importing.readers import DATA_SHEET
from registration.adapters.importing.report import Format, write_csv
from registration.domain.importing.template import COLUMNS, DATES, FIGURES, HEADERS

FILE_STEM = "template_import_umkm"
GUIDE_SHEET = "petunjuk"
GUIDE_HEADERS = ("kolom", "wajib", "keterangan", "meaning", "contoh")
_REQUIRED_FILL = PatternFill("solid", start_color="FFF2CC")
_TEXT = "@"  # Excel's Text format: keeps leading zeros and all 16 digits of a NIK


def _data_sheet(book: openpyxl.Workbook) -> None:
    ws = book.worksheets[0]
    ws.title = DATA_SHEET
    ws.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index, value=column.name)
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = _REQUIRED_FILL
        wajib = "Wajib. " if column.required else ""
        cell.comment = Comment(
            f"{wajib}{column.keterangan}\n{column.meaning}\nContoh: {column.example}", "UMKM Juara"
        )
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = max(len(column.name) + 4, 16)
        if column.name not in FIGURES + DATES:
            ws.column_dimensions[letter].number_format = _TEXT  # new cells take the column's


def _guide_sheet(book: openpyxl.Workbook) -> None:
    ws = book.create_sheet(GUIDE_SHEET)
    ws.append(list(GUIDE_HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        wajib = "ya" if column.required else "tidak"
        ws.append([column.name, wajib, column.keterangan, column.meaning, column.example])
    for letter, width in zip("ABCDE", (18, 8, 60, 60, 34), strict=True):
        ws.column_dimensions[letter].width = width


def write_template(out: BinaryIO, fmt: Format) -> None:
    """The empty template: headers only, so no example row is ever imported by mistake."""
    if fmt == "csv":
        write_csv(out, HEADERS, [])
        return
    book = openpyxl.Workbook()
    _data_sheet(book)
    _guide_sheet(book)
    book.save(out)


def template_bytes(fmt: Format) -> bytes:
    """The template file's content."""
    buffer = io.BytesIO()
    write_template(buffer, fmt)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> None:
    """Write template_import_umkm.xlsx and .csv into the directory given."""
    target = Path((argv if argv is not None else sys.argv[1:] or ["."])[0])
    target.mkdir(parents=True, exist_ok=True)
    formats: tuple[Format, ...] = ("xlsx", "csv")
    for fmt in formats:
        (target / f"{FILE_STEM}.{fmt}").write_bytes(template_bytes(fmt))


if __name__ == "__main__":
    main()
