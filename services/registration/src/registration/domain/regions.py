"""Kemendagri region codes: they must exist and nest, desa in kecamatan in kabupaten/kota."""

from registration.domain.errors import FieldProblem
from registration.domain.reference import ReferenceData


def check_region(
    reference: ReferenceData,
    kabupaten_code: str,
    kecamatan_code: str,
    desa_code: str | None = None,
) -> list[FieldProblem]:
    """Errors unless the codes exist and nest: desa in kecamatan in kabupaten/kota."""
    kabupaten = reference.region(kabupaten_code)
    if kabupaten is None or kabupaten.level != 2:
        return [
            FieldProblem(
                "kabupaten_code",
                f"Kode kabupaten/kota {kabupaten_code!r} tidak dikenal (contoh: 32.16).",
                f"Unknown kabupaten/kota code {kabupaten_code!r} (e.g. 32.16).",
            )
        ]
    kecamatan = reference.region(kecamatan_code)
    if kecamatan is None or kecamatan.level != 3 or not kecamatan.code.startswith(kabupaten.code):
        return [
            FieldProblem(
                "kecamatan_code",
                f"Kecamatan {kecamatan_code!r} tidak ada di {kabupaten.name}.",
                f"Kecamatan {kecamatan_code!r} is not in {kabupaten.name}.",
            )
        ]
    if desa_code is None:
        return []
    desa = reference.region(desa_code)
    if desa is None or desa.level != 4 or not desa.code.startswith(kecamatan.code + "."):
        return [
            FieldProblem(
                "desa_code",
                f"Desa/kelurahan {desa_code!r} tidak ada di Kecamatan {kecamatan.name}.",
                f"Desa/kelurahan {desa_code!r} is not in Kecamatan {kecamatan.name}.",
            )
        ]
    return []
