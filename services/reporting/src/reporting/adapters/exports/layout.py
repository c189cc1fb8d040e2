"""Columns and titles of every exported table (pure: rows in, report layout out)."""

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from lokal.rupiah import format_rupiah

from umkm_shared.contracts.labels import label

Kind = Literal["text", "int", "rupiah", "pct"]

BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


@dataclass(frozen=True)
class Column:
    """One column: the row key, its Indonesian header and how to format it."""

    key: str
    header: str
    kind: Kind = "text"


@dataclass(frozen=True)
class Report:
    """A table ready to write: title, date line, columns and plain rows."""

    title: str
    dated: date
    columns: list[Column]
    rows: list[dict[str, Any]]

    @property
    def date_line(self) -> str:
        """`Per tanggal 20 Juni 2022`."""
        d = self.dated
        return f"Per tanggal {d.day} {BULAN[d.month - 1]} {d.year}"


def display(value: Any, kind: Kind) -> str:  # noqa: ANN401 - cells are any JSON value
    """A cell as text in Indonesian conventions (Rp12.500, 45,5%)."""
    if value is None:
        return ""
    if kind == "rupiah":
        return format_rupiah(int(value))
    if kind == "pct":
        return f"{float(value):.1f}%".replace(".", ",")
    if kind == "int":
        return f"{int(value):,}".replace(",", ".")
    return str(value)


def pattern_summary(by_pattern: dict[str, int]) -> str:
    """`Perdagangan umum: 3, Rantai pasok: 1`."""
    return ", ".join(f"{label('partnership_pattern', p)}: {n}" for p, n in by_pattern.items())


