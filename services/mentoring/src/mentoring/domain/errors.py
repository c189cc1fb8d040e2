"""Domain refusals, each with an Indonesian and an English message for the caller."""

from typing import Literal

Kind = Literal["not_found", "conflict", "forbidden", "invalid"]


class MentoringError(Exception):
    """A command the domain refuses; `kind` picks the HTTP status in the adapter."""

    kind: Kind = "invalid"

    def __init__(self, pesan: str, message: str) -> None:
        super().__init__(f"{pesan} / {message}")
        self.pesan = pesan
        self.message = message


class NotFoundError(MentoringError):
    """Something the command names does not exist (or is not known to this service)."""

    kind: Kind = "not_found"


class ConflictError(MentoringError):
    """The command clashes with the current state (withdrawn, closed, already done, full)."""

    kind: Kind = "conflict"


class ForbiddenError(MentoringError):
    """The actor may not do this, e.g. a mentor logging for an SME not assigned to them."""

    kind: Kind = "forbidden"


class InvalidError(MentoringError):
    """The command's values break a rule (dates, topics, evidence)."""

    kind: Kind = "invalid"
