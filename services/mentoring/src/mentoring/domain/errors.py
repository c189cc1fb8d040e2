"""Domain refusals, each with an Indonesian and an English message for the caller.

They are the platform's `RefusalError`s; the shared error handlers answer them in the one
problem+json shape with the status their kind names. The domain knows nothing of HTTP.
"""

from typing import ClassVar

from umkm_shared.errors import RefusalError, RefusalKind


class MentoringError(RefusalError):
    """A command the domain refuses; each subclass is one kind of refusal."""

    KIND: ClassVar[RefusalKind] = "invalid"

    def __init__(self, pesan: str, message: str) -> None:
        super().__init__(self.KIND, pesan, message)


class NotFoundError(MentoringError):
    """Something the command names does not exist (or is not known to this service)."""

    KIND: ClassVar[RefusalKind] = "not_found"


class ConflictError(MentoringError):
    """The command clashes with the current state (withdrawn, closed, already done, full)."""

    KIND: ClassVar[RefusalKind] = "conflict"


class InvalidError(MentoringError):
    """The command's values break a rule (dates, topics, evidence)."""

    KIND: ClassVar[RefusalKind] = "invalid"
