"""One spreadsheet row to a RegisterSme command, or the cell problems that stop it. Pure.

Values are passed on as the clerk typed them: validating them is the service's job. Only what
cannot be turned into the command's types (a word in a money column, an impossible date, a
missing required cell, a NIK that Excel has turned into a number) is reported here.
"""

from collections.abc import Mapping
from datetime import date

from registration.domain.commands import RegisterSme
from registration.domain.errors import FieldProblem
from registration.domain.importing import cells
from registration.domain.importing.template import FIGURES, REQUIRED, column_for_header
from registration.domain.reference import ReferenceData
from registration.domain.values import Financials

Cells = Mapping[str, object]
_TEXT_COLUMNS = ("nama_usaha", "nik_pemilik", "nib", "kbli", "kode_kabupaten", "kode_kecamatan",
                 "kode_desa", "no_hp", "email")  # fmt: skip
_LONG_NUMBERS = ("nib", "no_hp")


def by_column(row: Cells) -> dict[str, object]:
    """The row keyed by template column; unknown headers dropped, blank cells as None."""
    keyed: dict[str, object] = {}
    for header, value in row.items():
        column = column_for_header(header)
        if column is not None and not cells.is_blank(value):
            keyed[column] = value
    return keyed


OUTSIDE_REGION = FieldProblem(
    "kode_kabupaten",
    "Kabupaten/kota ini di luar wilayah Anda; baris ini tidak diimpor.",
    "This kabupaten/kota is outside your region; the row was not imported.",
)
"""A row of another region than the importing caller's (the value is not echoed)."""


def _required(column: str) -> FieldProblem:
    return FieldProblem(column, f"Kolom {column} wajib diisi.", f"Column {column} is required.")


def _nik_as_number() -> FieldProblem:
    return FieldProblem(
        "nik_pemilik",
        "NIK tersimpan sebagai angka; Excel membulatkan angka di atas 15 digit sehingga NIK bisa "
        "berubah. Format kolom sebagai Teks lalu ketik ulang NIK.",
        "The NIK is stored as a number; Excel rounds numbers beyond 15 digits, so it may have "
        "changed. Format the column as Text and type the NIK again.",
    )


def _scientific(column: str) -> FieldProblem:
    return FieldProblem(
        column,
        f"Kolom {column} tertulis dalam notasi ilmiah (mis. 3,2E+15); format kolom sebagai Teks.",
        f"Column {column} is in scientific notation (e.g. 3.2E+15); format the column as Text.",
    )


def _texts(cols: Mapping[str, object], errors: list[FieldProblem]) -> dict[str, str | None]:
    texts: dict[str, str | None] = {}
    for column in _TEXT_COLUMNS:
        value = cols.get(column)
        if column == "kode_kabupaten" and isinstance(value, float):
            value = f"{value:.2f}"  # "32.10" typed into a Number cell arrives as 32.1
        texts[column] = cells.text(value)
    nik = texts["nik_pemilik"]
    if isinstance(cols.get("nik_pemilik"), (int, float)) or (nik and cells.looks_scientific(nik)):
        errors.append(_nik_as_number())
    errors.extend(
        _scientific(c) for c in _LONG_NUMBERS if (t := texts[c]) and cells.looks_scientific(t)
    )
    errors.extend(_required(c) for c in REQUIRED if texts[c] is None)
    return texts


def _figures(
    cols: Mapping[str, object], errors: list[FieldProblem], reference: ReferenceData
) -> Financials | None:
    """All figures or none: capital, sales and date together; employees blank means 0."""
    if not any(c in cols for c in FIGURES):
        return None
    missing = [
        FieldProblem(
            column,
            f"Kolom {column} wajib diisi bila data keuangan lain diisi.",
            f"Column {column} is required when other figures are given.",
        )
        for column in ("modal_usaha", "omzet_tahunan", "tanggal_data")
        if column not in cols
    ]
    capital = cells.rupiah(cols.get("modal_usaha", 0), "modal_usaha", reference)
    sales = cells.rupiah(cols.get("omzet_tahunan", 0), "omzet_tahunan", reference)
    employees = cells.whole_number(cols.get("jumlah_karyawan", 0), "jumlah_karyawan")
    as_of = cells.calendar_date(cols.get("tanggal_data", date.min), "tanggal_data")
    if (
        not missing
        and isinstance(capital, int)
        and isinstance(sales, int)
        and isinstance(employees, int)
        and isinstance(as_of, date)
    ):
        return Financials(capital, sales, employees, as_of)
    errors.extend(missing)
    errors.extend(v for v in (capital, sales, employees, as_of) if isinstance(v, FieldProblem))
    return None


def _joined_on(cols: Mapping[str, object], errors: list[FieldProblem]) -> date | None:
    """The joining date if one is given (the service judges whether it may be)."""
    if "tanggal_bergabung" not in cols:
        return None
    joined_on = cells.calendar_date(cols["tanggal_bergabung"], "tanggal_bergabung")
    if isinstance(joined_on, FieldProblem):
        errors.append(joined_on)
        return None
    return joined_on


def parse_row(row: Cells, reference: ReferenceData) -> RegisterSme | list[FieldProblem]:
    """The command this row asks for, or every cell problem in it (FieldProblem.field = column)."""
    cols = by_column(row)
    errors: list[FieldProblem] = []
    texts = _texts(cols, errors)
    financials = _figures(cols, errors, reference)
    joined_on = _joined_on(cols, errors)
    if errors:
        return errors
    return RegisterSme(
        business_name=texts["nama_usaha"] or "",
        owner_nik=texts["nik_pemilik"] or "",
        kbli=texts["kbli"] or "",
        kabupaten_code=texts["kode_kabupaten"] or "",
        kecamatan_code=texts["kode_kecamatan"] or "",
        desa_code=texts["kode_desa"],
        nib=texts["nib"],
        phone=texts["no_hp"],
        email=texts["email"],
        financials=financials,
        joined_on=joined_on,
    )
