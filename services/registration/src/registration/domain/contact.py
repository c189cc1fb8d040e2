"""Contact details: phone numbers normalised to +62, e-mail addresses plausibly formed."""

import re

from registration.domain.errors import FieldProblem
from registration.domain.reference import ReferenceData

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_phone(raw: str, field: str, reference: ReferenceData) -> str | FieldProblem:
    """`0812-3456-7890` -> `+6281234567890`, or why it cannot be a phone number."""
    normalised = reference.phone(raw)
    if normalised is None:
        return FieldProblem(
            field,
            "Nomor telepon tidak valid (contoh: 0812-3456-7890).",
            "Not a valid Indonesian phone number (e.g. 0812-3456-7890).",
        )
    return normalised


def check_email(raw: str, field: str = "email") -> FieldProblem | None:
    """None when `raw` looks like an e-mail address."""
    if _EMAIL.match(raw):
        return None
    return FieldProblem(field, "Alamat email tidak valid.", "Not a valid e-mail address.")
