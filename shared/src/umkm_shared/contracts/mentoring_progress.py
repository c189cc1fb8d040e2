"""Events of the mentoring context (topic `umkm-juara.mentoring.v1`): sessions, milestones,
graduation."""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from umkm_shared.contracts.audit import Audited
from umkm_shared.contracts.types import (
    CohortId,
    EvidenceRef,
    MentorId,
    Milestone,
    Rupiah,
    SessionId,
    SessionTopic,
    SmeId,
)


class MentorSessionLogged(Audited):
    """A mentor logged a mentoring session with an SME (or a correction of an earlier log)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    session_id: SessionId
    cohort_id: CohortId
    sme_id: SmeId
    mentor_id: MentorId
    session_date: date = Field(
        description="The day the session took place.", examples=["2022-07-05"]
    )
    duration_minutes: int = Field(
        ge=1, le=600, description="Length of the session in minutes.", examples=[90]
    )
    mode: Literal["tatap_muka", "daring"] = Field(
        description="tatap_muka = in person, daring = online.", examples=["tatap_muka"]
    )
    topics: list[SessionTopic] = Field(
        min_length=1,
        description="The topics covered.",
        examples=[["legalitas_sertifikasi", "kemasan"]],
    )
    milestones_noted: list[Annotated[str, StringConstraints(min_length=1, max_length=500)]] = Field(
        default_factory=list,
        description=(
            "The mentor's free-text notes on progress towards milestones; may be empty. "
            "No personal data. Achieved milestones are published as MilestoneAchieved."
        ),
        examples=[["Pengajuan sertifikat halal lewat SIHALAL sudah dikirim"]],
    )
    corrects_session_id: SessionId | None = Field(
        default=None,
        description=(
            "Set when this log corrects an earlier one: the id of the session it supersedes. "
            "Consumers replace the earlier session with this one."
        ),
        examples=["session-1a2b3c4d5e6f"],
    )


class MilestoneAchieved(Audited):
    """An SME in a cohort reached a naik-kelas milestone, backed by evidence."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    cohort_id: CohortId
    sme_id: SmeId
    milestone: Milestone
    achieved_on: date = Field(description="The day it was achieved.", examples=["2022-08-12"])
    evidence: EvidenceRef
    financing_amount: Rupiah | None = Field(
        default=None,
        description="For financing_obtained: the amount obtained, in whole Rupiah.",
        examples=[50000000],
    )
    financing_source: Literal["kur", "bank_credit", "other"] | None = Field(
        default=None,
        description=(
            "For financing_obtained: kur = Kredit Usaha Rakyat, bank_credit = other bank credit "
            "(e.g. bank bjb Kredit Mesra), other = any other source."
        ),
        examples=["kur"],
    )
    jobs_added: int | None = Field(
        default=None, ge=1, description="For jobs_added: how many jobs.", examples=[2]
    )
    marketplace: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="For marketplace_onboarded: the marketplace's name.",
        examples=["Tokopedia"],
    )


class GraduationDimension(BaseModel):
    """One dimension on which the SME moved up, with its before/after values and evidence."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    dimension: Literal[
        "scale_class",
        "licensing_certification",
        "retail_partnership",
        "financing",
        "formal_licensing",
        "certification",
        "digital_onboarding",
        "export_readiness",
        "jobs_added",
    ] = Field(
        description=(
            "scale_class = PP 7/2021 class; formal_licensing = NIB; certification = halal, "
            "PIRT or BPOM; digital_onboarding = a marketplace listing; financing = KUR or bank "
            "credit; export_readiness = export ready; jobs_added = jobs created; "
            "retail_partnership = modern-retail partnership. licensing_certification (NIB, "
            "halal, PIRT, BPOM together) is graduation.v1's and appears only under that policy."
        ),
        examples=["scale_class"],
    )
    before: str = Field(
        min_length=1,
        max_length=200,
        description="The value before the program.",
        examples=["mikro"],
    )
    after: str = Field(
        min_length=1, max_length=200, description="The value at graduation.", examples=["kecil"]
    )
    evidence: list[EvidenceRef] = Field(
        min_length=1,
        description="References to the evidence for the change.",
        examples=[["doc://dinas-kukm-bekasi/2022/laporan-keuangan-0042"]],
    )


class SMEGraduated(Audited):
    """An SME graduated from a cohort (naik kelas)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    cohort_id: CohortId
    sme_id: SmeId
    graduated_on: date = Field(
        description=(
            "Programme time: the graduation day. Under graduation.v2 the date of the evidence "
            "that completed the graduation, inside the cohort's dates."
        ),
        examples=["2022-10-20"],
    )
    dimensions: list[GraduationDimension] = Field(
        min_length=1,
        description="The dimensions on which the SME moved up.",
        examples=[
            [
                {
                    "dimension": "scale_class",
                    "before": "mikro",
                    "after": "kecil",
                    "evidence": ["doc://dinas-kukm-bekasi/2022/laporan-keuangan-0042"],
                }
            ]
        ],
    )
    sessions_logged: int = Field(
        ge=0, description="Mentoring sessions logged for the SME in the cohort.", examples=[14]
    )
    policy_version: str = Field(
        min_length=1,
        max_length=50,
        description=(
            "Version of the graduation policy applied. Since graduation.v2 it is derived from "
            "the policy's content: `<name>+<first 8 hex of the sha256 of every parameter>` "
            "(e.g. `graduation.v2+a15a0f5e`), so a changed threshold is a new version. "
            "Graduations decided before name `graduation.v1`."
        ),
        examples=["graduation.v1"],
    )
    decided_by: Literal["policy", "coordinator"] = Field(
        description=(
            "policy = the graduation policy decided; coordinator = the program coordinator "
            "overrode it (override_reason then says why)."
        ),
        examples=["policy"],
    )
    override_reason: str | None = Field(
        default=None,
        min_length=1,
        max_length=500,
        description="Why the coordinator overrode the policy; required for decided_by coordinator.",
        examples=["Omzet naik kelas terverifikasi langsung oleh koordinator"],
    )
