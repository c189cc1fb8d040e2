"""CSV and XLSX renderings of a Report."""

import csv
import io
import re
from typing import Any

from reporting.adapters.exports.layout import Report, display

RUPIAH_FORMAT = '"Rp"#,##0'
"""Excel shows the amount with the Rp sign and the workbook locale's thousands separator."""
NUMBER_FORMATS = {"rupiah": RUPIAH_FORMAT, "int": "#,##0", "pct": '0.0"%"'}
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Control characters (line breaks and tabs aside), surrogates and noncharacters: XML refuses
most of them (openpyxl raises), and none belongs in a cell. Names stored before the API
refused them may still hold some."""


def clean(value: Any) -> Any:  # noqa: ANN401 - cells are any JSON value
    """A cell's value with unwritable characters removed; other values unchanged."""
    return UNWRITABLE.sub("", value) if isinstance(value, str) else value


def to_csv(report: Report) -> bytes:
    """Semicolon-separated (Indonesian Excel opens it as columns), UTF-8 with BOM."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([report.title])
    writer.writerow([report.date_line])
    writer.writerow([])
    writer.writerow([c.header for c in report.columns])
    for row in report.rows:
        writer.writerow([clean(display(row.get(c.key), c.kind)) for c in report.columns])
    return ("\ufeff" + out.getvalue()).encode()


def to_xlsx(report: Report) -> bytes:
    """A workbook with the title, the date, bold headers and numbers kept as numbers."""
    # openpyxl (and numpy under it) takes most of a second to import: only when one is asked for.
    from openpyxl import Workbook  # type: ignore[import-untyped]  # noqa: PLC0415
    from openpyxl.styles import Font  # type: ignore[import-untyped]  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook always has one sheet
    sheet.title = "Laporan"
    sheet["A1"] = report.title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = report.date_line
    for col, column in enumerate(report.columns, start=1):
        cell = sheet.cell(row=4, column=col, value=column.header)
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(12, len(column.header) + 2)
    for r, row in enumerate(report.rows, start=5):
        for col, column in enumerate(report.columns, start=1):
            cell = sheet.cell(row=r, column=col, value=clean(row.get(column.key)))
            if column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
