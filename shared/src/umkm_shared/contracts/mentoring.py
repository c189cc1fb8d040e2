"""Events of the mentoring context (topic `umkm-juara.mentoring.v1`): mentors, cohorts, assignment.

Sessions, milestones and graduation are in `mentoring_progress`.
"""

from datetime import date

from pydantic import AwareDatetime, ConfigDict, Field

from umkm_shared.contracts.audit import Audited
from umkm_shared.contracts.types import (
    CohortId,
    CoordinatorId,
    KabupatenCode,
    MentorId,
    SessionTopic,
    SmeId,
)


class MentorRegistered(Audited):
    """A mentor (pendamping) joined the program."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    mentor_id: MentorId
    name: str = Field(
        min_length=1,
        max_length=200,
        description=(
            "The mentor's name. Personal data (UU 27/2022) of a program staff member in a "
            "public role: SMEs and partners need to know who mentors them."
        ),
        examples=["Dedi Kurniawan"],
    )
    kabupaten_code: KabupatenCode = Field(
        description="Kemendagri code of the kabupaten/kota the mentor works in.",
        examples=["32.16"],
    )
    expertise: list[SessionTopic] = Field(
        min_length=1,
        description="The topics the mentor covers.",
        examples=[["pemasaran", "digitalisasi", "legalitas_sertifikasi"]],
    )


class CohortOpened(Audited):
    """A program cohort (one kabupaten/kota, one program year) opened."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    cohort_id: CohortId
    name: str = Field(
        min_length=1,
        max_length=200,
        description="Name of the cohort.",
        examples=["UMKM Juara 2022 Kabupaten Bekasi"],
    )
    kabupaten_code: KabupatenCode = Field(
        description="Kemendagri code of the kabupaten/kota running the cohort.",
        examples=["32.16"],
    )
    start_date: date = Field(description="First day of the program.", examples=["2022-06-20"])
    end_date: date = Field(
        description="Last day of the program; on or after start_date.", examples=["2022-10-20"]
    )
    target_graduates: int = Field(
        ge=0,
        description="How many SMEs the cohort aims to graduate (naik kelas).",
        examples=[162],
    )
    mentor_norm: int = Field(
        default=27,
        ge=1,
        description=(
            "Planning norm: SMEs per mentor (program norm 27, e.g. 162 UMKM with 6 mentors)."
        ),
        examples=[27],
    )
    coordinator_ids: list[CoordinatorId] = Field(
        default_factory=list,
        max_length=20,
        description=(
            "The coordinators of the cohort (each the `coordinator_id` of a coordinator's "
            "account): they enroll, assign and graduate in it. Empty on cohorts opened "
            "before v1.1."
        ),
        examples=[["coordinator-00000000c001"]],
    )


class SMEEnrolled(Audited):
    """An SME joined a cohort."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    cohort_id: CohortId
    sme_id: SmeId
    enrolled_at: AwareDatetime = Field(
        description="When the system processed the enrolment.",
        examples=["2022-06-20T10:00:00+07:00"],
    )
    enrolled_on: date | None = Field(
        default=None,
        description=(
            "Programme time: the day the SME joined the cohort, inside the cohort's dates. "
            "Null on events before v1.2: then the date of `enrolled_at` in Asia/Jakarta."
        ),
        examples=["2022-06-20"],
    )


class MentorAssigned(Audited):
    """A mentor was assigned to an SME in a cohort, first or as a reassignment."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    cohort_id: CohortId
    sme_id: SmeId
    mentor_id: MentorId = Field(
        description="The mentor now responsible for the SME.", examples=["mentor-3a8c1e5f7b20"]
    )
    previous_mentor_id: MentorId | None = Field(
        default=None,
        description="The mentor replaced (a reassignment); null for a first assignment.",
        examples=["mentor-0b1c2d3e4f5a"],
    )
    assigned_at: AwareDatetime = Field(
        description="When the system processed the assignment.",
        examples=["2022-06-21T08:00:00+07:00"],
    )
    assigned_on: date | None = Field(
        default=None,
        description=(
            "Programme time: the day the assignment took effect, inside the cohort's dates. "
            "Null on events before v1.2: then the date of `assigned_at` in Asia/Jakarta."
        ),
        examples=["2022-06-21"],
    )


class CohortClosed(Audited):
    """A cohort closed: nothing changes in it afterwards (late upstream events included)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    cohort_id: CohortId
    kabupaten_code: KabupatenCode = Field(
        description="Kemendagri code of the kabupaten/kota that ran the cohort.",
        examples=["32.16"],
    )
    closed_on: date = Field(
        description="Programme time: the cohort's last day (its `end_date` unless closed early).",
        examples=["2022-10-20"],
    )
    closed_at: AwareDatetime = Field(
        description="When the system processed the closing.",
        examples=["2022-10-21T09:00:00+07:00"],
    )
    enrolled: int = Field(
        ge=0, description="SMEs enrolled in the cohort at closing.", examples=[162]
    )
    graduated: int = Field(
        ge=0, description="SMEs graduated in the cohort at closing.", examples=[118]
    )
