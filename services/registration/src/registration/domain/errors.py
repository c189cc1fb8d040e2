"""Validation errors a clerk can act on: the field, and why, in Indonesian and English."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One field's problem."""

    field: str
    pesan: str  # Indonesian, shown first
    message: str  # English


class InvalidRegistrationError(ValueError):
    """The command cannot be accepted as given; nothing was written."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors
