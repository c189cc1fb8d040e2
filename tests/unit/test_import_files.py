"""Reading uploaded spreadsheets, writing reports, and the shipped template files."""

import io
from pathlib import Path

import openpyxl  # type: ignore[import-untyped, unused-ignore]
import pytest

from registration.adapters.importing.readers import UnreadableFileError, open_table
from registration.adapters.importing.report import HEADERS, ReportLine, report_lines, write_report
from registration.adapters.importing.template_files import FILE_STEM, template_bytes
from registration.domain.errors import FieldProblem
from registration.domain.importing.outcomes import AlreadyRegistered, Imported, Outcome, Rejected
from registration.domain.importing.template import COLUMNS
from registration.domain.importing.template import HEADERS as TEMPLATE_HEADERS

SHIPPED = Path(__file__).parents[2] / "services" / "registration" / "templates"


def read(path: Path) -> tuple[list[str], list[tuple[int, dict[str, object]]]]:
    with open_table(path) as table:
        return table.headers, list(table.rows)


def test_a_semicolon_csv_from_indonesian_excel_is_read_with_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("\ufeffnama_usaha;kbli\nKeripik;10792\n;\nBatik;13134\n".encode())
    headers, rows = read(path)
    assert headers == ["nama_usaha", "kbli"]
    assert rows == [
        (2, {"nama_usaha": "Keripik", "kbli": "10792"}),
        (4, {"nama_usaha": "Batik", "kbli": "13134"}),  # the blank row 3 is skipped
    ]


def test_a_comma_csv_in_windows_1252_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("nama_usaha,kbli\nCaf\xe9 Bu Ani,56101\n".encode("cp1252"))
    assert read(path)[1] == [(2, {"nama_usaha": "Café Bu Ani", "kbli": "56101"})]


def test_an_xlsx_is_read_from_its_data_sheet_with_real_row_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.worksheets[0].title = "petunjuk"
    book["petunjuk"].append(["kolom", "keterangan"])
    data = book.create_sheet("data")
    data.append(["nama_usaha", "modal_usaha"])
    data.append(["Keripik", 250_000_000])
    data.append([None, None])
    data.append(["Batik", "Rp 1.000.000"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    headers, rows = read(path)
    assert headers == ["nama_usaha", "modal_usaha"]
    assert rows == [
        (2, {"nama_usaha": "Keripik", "modal_usaha": 250_000_000}),
        (4, {"nama_usaha": "Batik", "modal_usaha": "Rp 1.000.000"}),
    ]


@pytest.mark.parametrize(("name", "content"), [("a.xlsx", b"not a zip"), ("a.txt", b"x")])
def test_a_file_that_is_no_spreadsheet_is_refused_in_both_languages(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError) as refused:
        read(path)
    assert refused.value.pesan
    assert refused.value.message


def test_the_report_has_a_line_per_row_and_one_per_field_error() -> None:
    outcomes: list[Outcome] = [
        Imported(2, "sme-000000000001"),
        AlreadyRegistered(3, "sme-000000000001", "nib", first_row=2),
        Rejected(4, (FieldProblem("owner_nik", "NIK salah.", "Bad NIK."),
                     FieldProblem("contacts.phone", "HP salah.", "Bad phone."))),
        AlreadyRegistered(5, "sme-00000000000f", "owner_business"),
    ]  # fmt: skip
    lines = list(report_lines(outcomes))
    assert [(x.baris, x.status, x.sme_id, x.kolom) for x in lines] == [
        (2, "diimpor", "sme-000000000001", ""),
        (3, "sudah_terdaftar", "sme-000000000001", "nib"),
        (4, "ditolak", "", "nik_pemilik"),
        (4, "ditolak", "", "no_hp"),
        (5, "sudah_terdaftar", "sme-00000000000f", "nik_pemilik"),
    ]
    assert "baris 2" in lines[1].pesan
    assert "row 2" in lines[1].message
    assert (lines[2].pesan, lines[2].message) == ("NIK salah.", "Bad NIK.")


LINES = [
    ReportLine(2, "diimpor", "sme-000000000001", "", "Terdaftar.", "Registered."),
    ReportLine(3, "ditolak", "", "modal_usaha", "'abc' bukan nilai rupiah.", "Not Rupiah."),
]


def test_a_csv_report_opens_in_excel_with_indonesian_headers() -> None:
    out = io.BytesIO()
    write_report(LINES, out, "csv")
    text = out.getvalue().decode("utf-8")
    assert text.startswith("\ufeffbaris,status,sme_id,kolom,pesan,message\r\n")
    assert "3,ditolak,,modal_usaha,'abc' bukan nilai rupiah.,Not Rupiah." in text


def test_an_xlsx_report_holds_the_same_lines() -> None:
    out = io.BytesIO()
    write_report(LINES, out, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()), read_only=True)
    empty_as_none = [tuple(v if v != "" else None for v in line.values()) for line in LINES]
    assert list(book["laporan"].iter_rows(values_only=True)) == [HEADERS, *empty_as_none]


def test_the_shipped_csv_template_is_the_one_template_py_describes() -> None:
    assert (SHIPPED / f"{FILE_STEM}.csv").read_bytes() == template_bytes("csv")


def test_the_shipped_xlsx_template_has_the_headers_and_a_guide_for_every_column() -> None:
    book = openpyxl.load_workbook(SHIPPED / f"{FILE_STEM}.xlsx")
    assert [c.value for c in book["data"][1]] == list(TEMPLATE_HEADERS)
    assert book["data"].max_row == 1  # no example row that could be imported by mistake
    guide = list(book["petunjuk"].iter_rows(min_row=2, values_only=True))
    assert guide == [
        (c.name, "ya" if c.required else "tidak", c.keterangan, c.meaning, c.example)
        for c in COLUMNS
    ]
    assert book["data"].column_dimensions["B"].number_format == "@"  # NIK typed as text
