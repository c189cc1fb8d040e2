"""Commands: what a coordinator or mentor asks the mentoring service to do.

They are the API's request bodies, so they are at least as strict as the contracts their
events become (`tests/unit/mentoring/test_command_bounds.py` proves it field by field):
bounded text without control characters or NIKs, West Java kabupaten only, strict numbers
and booleans (`"1"` and `true` are no amounts), sizes BSON can store.
"""

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, Field, StrictInt

from mentoring.domain.values import (
    DimensionAchieved,
    FinancingSource,
    MilestoneKind,
    Mode,
    Topic,
    Value,
)
from umkm_shared.contracts.types import CoordinatorId, MentorId, SessionId
from umkm_shared.contracts.vocabularies import SESSION_TOPICS
from umkm_shared.regions import WestJavaKabupatenCode
from umkm_shared.text import FreeText, Name, Note, refusal

MAX_RUPIAH = 10**15 - 1  # 15 digits: a 422 naming it shows no NIK-shaped number
"""A quadrillion Rupiah: far above any SME's financing, far below what BSON's int64 holds."""
Evidence = Annotated[
    str,
    FreeText(500, min_length=1, strip=True),
    Field(
        description="Reference to evidence kept by the program, e.g. a document id or URL.",
        examples=["doc://dinas-kukm-bekasi/2022/sertifikat-halal-0042"],
    ),
]


def _some_topic(topics: tuple[str, ...]) -> tuple[str, ...]:
    # A validator, not min_length: an unknown topic is then one error, not two.
    if not topics:
        raise refusal("too_short", "Isi minimal satu topik.", "Name at least one topic.")
    return topics


Topics = Annotated[
    tuple[Topic, ...],
    Field(max_length=len(SESSION_TOPICS), json_schema_extra={"minItems": 1}),
    AfterValidator(_some_topic),
]
MAX_COORDINATORS = 20


def _distinct(ids: tuple[str, ...]) -> tuple[str, ...]:
    if len(set(ids)) != len(ids):
        raise refusal(
            "not_unique", "Setiap koordinator cukup disebut sekali.", "Name each coordinator once."
        )
    return ids


class OpenCohort(Value):
    """Open a cohort."""

    name: Name
    kabupaten_code: WestJavaKabupatenCode
    start_date: date
    end_date: date
    target_graduates: Annotated[StrictInt, Field(ge=0, le=100_000)]
    mentor_norm: Annotated[StrictInt, Field(ge=1, le=1_000)] = 27
    coordinator_ids: Annotated[
        tuple[CoordinatorId, ...],
        Field(
            max_length=MAX_COORDINATORS,
            description="Who coordinates the cohort: they enroll, assign and graduate in it.",
        ),
        AfterValidator(_distinct),
    ] = ()


class RegisterMentor(Value):
    """Register a mentor (pendamping)."""

    mentor_id: MentorId | None = Field(
        default=None,
        description=(
            "The id the mentor's account at the identity provider carries (its `mentor_id` "
            "claim), so the mentor can sign in as this mentor; a new id when absent. 409 when "
            "taken, unless the mentor registered is this very one (a replay)."
        ),
    )
    name: Name
    kabupaten_code: WestJavaKabupatenCode
    expertise: Topics


class LogSession(Value):
    """Log a session (or correct an earlier log) for the SME's assigned mentor.

    No `mentor_id`: the session is the assigned mentor's, and only that mentor (by the
    access token) or a provincial administrator may log it.
    """

    session_date: date
    duration_minutes: Annotated[StrictInt, Field(ge=1, le=600)]
    mode: Mode
    topics: Topics
    milestones_noted: Annotated[
        tuple[Annotated[str, FreeText(500, min_length=1, strip=True)], ...],
        Field(max_length=20),
    ] = ()
    notes: Note = ""
    next_actions: Note = ""
    corrects_session_id: SessionId | None = None


class RecordMilestone(Value):
    """Record a milestone with its evidence."""

    milestone: MilestoneKind
    achieved_on: date
    evidence: Evidence
    financing_amount: Annotated[StrictInt, Field(ge=0, le=MAX_RUPIAH)] | None = None
    financing_source: FinancingSource | None = None
    jobs_added: Annotated[StrictInt, Field(ge=1, le=100_000)] | None = None
    marketplace: Annotated[str, FreeText(100, min_length=1, strip=True)] | None = None


class ClaimedDimension(DimensionAchieved):
    """A naik-kelas dimension the coordinator names, as bounded as the published one."""

    before: Annotated[str, FreeText(200, min_length=1, strip=True)]
    after: Annotated[str, FreeText(200, min_length=1, strip=True)]
    evidence: Annotated[tuple[Evidence, ...], Field(min_length=1, max_length=20)]


class GraduateManually(Value):
    """The coordinator graduates an SME, overriding the policy, with a reason."""

    reason: Annotated[str, FreeText(500, min_length=1, multiline=True, strip=True)]
    dimensions: Annotated[tuple[ClaimedDimension, ...], Field(max_length=10)] = ()
