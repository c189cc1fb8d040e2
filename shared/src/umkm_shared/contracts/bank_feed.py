"""The Bank Jabar mentoring feed (topic `umkm-juara.bankjabar-feed.v1`): pseudonymised progress."""

from datetime import date

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from umkm_shared.contracts.types import (
    BankSmeRef,
    KabupatenCode,
    Kbli,
    Milestone,
    ScaleClass,
    SessionTopic,
)


class MentoringProgressShared(BaseModel):
    """An SME's mentoring progress was shared with Bank Jabar; only for SMEs whose consent is on."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    sme_ref: BankSmeRef
    kabupaten_code: KabupatenCode
    kbli: Kbli
    scale_class: ScaleClass | None = Field(
        default=None,
        description="Current PP 7/2021 size class; null if not yet computed.",
        examples=["mikro"],
    )
    sessions_logged: int = Field(
        ge=0, description="Mentoring sessions logged for the SME so far.", examples=[9]
    )
    last_session_date: date | None = Field(
        default=None,
        description="Day of the latest session; null if there is none yet.",
        examples=["2022-08-30"],
    )
    topics_covered: list[SessionTopic] = Field(
        description="The distinct topics covered in the sessions so far.",
        examples=[["keuangan_akses_pembiayaan", "digitalisasi"]],
    )
    milestones: list[Milestone] = Field(
        description="The milestones achieved so far.",
        examples=[["nib_obtained", "halal_certified"]],
    )
    graduated: bool = Field(description="Whether the SME has graduated.", examples=[False])
    consent_reference: str = Field(
        min_length=1,
        max_length=100,
        description="Id of the SME's recorded consent: the legal basis for sharing.",
        examples=["consent-8f3a2b1c0d9e"],
    )
    as_of: AwareDatetime = Field(
        description="When this snapshot of the progress was taken.",
        examples=["2022-09-01T00:00:00+07:00"],
    )
