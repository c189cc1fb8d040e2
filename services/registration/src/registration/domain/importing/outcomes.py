"""What happened to each row of an import, and the counts."""

from dataclasses import dataclass

from registration.domain.errors import FieldProblem


@dataclass(frozen=True)
class Imported:
    """The row is now on the register."""

    row: int
    sme_id: str


@dataclass(frozen=True)
class AlreadyRegistered:
    """The row's SME was on the register already: `key` says how it was recognised."""

    row: int
    existing_id: str
    key: str  # "nib", "owner_business" or "idempotency_key", as in DuplicateSmeError.field
    first_row: int | None = None  # the row of this file that registered it, if any


@dataclass(frozen=True)
class Rejected:
    """The row cannot be registered as it is; `errors` say which cells and why."""

    row: int
    errors: tuple[FieldProblem, ...]


Outcome = Imported | AlreadyRegistered | Rejected


@dataclass(frozen=True)
class Progress:
    """Counts so far (the last one is the summary)."""

    processed: int = 0
    imported: int = 0
    already_registered: int = 0
    rejected: int = 0

    def after(self, outcome: Outcome) -> "Progress":
        """The counts with one more row."""
        return Progress(
            self.processed + 1,
            self.imported + isinstance(outcome, Imported),
            self.already_registered + isinstance(outcome, AlreadyRegistered),
            self.rejected + isinstance(outcome, Rejected),
        )


@dataclass(frozen=True)
class ImportResult:
    """The summary and every row's outcome, in row order."""

    summary: Progress
    outcomes: list[Outcome]
    seconds: float


class ImportAbortedError(Exception):
    """The service failed in a way no row explains (e.g. the database is down)."""

    def __init__(self, row: int, cause: BaseException) -> None:
        super().__init__(f"import stopped at row {row}: {type(cause).__name__}")
        self.row = row
