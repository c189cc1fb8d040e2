"""The owner's NIK: validated here, then only ever seen outside as a keyed pseudonym and a mask."""

import hashlib
import hmac

from registration.domain.errors import FieldProblem
from registration.domain.reference import ReferenceData

EXAMPLE_NIK = "3216010101010001"
"""A made-up NIK for examples and templates: kecamatan 32.16.01, born 01-01-2001, serial 0001.
Structurally valid (an example request passes), patterned so nobody takes it for a real one."""


def check_nik(nik: str, reference: ReferenceData) -> FieldProblem | None:
    """None if `nik` is a plausible NIK (16 digits, real region, real birth date); else why not."""
    if len(nik) != 16 or not nik.isdigit():
        return FieldProblem("owner_nik", "NIK harus 16 digit angka.", "NIK must be 16 digits.")
    if not reference.nik_is_plausible(nik):
        # The library's messages may quote the number; say what is wrong without echoing it.
        return FieldProblem(
            "owner_nik",
            "NIK tidak valid: kode wilayah atau tanggal lahir tidak dikenal.",
            "NIK is not valid: unknown region code or impossible birth date.",
        )
    return None


def pseudonymise(nik: str, key: bytes) -> str:
    """Keyed HMAC-SHA256 of the NIK: stable per key, not reversible by guessing without the key."""
    return hmac.new(key, nik.encode(), hashlib.sha256).hexdigest()


def mask(nik: str) -> str:
    """`3216********0001`: region and serial stay readable, the birth date does not."""
    return f"{nik[:4]}{'*' * 8}{nik[-4:]}"
