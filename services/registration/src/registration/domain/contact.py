"""Contact details: phone numbers normalised to +62, e-mail addresses plausibly formed."""

import re

from lokal import normalize_phone

from registration.domain.errors import FieldError

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_phone(raw: str, field: str = "phone") -> str | FieldError:
    """`0812-3456-7890` -> `+6281234567890`, or why it cannot be a phone number."""
    normalised = normalize_phone(raw)
    if normalised is None:
        return FieldError(
            field,
            "Nomor telepon tidak valid (contoh: 0812-3456-7890).",
            "Not a valid Indonesian phone number (e.g. 0812-3456-7890).",
        )
    return normalised


def check_email(raw: str, field: str = "email") -> FieldError | None:
    """None when `raw` looks like an e-mail address."""
    if _EMAIL.match(raw):
        return None
    return FieldError(field, "Alamat email tidak valid.", "Not a valid e-mail address.")
