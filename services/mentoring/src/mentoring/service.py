"""Application service: load, check the caller's scope, decide (pure domain), write once.

Every command and read names its `Caller`; the route has checked the function level (the
roles matrix), this layer checks the object (OWASP API1) on what it loads: a dinas reaches the
cohorts of its kabupaten, a coordinator the cohorts naming its `coordinator_id`, a mentor the
enrollments assigned to its `mentor_id`. Checks on an enrollment run inside the decision, on
the state the write is conditional on, so a reassignment cannot slip in between.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from mentoring.adapters.closing import finish_closing
from mentoring.adapters.contracts import to_outbox
from mentoring.adapters.ports import Aggregates, Cohorts
from mentoring.adapters.sme_writer import ATTEMPTS, MenteeWriter
from mentoring.domain import cohort as cohorts
from mentoring.domain import enrollment, idempotency, progress
from mentoring.domain.cohort import Cohort, Mentor, mentor_taken
from mentoring.domain.commands import (
    GraduateManually,
    LogSession,
    OpenCohort,
    RecordMilestone,
    RegisterMentor,
)
from mentoring.domain.errors import NotFoundError
from mentoring.domain.mentee import Decide, Decision, Enrollment, Mentee
from mentoring.domain.process import Rules
from umkm_shared.auth import Caller, Target, allows, check
from umkm_shared.contracts.topics import TopicNames
from umkm_shared.store import ConcurrentUpdateError


def new_id(prefix: str) -> str:
    """A fresh id such as `cohort-6f1d2c3b4a59`."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@dataclass
