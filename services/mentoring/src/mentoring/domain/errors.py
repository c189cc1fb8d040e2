"""Domain refusals, each with an Indonesian and an English message for the caller.

They are the platform's `RefusalError`s; the shared error handlers answer them in the one
problem+json shape with the status their kind names. The domain knows nothing of HTTP.
"""

from collections.abc import Sequence
from typing import ClassVar

from umkm_shared.errors import FieldProblem, RefusalError, RefusalKind

RETRY_AFTER_SECONDS = 2
"""How long a client waits before asking again about an SME registration has not told us of."""


class MentoringError(RefusalError):
    """A command the domain refuses; each subclass is one kind of refusal."""

    KIND: ClassVar[RefusalKind] = "invalid"

    def __init__(
        self,
        pesan: str,
        message: str,
        *,
        errors: Sequence[FieldProblem] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(self.KIND, pesan, message, errors=errors, headers=headers)


class NotFoundError(MentoringError):
    """Something the command names does not exist (or is not known to this service)."""

    KIND: ClassVar[RefusalKind] = "not_found"


class ConflictError(MentoringError):
    """The command clashes with the current state (withdrawn, closed, already done, full)."""

    KIND: ClassVar[RefusalKind] = "conflict"


class InvalidError(MentoringError):
    """The command's values break a rule (dates, topics, evidence)."""

    KIND: ClassVar[RefusalKind] = "invalid"


def invalid_field(field: str, pesan: str, message: str) -> InvalidError:
    """A refusal (422) of one field's value, naming the field."""
    return InvalidError(pesan, message, errors=[FieldProblem(field, pesan, message)])


def outside_cohort(field: str, start: object, end: object) -> InvalidError:
    """A date the command gives outside the cohort's dates."""
    return invalid_field(
        field,
        f"Tanggal harus di antara {start} dan {end} (tanggal kohort)",
        f"{field} must be within the cohort's dates ({start}..{end})",
    )


def in_the_future(field: str) -> InvalidError:
    """A date the command gives after today."""
    return invalid_field(
        field, "Tanggal tidak boleh di masa depan", f"{field} may not be in the future"
    )


def still_propagating(sme_id: str) -> ConflictError:
    """An SME mentoring has not heard of yet: registration's event is on its way (409)."""
    return ConflictError(
        f"UMKM {sme_id} belum diterima dari layanan pendaftaran; coba lagi",
        f"SME {sme_id}: registration still propagating; retry",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def idempotency_key_reused() -> InvalidError:
    """An Idempotency-Key first sent with another request (422, as registration answers)."""
    return invalid_field(
        "Idempotency-Key",
        "Idempotency-Key ini sudah dipakai untuk data yang berbeda; gunakan kunci baru",
        "This Idempotency-Key was used with a different request body; use a new key",
    )


class RequestRepeatedError(ConflictError):
    """A retry of a command already stored: the route answers the first result (200)."""

    def __init__(self, result: str) -> None:
        super().__init__("Permintaan ini sudah diproses", "This request was already handled")
        self.result = result
