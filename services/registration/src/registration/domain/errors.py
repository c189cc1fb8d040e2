"""Why the register refuses a command, in Indonesian and English; nothing echoes a NIK."""

from collections.abc import Sequence

from umkm_shared.errors import FieldProblem, RefusalError

__all__ = [
    "DuplicateSmeError",
    "FieldProblem",
    "IdempotencyKeyReusedError",
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

    def __init__(self, existing_id: str, field: str, fingerprint: str | None = None) -> None:
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
        self.fingerprint = fingerprint
        """For an idempotency key: the fingerprint of the request that first used it, if known."""


class IdempotencyKeyReusedError(RefusalError):
    """The Idempotency-Key was first used with another request body (IETF idempotency draft)."""

    def __init__(self) -> None:
        super().__init__(
            "invalid",
            "Idempotency-Key ini sudah dipakai untuk data yang berbeda.",
            "This Idempotency-Key was used with a different request body.",
            errors=[
                FieldProblem(
                    "Idempotency-Key",
                    "Gunakan kunci baru untuk data yang berbeda.",
                    "Use a new key for a different request.",
                )
            ],
        )


class SmeNotFoundError(RefusalError):
    """No SME has this id (not echoed: a clerk may have typed a NIK where the id goes)."""

    def __init__(self, sme_id: str) -> None:
        super().__init__(
            "not_found", "UMKM dengan ID ini tidak ditemukan", "No SME with this id on the register"
        )
        self.sme_id = sme_id


class SmeWithdrawnError(RefusalError):
    """The SME has been withdrawn; its profile can no longer change."""

    def __init__(self, sme_id: str) -> None:
        super().__init__(
            "conflict",
            f"UMKM {sme_id} sudah keluar dari program",
            f"SME {sme_id} was withdrawn from the programme",
        )
