"""HTTP bodies that are not domain commands: small requests and the views."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from mentoring.domain.values import Graduation, MilestoneRecord, Session
from umkm_shared.contracts.types import MentorId, SmeId


class Request(BaseModel):
    """A request body: unknown fields are refused, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class EnrollRequest(Request):
    """Enroll an SME registered in the registration service."""

    sme_id: SmeId
    enrolled_on: date | None = Field(
        default=None,
        description=(
            "Programme time: the day the SME joined, inside the cohort's dates (422 otherwise). "
            "Default: today in Asia/Jakarta, moved into the cohort's dates."
        ),
        examples=["2022-06-20"],
    )


class AssignRequest(Request):
    """Assign (or reassign) the SME's mentor."""

    mentor_id: MentorId = Field(description="The mentor to assign.")
    assigned_on: date | None = Field(
        default=None,
        description=(
            "Programme time: the day the assignment took effect, inside the cohort's dates, "
            "not after today and not before the SME's `enrolled_on` (422 otherwise). "
            "Default: today in Asia/Jakarta, moved into the cohort's dates."
        ),
        examples=["2022-06-21"],
    )


class AssignmentView(BaseModel):
    """The assignment made, with a warning when the mentor is past the cohort's norm."""

    sme_id: str
    mentor_id: str
    warning: str | None = None


class SessionCreated(BaseModel):
    """The id of the logged session."""

    session_id: str


class ProposalRequest(Request):
    """The mentors to spread the cohort's SMEs over."""

    mentor_ids: list[MentorId] = Field(
        min_length=1, max_length=200, examples=[["mentor-3a8c1e5f7b20"]]
    )


class ProposalView(BaseModel):
    """A proposal: SMEs per mentor (even loads) and the kecamatan each mentor covers."""

    assignments: dict[str, list[str]]
    kecamatan: dict[str, list[str]]


class CohortView(BaseModel):
    """A cohort with its counts (a mentor's: of the SMEs assigned to them)."""

    cohort_id: str
    name: str
    kabupaten_code: str
    start_date: date
    end_date: date
    target_graduates: int
    mentor_norm: int
    status: Literal["open", "closing", "closed"] = Field(
        description="`closing`: a close has begun; commands are refused, CohortClosed follows."
    )
    closed_on: date | None = Field(
        default=None,
        description="Once closed: its last day (end_date, or the closing day if closed early).",
    )
    coordinator_ids: list[str]
    enrolled: int
    graduated: int
    mentor_loads: dict[str, int]
    assigned_sme_ids: list[str] | None = Field(
        default=None,
        description=(
            "Only in a mentor's view: the cohort's SMEs assigned to the caller. A mentor sees "
            "no other SME: `enrolled`, `graduated` and `mentor_loads` then count only these."
        ),
    )


class EnrollmentView(BaseModel):
    """One SME's progress in one cohort."""

    cohort_id: str
    sme_id: str
    mentor_id: str | None
    enrolled_on: date | None = Field(description="Programme time: the day the SME joined.")
    closed_on: date | None = Field(description="Set once the cohort closed.")
    sessions_logged: int
    sessions: list[Session]
    milestones: list[MilestoneRecord]
    graduation: Graduation | None
