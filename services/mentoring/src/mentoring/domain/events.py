"""Domain events: what happened, in the mentoring context's own vocabulary."""

from datetime import date, datetime

from mentoring.domain.values import (
    Graduation,
    MilestoneRecord,
    Session,
    Topic,
    Value,
)
from umkm_shared.contracts.types import ScaleClass


class CohortOpened(Value):
    """A cohort opened."""

    cohort_id: str
    name: str
    kabupaten_code: str
    start_date: date
    end_date: date
    target_graduates: int
    mentor_norm: int
    coordinator_ids: tuple[str, ...] = ()


class MentorRegistered(Value):
    """A mentor joined the program."""

    mentor_id: str
    name: str
    kabupaten_code: str
    expertise: tuple[Topic, ...]


class SmeEnrolled(Value):
    """An SME joined a cohort."""

    cohort_id: str
    sme_id: str
    enrolled_at: datetime
    enrolled_on: date


class CohortClosed(Value):
    """A cohort closed: nothing changes in it afterwards."""

    cohort_id: str
    kabupaten_code: str
    closed_on: date
    closed_at: datetime
    enrolled: int
    graduated: int


class MentorAssigned(Value):
    """A mentor became responsible for an SME in a cohort."""

    cohort_id: str
    sme_id: str
    mentor_id: str
    previous_mentor_id: str | None
    assigned_at: datetime
    assigned_on: date


class SessionLogged(Value):
    """A session (or a correction of one) was logged."""

    cohort_id: str
    sme_id: str
    session: Session


class MilestoneAchieved(Value):
    """A milestone was reached."""

    cohort_id: str
    sme_id: str
    record: MilestoneRecord


class SmeGraduated(Value):
    """An SME graduated from a cohort."""

    cohort_id: str
    sme_id: str
    graduation: Graduation


class ProgressShared(Value):
    """A pseudonymised progress snapshot for Bank Jabar (only while consent is on)."""

    sme_ref: str
    kabupaten_code: str
    kbli: str
    scale_class: ScaleClass | None
    sessions_logged: int
    last_session_date: date | None
    topics_covered: tuple[Topic, ...]
    milestones: tuple[str, ...]
    graduated: bool
    consent_reference: str
    as_of: datetime


SmeEvent = SmeEnrolled | MentorAssigned | SessionLogged | MilestoneAchieved | SmeGraduated
DomainEvent = CohortOpened | CohortClosed | MentorRegistered | SmeEvent | ProgressShared
