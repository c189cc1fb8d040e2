"""The import template: its columns (Indonesian headers), and how headers and fields map to them."""

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from registration.domain.errors import FieldProblem
from registration.domain.identity import EXAMPLE_NIK


@dataclass(frozen=True)
class Column:
    """One template column. `fields` are the service's names for it in its field errors."""

    name: str
    required: bool
    keterangan: str  # Indonesian, shown first
    meaning: str  # English
    example: str
    aliases: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()


_WITH = "Isi bersama kolom keuangan lain."
_ALONG = "Give it with the other figures."

COLUMNS: tuple[Column, ...] = (
    Column("nama_usaha", True, "Nama usaha.", "Business name.", "Keripik Tempe Bu Sari",
           ("nama_umkm", "business_name"), ("business_name",)),
    Column("nik_pemilik", True, "NIK pemilik, 16 digit, diketik sebagai teks.",
           "Owner's NIK (national ID), 16 digits, typed as text.", EXAMPLE_NIK,
           ("nik", "owner_nik"), ("owner_nik", "nik")),
    Column("nib", False, "Nomor Induk Berusaha (OSS), 13 digit; kosongkan bila belum ada.",
           "Business licence number from OSS, 13 digits; empty if none.", "9120001234567",
           ("nomor_induk_berusaha", "no_nib"), ("nib",)),
    Column("kbli", True, "Kode KBLI 2020, 5 digit, diketik sebagai teks.",
           "KBLI 2020 business classification, 5 digits, typed as text.", "10792",
           ("kode_kbli", "kbli_2020"), ("kbli",)),
    Column("kode_kabupaten", True, "Kode Kemendagri kabupaten/kota.",
           "Kemendagri regency/city code.", "32.16",
           ("kabupaten", "kode_kab", "kode_kabupaten_kota", "kode_kota", "kabupaten_code"),
           ("kabupaten_code",)),
    Column("kode_kecamatan", True, "Kode Kemendagri kecamatan.", "Kemendagri district code.",
           "32.16.01", ("kecamatan", "kode_kec", "kecamatan_code"), ("kecamatan_code",)),
    Column("kode_desa", False, "Kode Kemendagri desa/kelurahan.", "Kemendagri village code.",
           "32.16.01.2001", ("desa", "kelurahan", "kode_kelurahan", "kode_desa_kelurahan",
                             "desa_code"), ("desa_code",)),
    Column("no_hp", False, "Nomor HP/WhatsApp usaha; disimpan sebagai +62.",
           "Business mobile/WhatsApp number; stored as +62.", "0812-3456-7890",
           ("nomor_hp", "hp", "no_wa", "no_telepon", "nomor_telepon", "telepon", "phone"),
           ("phone",)),
    Column("email", False, "Alamat email usaha; isi bersama no_hp.",
           "Business e-mail address; give it with no_hp.", "keripiktempe.busari@example.com",
           ("e_mail", "surel", "alamat_email"), ("email",)),
    Column("modal_usaha", False, f"Modal usaha (Rupiah) di luar tanah dan bangunan. {_WITH}",
           f"Business capital in Rupiah, excluding land and buildings (PP 7/2021). {_ALONG}",
           "Rp 250.000.000", ("modal", "business_capital"), ("business_capital",)),
    Column("omzet_tahunan", False, f"Hasil penjualan setahun (Rupiah). {_WITH}",
           f"Annual sales in Rupiah. {_ALONG}", "Rp 480.000.000",
           ("omzet", "omset", "omset_tahunan", "penjualan_tahunan", "hasil_penjualan_tahunan",
            "annual_sales"), ("annual_sales",)),
    Column("jumlah_karyawan", False, "Jumlah tenaga kerja; kosong berarti 0.",
           "Number of employees; empty means 0.", "4",
           ("karyawan", "tenaga_kerja", "jumlah_tenaga_kerja", "employees"), ("employees",)),
    Column("tanggal_data", False, f"Tanggal data keuangan, YYYY-MM-DD atau DD/MM/YYYY. {_WITH}",
           f"The date the figures refer to, YYYY-MM-DD or DD/MM/YYYY. {_ALONG}", "2022-06-30",
           ("tanggal", "per_tanggal", "as_of"), ("as_of",)),
    Column("tanggal_bergabung", False, "Tanggal UMKM bergabung dengan program, YYYY-MM-DD atau "
           "DD/MM/YYYY; tidak di masa depan, tidak sebelum 2019. Kosong berarti tanggal impor.",
           "The day the SME joined the programme, YYYY-MM-DD or DD/MM/YYYY; not in the future, "
           "not before 2019. Empty means the day of the import.", "2022-06-20",
           ("tgl_bergabung", "tanggal_gabung", "tanggal_masuk", "tanggal_join", "joined_on"),
           ("joined_on",)),
)  # fmt: skip

