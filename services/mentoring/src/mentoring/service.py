"""Application service: load, decide (pure domain), store state and events in one write."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from mentoring.adapters.contracts import to_outbox
from mentoring.adapters.ports import Aggregates
from mentoring.adapters.sme_writer import ATTEMPTS, MenteeWriter
from mentoring.domain import cohort as cohorts
from mentoring.domain import enrollment, progress
from mentoring.domain.cohort import Cohort, Mentor
from mentoring.domain.commands import (
    GraduateManually,
    LogSession,
    OpenCohort,
    RecordMilestone,
    RegisterMentor,
)
from mentoring.domain.errors import NotFoundError
from mentoring.domain.mentee import Decide, Decision, Mentee
from mentoring.domain.process import Rules
from umkm_shared.contracts.topics import TopicNames
from umkm_shared.store import ConcurrentUpdateError


def new_id(prefix: str) -> str:
    """A fresh id such as `cohort-6f1d2c3b4a59`."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@dataclass
class MentoringService:
    """Cohorts, mentors and SME progress; every state change carries its events."""

    writer: MenteeWriter
    cohorts: Aggregates[Cohort]
    mentors: Aggregates[Mentor]
    topics: TopicNames
    rules: Rules
    clock: Callable[[], datetime]

    async def open_cohort(self, cmd: OpenCohort) -> Cohort:
        """Open a cohort and publish CohortOpened."""
        cohort, events = cohorts.open_cohort(cmd, new_id("cohort"))
        await self.cohorts.save(cohort.cohort_id, cohort, 0, to_outbox(self.topics, events, 0))
        return cohort

    async def close_cohort(self, cohort_id: str) -> Cohort:
        """Close a cohort (recorded here; no contract exists for it)."""
        for _ in range(ATTEMPTS):
            current, revision = await self.cohorts.load(cohort_id)
            if current is None:
                raise _missing("Kohort", "cohort", cohort_id)
            closed = cohorts.close_cohort(current)
            try:
                await self.cohorts.save(cohort_id, closed, revision, [])
            except ConcurrentUpdateError:
                continue
            return closed
        raise ConcurrentUpdateError(cohort_id)

    async def register_mentor(self, cmd: RegisterMentor) -> Mentor:
        """Register a mentor and publish MentorRegistered."""
        mentor, events = cohorts.register_mentor(cmd, new_id("mentor"))
        outbox = to_outbox(self.topics, events, 0)
        await self.mentors.save(mentor.mentor_id, mentor, 0, outbox)
        return mentor

    async def cohort(self, cohort_id: str) -> Cohort:
        """A cohort, or NotFoundError."""
        found, _ = await self.cohorts.load(cohort_id)
        if found is None:
            raise _missing("Kohort", "cohort", cohort_id)
        return found

    async def mentor(self, mentor_id: str) -> Mentor:
        """A mentor, or NotFoundError."""
        found, _ = await self.mentors.load(mentor_id)
        if found is None:
            raise _missing("Pendamping", "mentor", mentor_id)
        return found

    async def mentee(self, sme_id: str) -> Mentee:
        """An SME mentoring knows, or NotFoundError."""
        found, _ = await self.writer.mentees.load(sme_id)
        if found is None:
            raise NotFoundError(f"UMKM {sme_id} tidak dikenal", f"SME {sme_id} is unknown")
        return found

    async def change(self, sme_id: str, decide: Decide, *, create: bool = False) -> Mentee:
        """Decide on the SME's current state and store the result (see `MenteeWriter`)."""
        return await self.writer.change(sme_id, decide, create=create)

    async def enroll(self, cohort_id: str, sme_id: str) -> Mentee:
        """Enroll a known, active SME."""
        cohort = await self.cohort(cohort_id)
        return await self.change(
            sme_id, lambda m: enrollment.enroll(m, cohort, self.rules, self.clock())
        )

    async def assign(self, cohort_id: str, sme_id: str, mentor_id: str) -> str | None:
        """Assign or reassign; returns a warning past the norm (refused past the hard cap)."""
        cohort, mentor = await self.cohort(cohort_id), await self.mentor(mentor_id)
        # Read once for the norm's warning; the cap itself is held by taking a place.
        load = await self.writer.load_of(cohort_id, mentor_id, sme_id)
        warning: list[str | None] = [None]

        def decide(m: Mentee) -> Decision:
            result = enrollment.assign(m, cohort, mentor, load, rules=self.rules, now=self.clock())
            warning[0] = result.warning
            return result.decision

        await self.change(sme_id, decide)
        return warning[0]

    async def log_session(self, cohort_id: str, sme_id: str, cmd: LogSession) -> str:
        """Log a session; returns its id."""
        cohort, session_id = await self.cohort(cohort_id), new_id("session")
        await self.change(
            sme_id,
            lambda m: progress.log_session(
                m, cohort, cmd, session_id, rules=self.rules, now=self.clock()
            ),
        )
        return session_id

    async def record_milestone(self, cohort_id: str, sme_id: str, cmd: RecordMilestone) -> Mentee:
        """Record a milestone."""
        cohort = await self.cohort(cohort_id)
        return await self.change(
            sme_id, lambda m: progress.record_milestone(m, cohort, cmd, self.rules, self.clock())
        )

    async def graduate(self, cohort_id: str, sme_id: str, cmd: GraduateManually) -> Mentee:
        """The coordinator's manual graduation."""
        cohort = await self.cohort(cohort_id)
        return await self.change(
            sme_id, lambda m: progress.graduate_manually(m, cohort, cmd, self.rules, self.clock())
        )


def _missing(noun: str, noun_en: str, key: str) -> NotFoundError:
    return NotFoundError(f"{noun} {key} tidak ditemukan", f"{noun_en} {key} not found")
