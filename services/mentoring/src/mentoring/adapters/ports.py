"""What the application service needs from storage: MongoDB in production, fakes in tests.

Every write of an aggregate is a compare-and-set on the revision it was decided from;
`ConcurrentUpdateError` (from `umkm_shared.store`) says another writer came first.
"""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from mentoring.domain.cohort import Cohort
from mentoring.domain.mentee import Mentee

M = TypeVar("M", bound=BaseModel)
Outbox = list[dict[str, str]]


@dataclass(frozen=True)
class Place:
    """A place held for an SME since `at` (ms): freeing it by `at` spares a newer holder."""

    cohort_id: str
    mentor_id: str
    sme_id: str
    at: int


@dataclass(frozen=True)
class Summary:
    """A cohort's counts and the mentors to read loads for."""

    enrolled: int
    graduated: int
    mentor_ids: tuple[str, ...]


@dataclass(frozen=True)
class Write:
    """One SME's new state and events, to store if it is still at `revision`."""

    mentee: Mentee
    revision: int
    outbox: Outbox
    moves: bool


class Aggregates(Protocol[M]):
    """Cohorts or mentors: one aggregate per key, written by compare-and-set."""

    async def load(self, key: str) -> tuple[M | None, int]: ...

    async def save(
        self, key: str, state: M, revision: int, outbox: Outbox, extra: dict[str, Any] | None = None
    ) -> int: ...


class Cohorts(Aggregates[Cohort], Protocol):
    """The cohorts; an enrollment is admitted into an open cohort before it is written."""

    async def admit(self, cohort_id: str, sme_id: str) -> bool: ...

    async def admitted(self, cohort_id: str) -> list[str]: ...

    async def closing(self) -> list[str]: ...


class Mentees(Protocol):
    """The SMEs; a write flags (`moves`) cohort counts and places still to apply."""

    async def load(self, key: str) -> tuple[Mentee | None, int]: ...

    async def put(self, mentee: Mentee, revision: int, outbox: Outbox, *, moves: bool) -> int: ...

    async def load_many(self, sme_ids: Sequence[str]) -> dict[str, tuple[Mentee, int]]: ...

    async def put_many(self, writes: Sequence[Write]) -> set[str]: ...

    async def moves_applied(self, sme_id: str, revision: int) -> None: ...

    async def with_moves_pending(self) -> list[str]: ...

    async def enrolled_in(self, cohort_id: str) -> list[str]: ...


class MentorPlaces(Protocol):
    """Places per (cohort, mentor); taking one holds the hard cap across replicas."""

    async def places(self, cohort_id: str, mentor_id: str) -> list[tuple[str, int]]: ...

    async def counts(self, cohort_id: str, mentor_ids: Sequence[str]) -> dict[str, int]: ...

    async def take(self, place: Place, cap: int) -> bool: ...

    async def free(
        self,
        cohort_id: str,
        mentor_id: str,
        sme_id: str,
        *,
        at: int | None = None,
        before: int | None = None,
    ) -> None: ...

    async def reconcile(
        self, cohort_id: str, mentor_id: str, holds: Callable[[str], Awaitable[bool]], now: int
    ) -> int: ...

    async def restore(self, place: Place) -> None: ...


class Summaries(Protocol):
    """Per cohort: members, graduates and mentors, each noted once."""

    async def enrolled(self, cohort_id: str, sme_id: str, kecamatan_code: str) -> None: ...

    async def graduated(self, cohort_id: str, sme_id: str) -> None: ...

    async def mentor_seen(self, cohort_id: str, mentor_id: str) -> None: ...

    async def summary(self, cohort_id: str) -> Summary: ...

    async def members(self, cohort_id: str) -> dict[str, str]: ...
