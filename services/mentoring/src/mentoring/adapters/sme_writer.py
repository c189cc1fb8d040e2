"""Changes to one SME: load, decide, take mentor places, write conditionally, apply the moves.

Nothing here assumes one process: the SME write is conditional on the revision read, so when
another replica wrote first the change is decided again on fresh state (a few times, then
409). The moves (cohort counts, places freed) are applied after the write; the write flags
them, and `repair_moves` (adapters/repair.py) applies what a process that died in between
left undone.
"""

import asyncio
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from mentoring.adapters.contracts import to_outbox
from mentoring.adapters.ports import Cohorts, Mentees, MentorPlaces, Place, Summaries
from mentoring.domain.cohort import cohort_closed
from mentoring.domain.enrollment import hard_cap_reached
from mentoring.domain.errors import still_propagating
from mentoring.domain.footprint import Moves, footprint, moves
from mentoring.domain.mentee import Decision, Mentee
from mentoring.domain.process import freeze
from umkm_shared.contracts.topics import TopicNames
from umkm_shared.store import ConcurrentUpdateError

ATTEMPTS = 12


@dataclass
class MenteeWriter:
    """The one way an SME's state changes."""

    mentees: Mentees
    loads: MentorPlaces
    summaries: Summaries
    topics: TopicNames
    hard_cap: int
    clock: Callable[[], datetime]
    cohorts: Cohorts
    _closed: dict[str, date] = field(default_factory=dict)
    """Closed cohorts seen (closing is final, so this only grows)."""

    async def closed_cohorts(self, mentees: Iterable[Mentee]) -> dict[str, date]:
        """Cohort id -> closed_on of the closed cohorts the SMEs are enrolled in."""
        ids = {c for m in mentees for c, e in m.enrollments.items() if e.closed_on is None}
        for cohort_id in sorted(ids - self._closed.keys()):
            cohort, _ = await self.cohorts.load(cohort_id)
            if cohort is not None and cohort.status == "closed":
                self._closed[cohort_id] = cohort.closed_on or cohort.end_date
        return {c: self._closed[c] for c in ids if c in self._closed}

    async def frozen(self, mentee: Mentee) -> Mentee:
        """The SME as decisions see it: enrollments of closed cohorts frozen."""
        return freeze(mentee, await self.closed_cohorts([mentee]))

    def now_ms(self) -> int:
        """The clock in milliseconds (what a place records)."""
        return int(self.clock().timestamp() * 1000)

    async def holds(self, cohort_id: str, mentor_id: str, sme_id: str) -> bool:
        """The SME's own document names this mentor in this cohort."""
        mentee, _ = await self.mentees.load(sme_id)
        return mentee is not None and footprint(mentee).mentors.get(cohort_id) == mentor_id

    async def load_of(self, cohort_id: str, mentor_id: str, sme_id: str) -> int:
        """Places the mentor holds for other SMEs; phantoms are cleared first at the cap."""
        others = [s for s, _ in await self.loads.places(cohort_id, mentor_id) if s != sme_id]
        if len(others) >= self.hard_cap and await self._reconcile(cohort_id, mentor_id):
            others = [s for s, _ in await self.loads.places(cohort_id, mentor_id) if s != sme_id]
        return len(others)

    async def _reconcile(self, cohort_id: str, mentor_id: str) -> int:
        async def holds(sme_id: str) -> bool:
            return await self.holds(cohort_id, mentor_id, sme_id)

        return await self.loads.reconcile(cohort_id, mentor_id, holds, self.now_ms())

    async def _take(self, place: Place) -> None:
        await self.summaries.mentor_seen(place.cohort_id, place.mentor_id)
        if await self.loads.take(place, self.hard_cap):
            return
        if await self._reconcile(place.cohort_id, place.mentor_id) and await self.loads.take(
            place, self.hard_cap
        ):
            return
        raise hard_cap_reached(place.mentor_id, self.hard_cap)

    async def change(
        self, sme_id: str, decide: Callable[[Mentee], Decision], *, create: bool = False
    ) -> Mentee:
        """Load (or, for upstream facts, create), decide, store state + events in one write."""
        held: list[Place] = []
        latest: Mentee | None = None
        try:
            for attempt in range(ATTEMPTS):
                began = self.now_ms()
                current, revision = await self.mentees.load(sme_id)
                if current is None and not create:
                    raise still_propagating(sme_id)
                latest = current = await self.frozen(current or Mentee(sme_id=sme_id))
                changed, events = decide(current)
                if changed == current and not events:
                    return current
                moved = moves(current, changed)
                for cohort_id in moved.enrolled:  # after this read, so a close sees it
                    if not await self.cohorts.admit(cohort_id, sme_id):
                        raise cohort_closed(cohort_id)
                for cohort_id, mentor_id in moved.assigned.items():
                    place = Place(cohort_id, mentor_id, sme_id, self.now_ms())
                    await self._take(place)
                    held.append(place)
                outbox = to_outbox(self.topics, events, current.version, current.feed_version)
                try:
                    written = await self.mentees.put(changed, revision, outbox, moves=bool(moved))
                except ConcurrentUpdateError:
                    await asyncio.sleep(random.uniform(0, 0.002 * (attempt + 1)))  # noqa: S311
                    continue
                except BaseException:
                    held = []  # the write may have happened: keep the places (phantoms at worst)
                    raise
                latest = changed
                if moved:
                    await self.apply_moves(sme_id, moved, written, began)
                return changed
            raise ConcurrentUpdateError(sme_id)
        finally:
            await self._free_unused(held, latest)

    async def freeze_in(self, sme_id: str, cohort_id: str, closed_on: date) -> Mentee | None:
        """Freeze the SME's enrollment in a closing cohort, by a write on the revision read.

        Any write decided on the SME before this one then loses its compare-and-set and is
        decided again on the frozen state (refused, or the upstream fact kept without
        graduating). An SME only admitted is written unchanged, for the same effect.
        """
        for attempt in range(ATTEMPTS):
            current, revision = await self.mentees.load(sme_id)
            if current is None:
                return None
            enrolled = current.enrollments.get(cohort_id)
            if enrolled is not None and enrolled.closed_on is not None:
                return current  # frozen by an earlier try of this close
            frozen = freeze(current, {cohort_id: closed_on})
            try:
                await self.mentees.put(frozen, revision, [], moves=False)
            except ConcurrentUpdateError:
                await asyncio.sleep(random.uniform(0, 0.002 * (attempt + 1)))  # noqa: S311
                continue
            return frozen
        raise ConcurrentUpdateError(sme_id)

    async def _free_unused(self, held: list[Place], latest: Mentee | None) -> None:
        mentors = footprint(latest).mentors if latest is not None else {}
        for place in held:
            if mentors.get(place.cohort_id) != place.mentor_id:
                await self.loads.free(place.cohort_id, place.mentor_id, place.sme_id, at=place.at)

    async def apply_moves(self, sme_id: str, moved: Moves, revision: int, began: int) -> None:
        """Apply the moves of a change that began at `began` (ms) and is now stored."""
        for cohort_id, mentor_id in moved.released.items():
            await self.loads.free(cohort_id, mentor_id, sme_id, before=began)
        for cohort_id, kecamatan in moved.enrolled.items():
            await self.summaries.enrolled(cohort_id, sme_id, kecamatan)
        for cohort_id in moved.graduated:
            await self.summaries.graduated(cohort_id, sme_id)
        await self.mentees.moves_applied(sme_id, revision)
