"""Application service: load, decide (pure domain), store state and events in one write."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from mentoring.adapters.contracts import outbox_entries
from mentoring.adapters.repository import CohortStore, MenteeStore, MentorStore
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
from mentoring.domain.mentee import Decision, Mentee
from mentoring.domain.process import Rules
from umkm_shared.contracts.topics import TopicNames


def new_id(prefix: str) -> str:
    """A fresh id such as `cohort-6f1d2c3b4a59`."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@dataclass
class MentoringService:
    """Cohorts, mentors and SME progress; every state change carries its events."""

    mentees: MenteeStore
    cohorts: CohortStore
    mentors: MentorStore
    topics: TopicNames
    rules: Rules
    clock: Callable[[], datetime]

    async def open_cohort(self, cmd: OpenCohort) -> Cohort:
        """Open a cohort and publish CohortOpened."""
        cohort, events = cohorts.open_cohort(cmd, new_id("cohort"))
        await self.cohorts.save(
            cohort.cohort_id, cohort, 0, outbox_entries(self.topics, list(events), 0), {}
        )
        return cohort

    async def close_cohort(self, cohort_id: str) -> Cohort:
        """Close a cohort (recorded here; no contract exists for it)."""
        async with self.cohorts.locks.hold(cohort_id):
            current, revision = await self.cohorts.load(cohort_id)
            if current is None:
                raise _missing("Kohort", "cohort", cohort_id)
            closed = cohorts.close_cohort(current)
            await self.cohorts.save(cohort_id, closed, revision, [], {})
        return closed

    async def register_mentor(self, cmd: RegisterMentor) -> Mentor:
        """Register a mentor and publish MentorRegistered."""
        mentor, events = cohorts.register_mentor(cmd, new_id("mentor"))
        outbox = outbox_entries(self.topics, list(events), 0)
        await self.mentors.save(mentor.mentor_id, mentor, 0, outbox, {})
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

    async def enroll(self, cohort_id: str, sme_id: str) -> Mentee:
        """Enroll a known, active SME."""
        cohort = await self.cohort(cohort_id)
        return await self.change(
            sme_id, lambda m: enrollment.enroll(m, cohort, self.rules, self.clock())
        )

    async def assign(self, cohort_id: str, sme_id: str, mentor_id: str) -> str | None:
        """Assign or reassign; returns a warning past the norm (refused past the hard cap)."""
        cohort, mentor = await self.cohort(cohort_id), await self.mentor(mentor_id)
        warning: list[str | None] = [None]
        # One assignment per mentor at a time, so two cannot both take the last place.
        async with self.mentees.locks.hold(f"assign|{mentor_id}"):
            load = await self.mentees.mentor_load(cohort_id, mentor_id)

            def decide(m: Mentee) -> Decision:
                result = enrollment.assign(
                    m, cohort, mentor, load, rules=self.rules, now=self.clock()
                )
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

    async def change(
        self, sme_id: str, decide: Callable[[Mentee], Decision], *, create: bool = False
    ) -> Mentee:
        """Load (or, for upstream facts, create), decide, store state + events in one write."""
        async with self.mentees.locks.hold(sme_id):
            current, revision = await self.mentees.load(sme_id)
            if current is None:
                if not create:
                    raise NotFoundError(
                        f"UMKM {sme_id} tidak dikenal (belum terdaftar)",
                        f"SME {sme_id} is unknown (not registered)",
                    )
                current = Mentee(sme_id=sme_id)
            changed, events = decide(current)
            if changed != current or events:
                outbox = outbox_entries(self.topics, events, current.version, current.feed_version)
                await self.mentees.put(changed, revision, outbox)
        return changed


def _missing(noun: str, noun_en: str, key: str) -> NotFoundError:
    return NotFoundError(f"{noun} {key} tidak ditemukan", f"{noun_en} {key} not found")
