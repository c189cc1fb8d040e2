"""Read .xlsx and .csv files lazily, row by row, so a 13,000-row file is never all in memory."""

import codecs
import contextlib
import csv
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import openpyxl  # type: ignore[import-untyped, unused-ignore]

from registration.domain.importing.cells import is_blank
from umkm_shared.errors import RefusalError

SUFFIXES = (".xlsx", ".csv")
DATA_SHEET = "data"
Row = tuple[int, dict[str, object]]


class UnreadableFileError(RefusalError):
    """The file is not a spreadsheet this importer can read; nothing was imported."""

    def __init__(self, pesan: str, message: str) -> None:
        super().__init__("invalid", pesan, message)


@dataclass
class Table:
    """The header row, an estimate of the data rows (for progress) and the rows themselves.

    Each row comes with its spreadsheet row number (the header is row 1), as a clerk sees it.
    Blank rows are skipped.
    """

    headers: list[str]
    estimated_rows: int | None
    rows: Iterator[Row]


Numbered = Iterator[tuple[int, Iterable[object]]]


def _unreadable(exc: Exception) -> UnreadableFileError:
    error = UnreadableFileError(
        "Isi berkas rusak dan tidak bisa dibaca sampai habis.",
        "The file's content is damaged and cannot be read to the end.",
    )
    error.__cause__ = exc
    return error


def _rows(headers: list[str], values: Numbered) -> Iterator[Row]:
    try:
        for number, cells in values:
            row = {h: v for h, v in zip(headers, cells, strict=False) if h}
            if not all(is_blank(v) for v in row.values()):
                yield number, row
    except (csv.Error, zipfile.BadZipFile, SyntaxError, ValueError, KeyError) as exc:
        raise _unreadable(exc) from exc


def _header(values: Numbered) -> tuple[int, list[str]]:
    """The first row that is not blank, and its number."""
    for number, cells in values:
        headers = ["" if c is None else str(c).strip() for c in cells]
        if any(headers):
            return number, headers
    return 0, []


@contextlib.contextmanager
def _xlsx(path: Path) -> Iterator[Table]:
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableFileError(
            "Berkas bukan .xlsx yang bisa dibaca (simpan ulang sebagai Excel Workbook).",
            "The file is not a readable .xlsx (save it again as an Excel Workbook).",
        ) from exc
    try:
        sheet = book[DATA_SHEET] if DATA_SHEET in book.sheetnames else book.worksheets[0]
        declared: int | None = sheet.max_row
        sheet.reset_dimensions()  # some writers declare a wrong size; read what is there
        values = enumerate(sheet.iter_rows(values_only=True), start=1)
        number, headers = _header(values)
        estimate = max(declared - number, 0) if declared else None
        yield Table(headers, estimate, _rows(headers, values))
    finally:
        book.close()


def _encoding_and_lines(path: Path) -> tuple[str, int]:
    """UTF-8 (with or without BOM) if the whole file decodes so, else Windows-1252 (old Excel)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines, encoding = 0, "utf-8-sig"
    with path.open("rb") as raw:
        while chunk := raw.read(1 << 16):
            lines += chunk.count(b"\n")
            if encoding != "cp1252":
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    encoding = "cp1252"
    return encoding, lines


def _delimiter(header_line: str) -> str:
    """`;` where Excel's list separator is `;` (as in Indonesian settings), else `,` or tab."""
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


@contextlib.contextmanager
def _csv(path: Path) -> Iterator[Table]:
    encoding, lines = _encoding_and_lines(path)
    stream: IO[str]
    with path.open(encoding=encoding, errors="replace", newline="") as stream:
        delimiter = _delimiter(stream.readline())
        stream.seek(0)
        records = enumerate(csv.reader(stream, delimiter=delimiter), start=1)
        try:
            number, headers = _header(records)
        except csv.Error as exc:
            raise _unreadable(exc) from exc
        yield Table(headers, max(lines - number, 0), _rows(headers, records))


@contextlib.contextmanager
def open_table(path: Path) -> Iterator[Table]:
    """The file's table; UnreadableFileError if it is not a .xlsx or .csv that can be read."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableFileError(
            "Hanya berkas .xlsx atau .csv yang bisa diimpor.", "Only .xlsx or .csv files."
        )
    opener = _xlsx if suffix == ".xlsx" else _csv
    with opener(path) as table:
        yield table