C = Column
TABLES: dict[str, tuple[str, list[Column]]] = {
    "smes": (
        "Daftar UMKM Peserta UMKM Juara",
        [
            C("sme_id", "ID UMKM"),
            C("business_name", "Nama Usaha"),
            C("kabupaten_code", "Kode Kab/Kota"),
            C("kabupaten_name", "Kabupaten/Kota"),
            C("kecamatan_code", "Kode Kecamatan"),
            C("kecamatan_name", "Kecamatan"),
            C("kbli", "KBLI"),
            C("scale_class", "Skala Usaha"),
            C("joined_on", "Tanggal Bergabung"),
            C("cohort_id", "ID Angkatan"),
            C("cohort_name", "Angkatan"),
            C("enrolled_on", "Tanggal Masuk Angkatan"),
            C("mentor_id", "ID Pendamping"),
            C("mentor_name", "Pendamping"),
            C("session_count", "Jumlah Sesi", "int"),
            C("last_session_date", "Sesi Terakhir"),
            C("graduated_on", "Tanggal Lulus"),
            C("status", "Status"),
        ],
    ),
    "regions": (
        "Rekapitulasi UMKM Juara per Wilayah",
        [
            C("code", "Kode Wilayah"),
            C("name", "Nama Wilayah"),
            C("smes", "Jumlah UMKM", "int"),
            C("enrolled", "Peserta Angkatan", "int"),
            C("mentored", "Didampingi", "int"),
            C("sessions", "Jumlah Sesi", "int"),
            C("graduated", "Lulus", "int"),
            C("naik_kelas", "Naik Kelas Skala Usaha", "int"),
            C("mentors", "Pendamping", "int"),
            C("bank_feed_consents", "Persetujuan Data Bank Jabar", "int"),
            C("withdrawn", "Mengundurkan Diri", "int"),
        ],
    ),
    "cohorts": (
        "Capaian Angkatan UMKM Juara",
        [
            C("cohort_id", "ID Angkatan"),
            C("name", "Nama Angkatan"),
            C("kabupaten_name", "Kabupaten/Kota"),
            C("status", "Status"),
            C("start_date", "Tanggal Mulai"),
            C("end_date", "Tanggal Selesai"),
            C("closed_on", "Ditutup"),
            C("enrolled", "Peserta", "int"),
            C("mentored", "Didampingi", "int"),
            C("mentors", "Pendamping", "int"),
            C("sessions", "Jumlah Sesi", "int"),
            C("graduated", "Lulus", "int"),
            C("naik_kelas_scale", "Naik Kelas Skala Usaha", "int"),
            C("target_graduates", "Target Lulus", "int"),
            C("progress_pct", "Capaian Target", "pct"),
        ],
    ),
    "mentors": (
        "Beban Kerja Pendamping UMKM Juara",
        [
            C("mentor_id", "ID Pendamping"),
            C("name", "Nama Pendamping"),
            C("kabupaten_name", "Kabupaten/Kota"),
            C("assigned", "UMKM Dampingan", "int"),
            C("norm", "Norma", "int"),
            C("load_pct", "Beban terhadap Norma", "pct"),
            C("sessions_30d", "Sesi 30 Hari Terakhir", "int"),
            C("as_of", "30 Hari s.d. Tanggal"),
            C("sessions_total", "Total Sesi", "int"),
        ],
    ),
    "partnerships": (
        "Kemitraan UMKM dengan Usaha Besar/Menengah",
        [
            C("partnership_id", "ID Kemitraan"),
            C("partner_name", "Mitra"),
            C("sme_id", "ID UMKM"),
            C("sme_name", "Nama Usaha"),
            C("pattern", "Pola Kemitraan"),
            C("status", "Status"),
            C("start_date", "Tanggal Mulai"),
            C("product_count", "Jumlah Produk", "int"),
            C("units_sold", "Unit Terjual", "int"),
            C("gross_sales", "Nilai Penjualan", "rupiah"),
        ],
    ),
    "compliance-partners": (
        "Kemitraan Usaha Besar/Menengah dengan UMKM (Perbup Bekasi 73/2020)",
        [
            C("name", "Mitra"),
            C("company_type", "Jenis Usaha"),
            C("sector", "Sektor"),
            C("active_partnerships", "Kemitraan Aktif", "int"),
            C("patterns", "Pola Kemitraan Aktif"),
            C("umkm_partnered", "UMKM Bermitra", "int"),
            C("products_listed", "Produk Terdaftar", "int"),
            C("units_sold_to_date", "Unit Terjual", "int"),
            C("sales_to_date", "Nilai Penjualan", "rupiah"),
        ],
    ),
    "compliance-kecamatan": (
        "UMKM Bermitra per Kecamatan",
        [
            C("kecamatan_code", "Kode Kecamatan"),
            C("name", "Nama Kecamatan"),
            C("kabupaten_name", "Kabupaten/Kota"),
            C("umkm_partnered", "UMKM Bermitra", "int"),
            C("active_partnerships", "Kemitraan Aktif", "int"),
            C("partners", "Mitra"),
        ],
    ),
    "daily": (
        "Rekap Harian Program UMKM Juara",
        [
            C("day", "Tanggal"),
            C("registered", "UMKM Terdaftar", "int"),
            C("enrolled", "Masuk Angkatan", "int"),
            C("sessions", "Sesi Pendampingan", "int"),
            C("milestones", "Capaian", "int"),
            C("graduated", "Lulus", "int"),
            C("registered_total", "Kumulatif Terdaftar", "int"),
            C("enrolled_total", "Kumulatif Masuk Angkatan", "int"),
            C("sessions_total", "Kumulatif Sesi", "int"),
            C("milestones_total", "Kumulatif Capaian", "int"),
            C("graduated_total", "Kumulatif Lulus", "int"),
        ],
    ),
    "topics": (
        "Sesi Pendampingan per Topik",
        [C("topic", "Topik"), C("sessions", "Jumlah Sesi", "int")],
    ),
    "patterns": (
        "Kemitraan Aktif per Pola",
        [C("pattern", "Pola Kemitraan"), C("active", "Kemitraan Aktif", "int")],
    ),
    "totals": (
        "Ringkasan Capaian UMKM Juara",
        [
            C("indicator", "Indikator"),
            C("value", "Nilai", "int"),
        ],
    ),
}
LAG: tuple[str, list[Column]] = (
    "Ketertinggalan Proyeksi Laporan per Partisi",
    [C("topic", "Topik"), C("partition", "Partisi", "int"), C("lag", "Tertinggal", "int")],
)
"""The admin's table of the projection lag (GET /lag)."""
