"""The per-row report: one line per imported or known row, one per field error of a refused row."""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

import openpyxl  # type: ignore[import-untyped, unused-ignore]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Font  # type: ignore[import-untyped, unused-ignore]

from registration.domain.importing.outcomes import AlreadyRegistered, Imported, Outcome
from registration.domain.importing.template import column_for_field

Format = Literal["csv", "xlsx"]
HEADERS = ("baris", "status", "sme_id", "kolom", "pesan", "message")
IMPORTED, KNOWN, REFUSED = "diimpor", "sudah_terdaftar", "ditolak"
MEDIA_TYPES: dict[Format, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_KEYS = {  # how a known SME was recognised: (column, Indonesian, English)
    "nib": ("nib", "NIB yang sama", "the same NIB"),
    "owner_business": (
        "nik_pemilik",
        "pemilik dan nama usaha yang sama",
        "the same owner and name",
    ),
    "idempotency_key": ("", "impor sebelumnya", "an earlier import"),
}


@dataclass(frozen=True)
class ReportLine:
    """One line of the report (headers in HEADERS)."""

    baris: int
    status: str
    sme_id: str
    kolom: str
    pesan: str
    message: str

    def values(self) -> tuple[int, str, str, str, str, str]:
        """The cells, in HEADERS order."""
        return (self.baris, self.status, self.sme_id, self.kolom, self.pesan, self.message)


def _known(outcome: AlreadyRegistered) -> ReportLine:
    column, why, how = _KEYS.get(outcome.key, (outcome.key, outcome.key, outcome.key))
    here, there = "", ""
    if outcome.first_row is not None:
        here, there = f" di baris {outcome.first_row}", f" in row {outcome.first_row}"
    return ReportLine(
        outcome.row,
        KNOWN,
        outcome.existing_id,
        column,
        f"Sudah terdaftar{here} dengan {why}: {outcome.existing_id}; tidak diimpor lagi.",
        f"Already registered{there} with {how}: {outcome.existing_id}; not imported again.",
    )


def report_lines(outcomes: Iterable[Outcome]) -> Iterator[ReportLine]:
    """The report, in the outcomes' order."""
    for outcome in outcomes:
        if isinstance(outcome, Imported):
            yield ReportLine(outcome.row, IMPORTED, outcome.sme_id, "", "Terdaftar.", "Registered.")
        elif isinstance(outcome, AlreadyRegistered):
            yield _known(outcome)
        else:
            for error in outcome.errors:
                kolom = column_for_field(error.field)
                yield ReportLine(outcome.row, REFUSED, "", kolom, error.pesan, error.message)


def report_format(path: Path) -> Format:
    """`csv` or `xlsx` from the file name; ValueError for anything else."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "csv":
        return "csv"
    if suffix == "xlsx":
        return "xlsx"
    raise ValueError(f"a report is .csv or .xlsx, not {path.name!r}")


def write_csv(out: BinaryIO, headers: Iterable[str], rows: Iterable[Iterable[object]]) -> None:
    """UTF-8 with a BOM, so Excel shows Indonesian text correctly."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(headers)
    writer.writerows(rows)
    text.flush()
    text.detach()


def write_xlsx(
    out: BinaryIO, headers: Iterable[str], rows: Iterable[Iterable[object]], sheet: str
) -> None:
    """A streamed workbook (write-only mode keeps memory flat) with a bold header row."""
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    titles = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=header)
        cell.font = bold
        titles.append(cell)
    ws.append(titles)
    for row in rows:
        ws.append(list(row))
    book.save(out)


def write_report(lines: Iterable[ReportLine], out: BinaryIO, fmt: Format) -> None:
    """Write the report to a binary stream as .csv or .xlsx."""
    rows = (line.values() for line in lines)
    if fmt == "csv":
        write_csv(out, HEADERS, rows)
    else:
        write_xlsx(out, HEADERS, rows, "laporan")
