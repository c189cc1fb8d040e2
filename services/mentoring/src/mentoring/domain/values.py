"""Value objects of the mentoring domain (frozen pydantic models: easy to store, no I/O)."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, WithJsonSchema

from umkm_shared.contracts.types import Milestone, ScaleClass, SessionTopic
from umkm_shared.contracts.vocabularies import DIMENSIONS

Topic = SessionTopic
MilestoneKind = Milestone
Mode = Literal["tatap_muka", "daring"]
LICENSING: frozenset[str] = frozenset(
    {"nib_obtained", "halal_certified", "pirt_certified", "bpom_certified"}
)
FinancingSource = Literal["kur", "bank_credit", "other"]


def _known_dimension(value: str) -> str:
    if value not in DIMENSIONS:
        raise ValueError(f"unknown naik-kelas dimension; one of {', '.join(DIMENSIONS)}")
    return value


Dimension = Annotated[
    str,
    AfterValidator(_known_dimension),
    WithJsonSchema({"type": "string", "enum": list(DIMENSIONS)}),
]
"""A naik-kelas dimension: one of the contract's `DIMENSIONS` (never a copy of them)."""


class Value(BaseModel):
    """Base of every domain value: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Session(Value):
    """One logged mentoring session (a correction is a new session naming the one it replaces)."""

    session_id: str
    mentor_id: str
    session_date: date
    duration_minutes: int
    mode: Mode
    topics: tuple[Topic, ...]
    milestones_noted: tuple[str, ...] = ()
    notes: str = ""
    next_actions: str = ""
    corrects_session_id: str | None = None
    logged_at: datetime


class MilestoneRecord(Value):
    """A milestone reached, with its evidence reference."""

    milestone: MilestoneKind
    achieved_on: date
    evidence: str
    financing_amount: int | None = None
    financing_source: FinancingSource | None = None
    jobs_added: int | None = None
    marketplace: str | None = None


class ScaleMove(Value):
    """A PP 7/2021 class change learned from registration."""

    from_class: ScaleClass
    to_class: ScaleClass
    as_of: date
    rule_version: str
    evidence: str


class RetailPartnership(Value):
    """A partnership established, learned from the partnership context."""

    partnership_id: str
    partner_id: str
    pattern: str
    agreement_number: str
    start_date: date
    partner_sector: str | None = None
    """What the partner does (ritel_modern for modern retail); None if the event did not say."""


class DimensionAchieved(Value):
    """One naik-kelas dimension with before/after values and its evidence."""

    dimension: Dimension
    before: str
    after: str
    evidence: tuple[str, ...]


class Graduation(Value):
    """The graduation of an SME from one cohort."""

    graduated_on: date
    dimensions: tuple[DimensionAchieved, ...]
    sessions_logged: int
    policy_version: str
    decided_by: Literal["policy", "coordinator"]
    override_reason: str | None = None


class Handled(Value):
    """A keyed command the SME's state holds: its Idempotency-Key, request fingerprint, result."""

    key: str
    fingerprint: str
    result: str
