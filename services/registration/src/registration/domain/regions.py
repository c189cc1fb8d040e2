"""Kemendagri region codes: they must exist and nest, desa in kecamatan in kabupaten/kota.

The program serves one province: the kabupaten/kota must be one of West Java's 27. No
message quotes a code as given (a NIK typed into the wrong box would be echoed back).
"""

from registration.domain.errors import FieldProblem
from registration.domain.reference import ReferenceData
from umkm_shared.regions import PROVINCE_CODE


def check_region(
    reference: ReferenceData,
    kabupaten_code: str,
    kecamatan_code: str,
    desa_code: str | None = None,
) -> list[FieldProblem]:
    """Errors unless the codes exist and nest: desa in kecamatan in kabupaten/kota."""
    kabupaten = reference.region(kabupaten_code)
    if (
        kabupaten is None
        or kabupaten.level != 2
        or not kabupaten.code.startswith(f"{PROVINCE_CODE}.")
    ):
        return [
            FieldProblem(
                "kabupaten_code",
                "Kode kabupaten/kota harus salah satu dari 27 kabupaten/kota Jawa Barat "
                "(contoh: 32.16).",
                "kabupaten_code must be one of West Java's 27 kabupaten/kota (e.g. 32.16).",
            )
        ]
    kecamatan = reference.region(kecamatan_code)
    if kecamatan is None or kecamatan.level != 3 or not kecamatan.code.startswith(kabupaten.code):
        return [
            FieldProblem(
                "kecamatan_code",
                f"Kode kecamatan ini tidak ada di {kabupaten.name}.",
                f"No kecamatan of {kabupaten.name} has this code.",
            )
        ]
    if desa_code is None:
        return []
    desa = reference.region(desa_code)
    if desa is None or desa.level != 4 or not desa.code.startswith(kecamatan.code + "."):
        return [
            FieldProblem(
                "desa_code",
                f"Kode desa/kelurahan ini tidak ada di Kecamatan {kecamatan.name}.",
                f"No desa/kelurahan of Kecamatan {kecamatan.name} has this code.",
            )
        ]
    return []