HEADERS: tuple[str, ...] = tuple(c.name for c in COLUMNS)
REQUIRED: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
FIGURES: tuple[str, ...] = ("modal_usaha", "omzet_tahunan", "jumlah_karyawan", "tanggal_data")
DATES: tuple[str, ...] = ("tanggal_data", "tanggal_bergabung")

_BY_NAME = {alias: c.name for c in COLUMNS for alias in (c.name, *c.aliases)}
_BY_FIELD = {field: c.name for c in COLUMNS for field in c.fields}
_NOT_WORD = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=512)
def column_for_header(header: str) -> str | None:
    """The template column a header means: any case, spaces or dashes, `*` and `(...)` ignored.

    `"Nama Usaha *"`, `"NAMA_USAHA"` and `"nama usaha (business name)"` all mean `nama_usaha`.
    """
    key = _NOT_WORD.sub("_", re.sub(r"\(.*?\)|\*", "", header.lower())).strip("_")
    return _BY_NAME.get(key)


def column_for_field(field: str) -> str:
    """The column a service field error is about: `contacts.phone` -> `no_hp`; else the field."""
    return _BY_FIELD.get(field) or _BY_FIELD.get(field.rsplit(".", 1)[-1]) or field


@dataclass(frozen=True)
class HeaderCheck:
    """What is wrong with a file's header row as a whole; rows are not read when it is fatal."""

    missing: list[str]
    duplicated: list[str]
    ignored: list[str]

    @property
    def fatal(self) -> bool:
        """Required columns are missing, or a column appears twice (which one would count?)."""
        return bool(self.missing or self.duplicated)

    def problems(self) -> list[FieldProblem]:
        """One problem per missing or repeated column."""
        missing = [FieldProblem(c, "Kolom wajib tidak ada.", "Required column missing.")
                   for c in self.missing]  # fmt: skip
        return missing + [FieldProblem(c, "Kolom muncul dua kali.", "Column given twice.")
                          for c in self.duplicated]  # fmt: skip

    def describe(self) -> tuple[str, str]:
        """(Indonesian, English) explanation of a fatal header."""
        missing, twice = ", ".join(self.missing), ", ".join(self.duplicated)
        pesan = [f"Kolom wajib tidak ada: {missing}." if missing else "",
                 f"Kolom muncul dua kali: {twice}." if twice else ""]  # fmt: skip
        message = [f"Required columns missing: {missing}." if missing else "",
                   f"Columns given twice: {twice}." if twice else ""]  # fmt: skip
        return " ".join(filter(None, pesan)), " ".join(filter(None, message))


def check_headers(headers: Sequence[str]) -> HeaderCheck:
    """Missing required columns, columns given twice, and headers that are ignored."""
    seen: list[str] = []
    ignored: list[str] = []
    for header in headers:
        if not header.strip():
            continue
        column = column_for_header(header)
        if column is None:
            ignored.append(header)
        else:
            seen.append(column)
    duplicated = sorted({c for c in seen if seen.count(c) > 1})
    missing = [c for c in REQUIRED if c not in seen]
    return HeaderCheck(missing=missing, duplicated=duplicated, ignored=ignored)
