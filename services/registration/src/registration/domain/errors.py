"""Why the register refuses a command, in Indonesian and English; nothing echoes a NIK."""

from collections.abc import Sequence

from umkm_shared.errors import FieldProblem, RefusalError

__all__ = [
    "DuplicateSmeError",
    "FieldProblem",
    "InvalidRegistrationError",
    "SmeNotFoundError",
    "SmeWithdrawnError",
]

_KEY_NAMES = {  # a duplicate's key: (Indonesian, English)
    "nib": ("NIB ini", "this NIB"),
    "owner_business": ("usaha milik pemilik ini", "this owner's business of this name"),
    "idempotency_key": ("Idempotency-Key ini", "this Idempotency-Key"),
}


class InvalidRegistrationError(RefusalError):
    """The command cannot be accepted as given; nothing was written."""

    def __init__(self, errors: Sequence[FieldProblem]) -> None:
        super().__init__("invalid", "Data tidak valid", "Invalid data", errors=errors)


class DuplicateSmeError(RefusalError):
    """A natural key (NIB, owner + business name) or the idempotency key is taken."""

    def __init__(self, existing_id: str, field: str) -> None:
        pesan, message = _KEY_NAMES.get(field, (field, field))
        super().__init__(
            "conflict",
            f"UMKM dengan {pesan} sudah terdaftar: {existing_id}",
            f"An SME with {message} is registered already: {existing_id}",
            extra={"existing_sme_id": existing_id},
            headers={"Location": f"/smes/{existing_id}"},
        )
        self.existing_id = existing_id
        self.field = field


class SmeNotFoundError(RefusalError):
    """No SME has this id."""

    def __init__(self, sme_id: str) -> None:
        super().__init__(
            "not_found", f"UMKM {sme_id} tidak ditemukan", f"No SME {sme_id} on the register"
        )


class SmeWithdrawnError(RefusalError):
    """The SME has been withdrawn; its profile can no longer change."""

    def __init__(self, sme_id: str) -> None:
        super().__init__(
            "conflict",
            f"UMKM {sme_id} sudah keluar dari program",
            f"SME {sme_id} was withdrawn from the programme",
        )
