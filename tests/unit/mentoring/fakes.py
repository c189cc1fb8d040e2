"""In-memory stand-ins for mentoring's storage ports, honouring the revision compare-and-set."""

from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from mentoring.adapters.loads import GRACE_MS
from mentoring.adapters.ports import Outbox, Place, Summary, Write
from mentoring.domain.cohort import Cohort
from mentoring.domain.mentee import Mentee
from umkm_shared.store import ConcurrentUpdateError

M = TypeVar("M", bound=BaseModel)
NOW = datetime(2022, 9, 1, 9, tzinfo=UTC)


def fixed_clock() -> datetime:
    """Always the same moment: 1 September 2022, 09:00 UTC."""
    return NOW


class FakeAggregates(Generic[M]):
    """Aggregates by key with their revisions; every event written is kept in `outbox`."""

    def __init__(self) -> None:
        self.docs: dict[str, tuple[M, int]] = {}
        self.outbox: Outbox = []
        self.before_next_save: Callable[[], Awaitable[None]] | None = None
        """Run once before the next save: another writer getting there first."""

    async def load(self, key: str) -> tuple[M | None, int]:
        state, revision = self.docs.get(key, (None, 0))
        return state, revision

    async def save(
        self, key: str, state: M, revision: int, outbox: Outbox, extra: dict[str, Any] | None = None
    ) -> int:
        if self.before_next_save is not None:
            meanwhile, self.before_next_save = self.before_next_save, None
            await meanwhile()
        if self.docs.get(key, (None, 0))[1] != revision:
            raise ConcurrentUpdateError(key)
        self.docs[key] = (state, revision + 1)
        self.outbox.extend(outbox)
        return revision + 1


class FakeCohorts(FakeAggregates[Cohort]):
    """The cohorts, with the SMEs admitted for enrollment in each."""

    def __init__(self) -> None:
        super().__init__()
        self.admitted_to: dict[str, set[str]] = {}

    async def admit(self, cohort_id: str, sme_id: str) -> bool:
        cohort, _ = await self.load(cohort_id)
        if cohort is None or cohort.status != "open":
            return False
        self.admitted_to.setdefault(cohort_id, set()).add(sme_id)
        return True

    async def admitted(self, cohort_id: str) -> list[str]:
        return sorted(self.admitted_to.get(cohort_id, set()))

    async def closing(self) -> list[str]:
        return sorted(key for key, (c, _) in self.docs.items() if c.status == "closing")


class FakeMentees(FakeAggregates[Mentee]):
    """The SMEs, with the flag for moves still to apply."""

    def __init__(self) -> None:
        super().__init__()
        self.moves_pending: set[str] = set()

    async def put(self, mentee: Mentee, revision: int, outbox: Outbox, *, moves: bool) -> int:
        written = await self.save(mentee.sme_id, mentee, revision, outbox)
        if moves:
            self.moves_pending.add(mentee.sme_id)
        return written

    async def load_many(self, sme_ids: Sequence[str]) -> dict[str, tuple[Mentee, int]]:
        return {sme_id: self.docs[sme_id] for sme_id in sme_ids if sme_id in self.docs}

    async def put_many(self, writes: Sequence[Write]) -> set[str]:
        lost = set()
        for write in writes:
            try:
                await self.put(write.mentee, write.revision, write.outbox, moves=write.moves)
            except ConcurrentUpdateError:
                lost.add(write.mentee.sme_id)
        return lost

    async def moves_applied(self, sme_id: str, revision: int) -> None:
        if self.docs[sme_id][1] == revision:
            self.moves_pending.discard(sme_id)

    async def with_moves_pending(self) -> list[str]:
        return sorted(self.moves_pending)

    async def enrolled_in(self, cohort_id: str) -> list[str]:
        return sorted(key for key, (m, _) in self.docs.items() if cohort_id in m.enrollments)


class FakePlaces:
    """Places per (cohort, mentor) as (sme, at) lists."""

    def __init__(self) -> None:
        self.held: dict[tuple[str, str], list[tuple[str, int]]] = {}

    async def places(self, cohort_id: str, mentor_id: str) -> list[tuple[str, int]]:
        return list(self.held.get((cohort_id, mentor_id), []))

    async def counts(self, cohort_id: str, mentor_ids: Sequence[str]) -> dict[str, int]:
        return {m: len(self.held.get((cohort_id, m), [])) for m in mentor_ids}

    async def take(self, place: Place, cap: int) -> bool:
        listed = self.held.setdefault((place.cohort_id, place.mentor_id), [])
        others = [(sme, at) for sme, at in listed if sme != place.sme_id]
        if len(others) == len(listed) and len(listed) >= cap:
            return False
        listed[:] = [*others, (place.sme_id, place.at)]
        return True

    async def free(
        self,
        cohort_id: str,
        mentor_id: str,
        sme_id: str,
        *,
        at: int | None = None,
        before: int | None = None,
    ) -> None:
        def freed(sme: str, taken: int) -> bool:
            return (
                sme == sme_id and (at is None or taken == at) and (before is None or taken < before)
            )

        listed = self.held.get((cohort_id, mentor_id), [])
        listed[:] = [(sme, taken) for sme, taken in listed if not freed(sme, taken)]

    async def reconcile(
        self, cohort_id: str, mentor_id: str, holds: Callable[[str], Awaitable[bool]], now: int
    ) -> int:
        freed = 0
        for sme_id, at in await self.places(cohort_id, mentor_id):
            if now - at >= GRACE_MS and not await holds(sme_id):
                await self.free(cohort_id, mentor_id, sme_id, at=at)
                freed += 1
        return freed

    async def restore(self, place: Place) -> None:
        listed = self.held.setdefault((place.cohort_id, place.mentor_id), [])
        if all(sme != place.sme_id for sme, _ in listed):
            listed.append((place.sme_id, place.at))


class FakeSummaries:
    """Members (with kecamatan), graduates and mentors per cohort."""

    def __init__(self) -> None:
        self.members_of: dict[str, dict[str, str]] = {}
        self.graduates: dict[str, set[str]] = {}
        self.mentors: dict[str, set[str]] = {}

    async def enrolled(self, cohort_id: str, sme_id: str, kecamatan_code: str) -> None:
        self.members_of.setdefault(cohort_id, {}).setdefault(sme_id, kecamatan_code)

    async def graduated(self, cohort_id: str, sme_id: str) -> None:
        self.graduates.setdefault(cohort_id, set()).add(sme_id)

    async def mentor_seen(self, cohort_id: str, mentor_id: str) -> None:
        self.mentors.setdefault(cohort_id, set()).add(mentor_id)

    async def summary(self, cohort_id: str) -> Summary:
        return Summary(
            enrolled=len(self.members_of.get(cohort_id, {})),
            graduated=len(self.graduates.get(cohort_id, set())),
            mentor_ids=tuple(sorted(self.mentors.get(cohort_id, set()))),
        )

    async def members(self, cohort_id: str) -> dict[str, str]:
        return dict(self.members_of.get(cohort_id, {}))