class MentoringService:
    """Cohorts, mentors and SME progress; every state change carries its events."""

    writer: MenteeWriter
    cohorts: Cohorts
    mentors: Aggregates[Mentor]
    topics: TopicNames
    rules: Rules
    clock: Callable[[], datetime]

    async def open_cohort(self, caller: Caller, cmd: OpenCohort) -> Cohort:
        """Open a cohort and publish CohortOpened."""
        check(caller, "mentoring.open_cohort", Target(kabupaten_code=cmd.kabupaten_code))
        cohort, events = cohorts.open_cohort(cmd, new_id("cohort"))
        await self.cohorts.save(cohort.cohort_id, cohort, 0, to_outbox(self.topics, events, 0))
        return cohort

    async def close_cohort(self, caller: Caller, cohort_id: str) -> Cohort:
        """Close a cohort and publish CohortClosed with its counts (adapters/closing.py).

        A `closing` cohort (a close interrupted) is finished; a `closed` one is refused (409).
        """
        for _ in range(ATTEMPTS):
            current, revision = await self.cohorts.load(cohort_id)
            if current is None:
                raise _missing("Kohort", "cohort", cohort_id)
            check(caller, "mentoring.close_cohort", of_cohort(current))
            closing = cohorts.begin_closing(current, self.clock())
            if closing != current:
                try:
                    await self.cohorts.save(cohort_id, closing, revision, [])
                except ConcurrentUpdateError:
                    continue
            return await finish_closing(self.writer, cohort_id) or closing
        raise ConcurrentUpdateError(cohort_id)

    async def register_mentor(self, caller: Caller, cmd: RegisterMentor) -> Mentor:
        """Register a mentor and publish MentorRegistered; the same registration again is fine."""
        check(caller, "mentoring.register_mentor", Target(kabupaten_code=cmd.kabupaten_code))
        mentor, events = cohorts.register_mentor(cmd, cmd.mentor_id or new_id("mentor"))
        outbox = to_outbox(self.topics, events, 0)
        try:
            await self.mentors.save(mentor.mentor_id, mentor, 0, outbox)
        except ConcurrentUpdateError:
            existing, _ = await self.mentors.load(mentor.mentor_id)
            if existing != mentor:
                raise mentor_taken(mentor.mentor_id) from None
        return mentor

    async def cohort(self, cohort_id: str) -> Cohort:
        """A cohort, or NotFoundError (no scope check: for the service's own use)."""
        found, _ = await self.cohorts.load(cohort_id)
        if found is None:
            raise _missing("Kohort", "cohort", cohort_id)
        return found

    async def cohort_for(self, caller: Caller, action: str, cohort_id: str) -> Cohort:
        """A cohort the caller may do `action` in (as a dinas or coordinator), or 403/404."""
        cohort = await self.cohort(cohort_id)
        check(caller, action, of_cohort(cohort))
        return cohort

    async def read_cohort(
        self, caller: Caller, cohort_id: str
    ) -> tuple[Cohort, list[Mentee] | None]:
        """A cohort to show, and None, or for a mentor only the SMEs assigned to them.

        A mentor reaches a cohort only through the SMEs assigned to them in it (403 if none).
        """
        cohort = await self.cohort(cohort_id)
        if allows(caller, READ, of_cohort(cohort)):
            return cohort, None
        assigned = await self._assigned_to(caller, cohort)
        if not assigned:
            check(caller, READ, of_cohort(cohort))  # refuses
        return cohort, assigned

    async def _assigned_to(self, caller: Caller, cohort: Cohort) -> list[Mentee]:
        if not caller.has("mentor") or caller.mentor_id is None:
            return []
        places = await self.writer.loads.places(cohort.cohort_id, caller.mentor_id)
        found = await self.writer.mentees.load_many(sorted({sme for sme, _ in places}))
        # A place may be a phantom (see adapters/loads.py): the SME's own document decides.
        return [
            mentee
            for _, (mentee, _) in sorted(found.items())
            if allows(caller, READ, of_enrollment(cohort, mentee.enrollments.get(cohort.cohort_id)))
        ]

    async def read_enrollment(self, caller: Caller, cohort_id: str, sme_id: str) -> Enrollment:
        """One SME's enrollment the caller may read, or 403, or 404."""
        cohort = await self.cohort(cohort_id)
        found, _ = await self.writer.mentees.load(sme_id)
        current = found.enrollments.get(cohort_id) if found is not None else None
        # Out of scope is 403 whether or not the SME is enrolled: a 404 would tell.
        check(caller, READ, of_enrollment(cohort, current))
        if found is None:
            raise _unknown(sme_id)
        return enrollment.enrollment_of(found, cohort_id)

    async def mentor(self, mentor_id: str) -> Mentor:
        """A mentor, or NotFoundError."""
        found, _ = await self.mentors.load(mentor_id)
        if found is None:
            raise _missing("Pendamping", "mentor", mentor_id)
        return found

    async def mentee(self, sme_id: str) -> Mentee:
        """An SME mentoring knows, or NotFoundError (no scope check: for the service's own use)."""
        found, _ = await self.writer.mentees.load(sme_id)
        if found is None:
            raise _unknown(sme_id)
        return found

    async def change(self, sme_id: str, decide: Decide, *, create: bool = False) -> Mentee:
        """Decide on the SME's current state and store the result (see `MenteeWriter`)."""
        return await self.writer.change(sme_id, decide, create=create)

    async def enroll(
        self, caller: Caller, cohort_id: str, sme_id: str, enrolled_on: date | None = None
    ) -> Mentee:
        """Enroll a known, active SME (409 with Retry-After while registration propagates)."""
        cohort = await self.cohort_for(caller, "mentoring.enroll", cohort_id)
        return await self.change(
            sme_id, lambda m: enrollment.enroll(m, cohort, self.rules, self.clock(), enrolled_on)
        )

    async def assign(
        self,
        caller: Caller,
        cohort_id: str,
        sme_id: str,
        mentor_id: str,
        assigned_on: date | None = None,
    ) -> str | None:
        """Assign or reassign, dated `assigned_on`; returns a warning past the norm (refused
        past the hard cap)."""
        cohort = await self.cohort_for(caller, "mentoring.assign", cohort_id)
        mentor = await self.mentor(mentor_id)
        # Read once for the norm's warning; the cap itself is held by taking a place.
        load = await self.writer.load_of(cohort_id, mentor_id, sme_id)
        warning: list[str | None] = [None]

        def decide(m: Mentee) -> Decision:
            result = enrollment.assign(
                m, cohort, mentor, load, rules=self.rules, now=self.clock(), on=assigned_on
            )
            warning[0] = result.warning
            return result.decision

        await self.change(sme_id, decide)
        return warning[0]

    async def log_session(
        self,
        caller: Caller,
        cohort_id: str,
        sme_id: str,
        cmd: LogSession,
        idempotency_key: str | None = None,
    ) -> str:
        """Log a session of the assigned mentor (the caller, or an admin for them); its id.

        A retry with a stored Idempotency-Key raises RequestRepeatedError with the first id.
        """
        cohort, session_id = await self.cohort(cohort_id), new_id("session")
        request = idempotency.fingerprint("session", cohort_id, cmd)

        def decide(m: Mentee) -> Decision:
            check(
                caller, "mentoring.log_session", of_enrollment(cohort, m.enrollments.get(cohort_id))
            )
            idempotency.not_repeated(m, idempotency_key, request)
            changed, events = progress.log_session(
                m, cohort, cmd, session_id, rules=self.rules, now=self.clock()
            )
            return idempotency.remembered(changed, idempotency_key, request, session_id), events

        await self.change(sme_id, decide)
        return session_id

    async def record_milestone(
        self,
        caller: Caller,
        cohort_id: str,
        sme_id: str,
        cmd: RecordMilestone,
        idempotency_key: str | None = None,
    ) -> Mentee:
        """Record a milestone (the assigned mentor, or an admin); a keyed retry as for sessions."""
        cohort = await self.cohort(cohort_id)
        request = idempotency.fingerprint("milestone", cohort_id, cmd)

        def decide(m: Mentee) -> Decision:
            check(
                caller, "mentoring.milestone", of_enrollment(cohort, m.enrollments.get(cohort_id))
            )
            idempotency.not_repeated(m, idempotency_key, request)
            changed, events = progress.record_milestone(m, cohort, cmd, self.rules, self.clock())
            return idempotency.remembered(changed, idempotency_key, request, cmd.milestone), events

        return await self.change(sme_id, decide)

    async def graduate(
        self, caller: Caller, cohort_id: str, sme_id: str, cmd: GraduateManually
    ) -> Mentee:
        """The coordinator's manual graduation."""
        cohort = await self.cohort_for(caller, "mentoring.override", cohort_id)
        return await self.change(
            sme_id, lambda m: progress.graduate_manually(m, cohort, cmd, self.rules, self.clock())
        )


READ = "mentoring.read"


def of_cohort(cohort: Cohort) -> Target:
    """What the access decision knows of a cohort: its kabupaten and coordinators."""
    return Target(kabupaten_code=cohort.kabupaten_code, coordinators=cohort.coordinator_ids)


def of_enrollment(cohort: Cohort, enrolled: Enrollment | None) -> Target:
    """An SME's enrollment in the cohort (None: not enrolled, so no mentor reaches it)."""
    return Target(
        kabupaten_code=cohort.kabupaten_code,
        coordinators=cohort.coordinator_ids,
        mentor_id=enrolled.mentor_id if enrolled is not None else None,
    )


def _unknown(sme_id: str) -> NotFoundError:
    return NotFoundError(f"UMKM {sme_id} tidak dikenal", f"SME {sme_id} is unknown")


def _missing(noun: str, noun_en: str, key: str) -> NotFoundError:
    return NotFoundError(f"{noun} {key} tidak ditemukan", f"{noun_en} {key} not found")
