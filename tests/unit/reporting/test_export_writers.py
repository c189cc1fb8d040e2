"""Exports are written whatever text the read models hold (names stored before it was checked)."""

import csv
import io
from datetime import date

from openpyxl import load_workbook  # type: ignore[import-untyped]

from reporting.adapters.exports.layout import TABLES, Report
from reporting.adapters.exports.writers import to_csv, to_xlsx

DIRTY = "Keripik\x00Tempe\x1b[31m Bu\x0bSari\ufffe"


def _report() -> Report:
    title, columns = TABLES["smes"]
    return Report(title, date(2022, 6, 20), columns, [{"sme_id": "sme-1", "business_name": DIRTY}])


def test_control_characters_in_a_stored_name_are_left_out_of_the_xlsx_export() -> None:
    sheet = load_workbook(io.BytesIO(to_xlsx(_report()))).active
    assert sheet.cell(row=5, column=2).value == "KeripikTempe[31m BuSari"


def test_control_characters_in_a_stored_name_are_left_out_of_the_csv_export() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(_report()).decode("utf-8-sig")), delimiter=";"))
    assert rows[4][:2] == ["sme-1", "KeripikTempe[31m BuSari"]
