"""Spreadsheet rows to RegisterSme commands: cells passed on faithfully, unreadable cells named."""

from datetime import date, datetime

import pytest

from registration.adapters.regions import LokalReference
from registration.domain.commands import RegisterSme
from registration.domain.errors import FieldProblem
from registration.domain.importing.rows import parse_row
from registration.domain.importing.template import HEADERS, check_headers, column_for_field
from registration.domain.values import Financials

LOKAL = LokalReference()
ROW: dict[str, object] = {
    "nama_usaha": "Keripik Tempe Bu Sari",
    "nik_pemilik": "3216014506900001",
    "nib": "9120001234567",
    "kbli": "10792",
    "kode_kabupaten": "32.16",
    "kode_kecamatan": "32.16.01",
    "kode_desa": "32.16.01.2001",
    "no_hp": "0812-3456-7890",
    "email": "bu.sari@example.com",
    "modal_usaha": "Rp 250.000.000",
    "omzet_tahunan": 480_000_000,
    "jumlah_karyawan": 4,
    "tanggal_data": "2022-06-30",
}


def command(row: dict[str, object]) -> RegisterSme:
    parsed = parse_row(row, LOKAL)
    assert isinstance(parsed, RegisterSme), parsed
    return parsed


def errors(row: dict[str, object]) -> dict[str, FieldProblem]:
    parsed = parse_row(row, LOKAL)
    assert isinstance(parsed, list), parsed
    return {e.field: e for e in parsed}


def test_a_complete_row_becomes_the_command_it_describes() -> None:
    assert command(ROW) == RegisterSme(
        business_name="Keripik Tempe Bu Sari",
        owner_nik="3216014506900001",
        kbli="10792",
        kabupaten_code="32.16",
        kecamatan_code="32.16.01",
        desa_code="32.16.01.2001",
        nib="9120001234567",
        phone="0812-3456-7890",
        email="bu.sari@example.com",
        financials=Financials(250_000_000, 480_000_000, 4, date(2022, 6, 30)),
    )


def test_only_the_required_columns_are_needed() -> None:
    minimal = {k: ROW[k] for k in ("nama_usaha", "nik_pemilik", "kbli", "kode_kabupaten",
                                   "kode_kecamatan")}  # fmt: skip
    cmd = command(minimal)
    assert (cmd.nib, cmd.desa_code, cmd.phone, cmd.email, cmd.financials) == (None,) * 5


def test_values_are_passed_on_as_typed_for_the_service_to_judge() -> None:
    cmd = command({**ROW, "kbli": "1079", "no_hp": "12345", "modal_usaha": "-5.000.000"})
    assert (cmd.kbli, cmd.phone) == ("1079", "12345")
    assert cmd.financials is not None
    assert cmd.financials.business_capital == -5_000_000  # the sign is kept, to be refused


def test_cells_are_trimmed_and_blank_optional_cells_are_none() -> None:
    cmd = command({**ROW, "nama_usaha": "  Keripik  ", "nib": "  ", "email": None})
    assert (cmd.business_name, cmd.nib, cmd.email) == ("Keripik", None, None)


@pytest.mark.parametrize(
    "header",
    ["Nama Usaha", "NAMA_USAHA", "nama usaha *", "Nama-Usaha (business name)", " nama_umkm "],
)
def test_header_variations_are_accepted_case_insensitively(header: str) -> None:
    row = {k: v for k, v in ROW.items() if k != "nama_usaha"} | {header: "Warung Bu Ani"}
    assert command(row).business_name == "Warung Bu Ani"


def test_aliases_name_the_same_columns() -> None:
    row: dict[str, object] = {"NIK": "3216014506900001", "Nama UMKM": "Batik", "KBLI": "13134",
           "Kabupaten": "32.16", "Kecamatan": "32.16.01", "No. HP": "081234567890",
           "Omzet": "Rp 1,5 M", "Modal": "250 juta", "Tanggal": "30/06/2022"}  # fmt: skip
    cmd = command(row)
    assert cmd.phone == "081234567890"
    assert cmd.financials == Financials(250_000_000, 1_500_000_000, 0, date(2022, 6, 30))


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        ("Rp 250.000.000", 250_000_000),
        ("Rp250.000.000,00", 250_000_000),
        ("250000000", 250_000_000),
        ("1,5 M", 1_500_000_000),
        ("250 juta", 250_000_000),
        ("IDR 1.000", 1_000),
        ("Rp -5.000", -5_000),
        ("(5.000)", -5_000),
        (250_000_000.0, 250_000_000),
        (0, 0),
    ],
)
def test_rupiah_cells_may_be_numbers_or_written_amounts(cell: object, amount: int) -> None:
    financials = command({**ROW, "modal_usaha": cell}).financials
    assert financials is not None
    assert financials.business_capital == amount


