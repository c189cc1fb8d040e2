"""Commands: what a coordinator or mentor asks the mentoring service to do."""

from datetime import date

from mentoring.domain.values import (
    DimensionAchieved,
    FinancingSource,
    MilestoneKind,
    Mode,
    Topic,
    Value,
)


class OpenCohort(Value):
    """Open a cohort."""

    name: str
    kabupaten_code: str
    start_date: date
    end_date: date
    target_graduates: int
    mentor_norm: int = 27


class RegisterMentor(Value):
    """Register a mentor (pendamping)."""

    name: str
    kabupaten_code: str
    expertise: tuple[Topic, ...]


class LogSession(Value):
    """Log a session (or correct an earlier log) as the SME's assigned mentor."""

    mentor_id: str
    session_date: date
    duration_minutes: int
    mode: Mode
    topics: tuple[Topic, ...]
    milestones_noted: tuple[str, ...] = ()
    notes: str = ""
    next_actions: str = ""
    corrects_session_id: str | None = None


class RecordMilestone(Value):
    """Record a milestone with its evidence."""

    milestone: MilestoneKind
    achieved_on: date
    evidence: str
    financing_amount: int | None = None
    financing_source: FinancingSource | None = None
    jobs_added: int | None = None
    marketplace: str | None = None


class GraduateManually(Value):
    """The coordinator graduates an SME, overriding the policy, with a reason."""

    reason: str
    dimensions: tuple[DimensionAchieved, ...] = ()
