"""An SME as the mentoring context sees it: a local projection plus its cohort enrollments."""

from collections.abc import Callable, Sequence
from datetime import date, datetime

from pydantic import Field

from mentoring.domain.events import DomainEvent, ProgressShared
from mentoring.domain.values import (
    Graduation,
    Handled,
    MilestoneRecord,
    RetailPartnership,
    ScaleMove,
    Session,
    Value,
)
from umkm_shared.contracts.types import ScaleClass


class Profile(Value):
    """What registration told us about the business (SMERegistered, SMEProfileUpdated)."""

    kabupaten_code: str
    kecamatan_code: str
    kbli: str
    scale_class: ScaleClass | None = None


class Consent(Value):
    """The SME's consent to the Bank Jabar mentoring feed."""

    granted: bool
    reference: str
    changed_at: datetime


class Enrollment(Value):
    """The SME's membership of one cohort, with everything logged in it."""

    cohort_id: str
    cohort_start: date
    cohort_end: date
    enrolled_at: datetime
    enrolled_on: date | None = None
    """Programme time: the day the SME joined (None on enrollments before it was recorded)."""
    closed_on: date | None = None
    """Set once the cohort closed (its last day): nothing changes in the enrollment after."""
    mentor_id: str | None = None
    sessions: tuple[Session, ...] = ()
    milestones: tuple[MilestoneRecord, ...] = ()
    graduation: Graduation | None = None

    def effective_sessions(self) -> list[Session]:
        """Sessions as they stand after corrections: a corrected log is replaced, not added."""
        superseded = {s.corrects_session_id for s in self.sessions if s.corrects_session_id}
        return [s for s in self.sessions if s.session_id not in superseded]

    @property
    def last_day(self) -> date:
        """The cohort's last day: its end, or the day it closed if earlier."""
        return min(self.cohort_end, self.closed_on or self.cohort_end)


class Mentee(Value):
    """The aggregate: one per SME, so every SME-keyed event has one writer and one version."""

    sme_id: str
    profile: Profile | None = None
    withdrawn: bool = False
    consent: Consent | None = None
    scale_moves: tuple[ScaleMove, ...] = ()
    partnerships: tuple[RetailPartnership, ...] = ()
    enrollments: dict[str, Enrollment] = Field(default_factory=dict)
    applied: dict[str, int] = Field(default_factory=dict)
    """Last aggregateversion applied per upstream subject: redeliveries change nothing."""
    version: int = 0
    """Events published with this SME as subject (the aggregateversion of the last one)."""
    feed_version: int = 0
    """Events published on the Bank Jabar feed for this SME."""
    handled: tuple[Handled, ...] = ()
    """The last Idempotency-Keys its commands came with (domain/idempotency.py)."""

    def with_enrollment(self, enrollment: Enrollment) -> "Mentee":
        """A copy with one enrollment replaced."""
        return self.model_copy(
            update={"enrollments": {**self.enrollments, enrollment.cohort_id: enrollment}}
        )

    def counted(self, events: list[DomainEvent]) -> "Mentee":
        """A copy whose version counters include `events` (feed events count separately)."""
        feed = sum(isinstance(e, ProgressShared) for e in events)
        return self.model_copy(
            update={
                "version": self.version + len(events) - feed,
                "feed_version": self.feed_version + feed,
            }
        )


Decision = tuple[Mentee, list[DomainEvent]]
Decide = Callable[[Mentee], Decision]
"""A decision on an SME's current state: its new state and the events of the change."""


def in_turn(decisions: Sequence[Decide]) -> Decide:
    """One decision applying several in order (one SME's events of a batch, one write)."""

    def decide(mentee: Mentee) -> Decision:
        events: list[DomainEvent] = []
        for step in decisions:
            mentee, more = step(mentee)
            events.extend(more)
        return mentee, events

    return decide