@pytest.mark.parametrize("cell", ["abc", "2jtan", "Rp 1,5", 1500.5, True, datetime(2022, 1, 1)])
def test_a_money_cell_that_is_no_exact_whole_rupiah_is_refused(cell: object) -> None:
    problem = errors({**ROW, "omzet_tahunan": cell})["omzet_tahunan"]
    assert problem.pesan
    assert problem.message


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        (datetime(2022, 6, 30), date(2022, 6, 30)),
        (date(2022, 6, 30), date(2022, 6, 30)),
        ("2022-06-30", date(2022, 6, 30)),
        ("30/06/2022", date(2022, 6, 30)),
        ("1/6/2022", date(2022, 6, 1)),
        (44742, date(2022, 6, 30)),  # an Excel serial number in a General cell
    ],
)
def test_dates_may_be_excel_dates_iso_or_day_first(cell: object, day: date) -> None:
    financials = command({**ROW, "tanggal_data": cell}).financials
    assert financials is not None
    assert financials.as_of == day


@pytest.mark.parametrize("cell", ["31/02/2022", "06/30/2022", "kemarin", "30/06/22"])
def test_an_unreadable_date_is_refused_in_both_languages(cell: str) -> None:
    problem = errors({**ROW, "tanggal_data": cell})["tanggal_data"]
    assert "tanggal" in problem.pesan
    assert "date" in problem.message


@pytest.mark.parametrize("cell", ["empat", "4,5", 4.5])
def test_an_employee_count_must_be_a_whole_number(cell: object) -> None:
    assert set(errors({**ROW, "jumlah_karyawan": cell})) == {"jumlah_karyawan"}


def test_employees_left_blank_count_as_none_employed() -> None:
    financials = command({**ROW, "jumlah_karyawan": None}).financials
    assert financials is not None
    assert financials.employees == 0


def test_figures_come_together_or_not_at_all() -> None:
    row = {**ROW, "omzet_tahunan": None, "tanggal_data": ""}
    assert set(errors(row)) == {"omzet_tahunan", "tanggal_data"}
    blank = dict.fromkeys(("modal_usaha", "omzet_tahunan", "jumlah_karyawan", "tanggal_data"))
    assert command({**ROW, **blank}).financials is None


def test_missing_required_cells_are_all_named() -> None:
    row = {**ROW, "nama_usaha": " ", "kbli": None, "kode_kecamatan": ""}
    assert set(errors(row)) == {"nama_usaha", "kbli", "kode_kecamatan"}
    assert errors(row)["kbli"].pesan == "Kolom kbli wajib diisi."


def test_every_cell_problem_in_a_row_is_reported_at_once() -> None:
    row = {**ROW, "nama_usaha": None, "modal_usaha": "abc", "tanggal_data": "kemarin"}
    assert set(errors(row)) == {"nama_usaha", "modal_usaha", "tanggal_data"}


@pytest.mark.parametrize("cell", [3216014506900001, 3.216014506900001e15, "3,21601E+15"])
def test_a_nik_that_excel_stored_as_a_number_is_refused_and_never_echoed(cell: object) -> None:
    problem = errors({**ROW, "nik_pemilik": cell})["nik_pemilik"]
    assert "Teks" in problem.pesan
    assert "3216" not in problem.pesan + problem.message


def test_a_nik_typed_into_the_wrong_column_is_masked_in_the_message() -> None:
    problem = errors({**ROW, "tanggal_data": "3216014506900001"})["tanggal_data"]
    assert "3216014506900001" not in problem.pesan + problem.message
    assert "3216********0001" in problem.pesan


def test_number_cells_in_code_columns_read_as_their_digits() -> None:
    cmd = command({**ROW, "nib": 9120001234567, "kbli": 10792.0, "kode_kabupaten": 32.1})
    assert (cmd.nib, cmd.kbli, cmd.kabupaten_code) == ("9120001234567", "10792", "32.10")


def test_unknown_columns_are_ignored() -> None:
    assert command({**ROW, "catatan": "pindah alamat"}).business_name == "Keripik Tempe Bu Sari"


def test_a_header_row_without_required_columns_is_fatal() -> None:
    check = check_headers(["Nama Usaha", "NIB", "catatan", "nib"])
    assert check.fatal
    assert check.missing == ["nik_pemilik", "kbli", "kode_kabupaten", "kode_kecamatan"]
    assert check.duplicated == ["nib"]
    assert check.ignored == ["catatan"]
    assert not check_headers(list(HEADERS)).fatal


@pytest.mark.parametrize(
    ("field", "column"),
    [
        ("owner_nik", "nik_pemilik"),
        ("contacts.phone", "no_hp"),
        ("financials.as_of", "tanggal_data"),
        ("desa_code", "kode_desa"),
        ("body", "body"),
    ],
)
def test_service_field_errors_are_reported_against_the_template_column(
    field: str, column: str
) -> None:
    assert column_for_field(field) == column
