"""Response rows of the query API (also the columns of the exports)."""

from typing import Literal

from pydantic import BaseModel, Field


class RegionRow(BaseModel):
    """One kabupaten/kota, or one kecamatan of a kabupaten/kota."""

    code: str
    name: str
    level: Literal["kabupaten", "kecamatan"]
    smes: int
    enrolled: int
    mentored: int
    sessions: int
    graduated: int
    naik_kelas: int
    withdrawn: int
    mentors: int
    bank_feed_consents: int


class CohortRow(BaseModel):
    """One cohort with its progress."""

    cohort_id: str
    name: str
    kabupaten_code: str | None
    kabupaten_name: str
    status: Literal["open", "closed"]
    closed_on: str | None
    start_date: str | None
    end_date: str | None
    target_graduates: int
    mentor_norm: int
    enrolled: int
    mentored: int
    sessions: int
    graduated: int
    naik_kelas_scale: int
    mentors: int
    progress_pct: float
    sessions_by_topic: dict[str, int]
    naik_kelas_by_dimension: dict[str, int]
    """Graduates by the dimension they moved up on (every dimension, 0 if none)."""
    milestones: dict[str, int]


class MentorRow(BaseModel):
    """One mentor: SMEs assigned against the norm, sessions in the last 30 days."""

    mentor_id: str
    name: str
    kabupaten_code: str | None
    kabupaten_name: str
    assigned: int
    norm: int
    load_pct: float
    sessions_30d: int
    sessions_total: int
    as_of: str
    """The last day of the 30 counted: a closed cohort's end for its mentors, else today."""


class PartnershipRow(BaseModel):
    """One partnership with its products and sales."""

    partnership_id: str
    partner_id: str | None
    partner_name: str
    sme_id: str
    sme_name: str
    pattern: str | None
    status: str
    start_date: str | None
    product_count: int
    units_sold: int
    gross_sales: int


class GroupRow(BaseModel):
    """Partnerships summed under one partner, pattern or status."""

    key: str
    label: str
    partnerships: int
    active: int
    products: int
    units_sold: int
    gross_sales: int


class PartnerComplianceRow(BaseModel):
    """One partner's partnering with UMKM so far (Perbup 73/2020)."""

    partner_id: str
    name: str
    company_type: str | None
    sector: str | None
    active_partnerships: int
    active_by_pattern: dict[str, int]
    umkm_partnered: int
    """Distinct SMEs with an active partnership with this partner."""
    products_listed: int
    """Products listed under its active partnerships."""
    units_sold_to_date: int
    sales_to_date: int
    """Gross sales in Rupiah over all its partnerships, ended ones included."""


class KecamatanComplianceRow(BaseModel):
    """How many UMKM registered in one kecamatan have an active partnership."""

    kecamatan_code: str
    """Kemendagri code; `-` for SMEs whose registration has not been projected."""
    name: str
    kabupaten_code: str | None
    kabupaten_name: str
    umkm_partnered: int
    active_partnerships: int
    partners: list[str]
    """The names of the partners these SMEs partner with."""


class DayRow(BaseModel):
    """One day of the program totals, with running totals."""

    day: str
    registered: int
    enrolled: int
    sessions: int
    milestones: int
    graduated: int
    registered_total: int
    enrolled_total: int
    sessions_total: int
    milestones_total: int
    graduated_total: int


class TargetFigure(BaseModel):
    """The target of a level, where it was decided, and the progress to it."""

    naik_kelas: int = Field(description="Graduates (lulus) the level aims at.", examples=[300])
    source: Literal["kabupaten", "province", "cohort"] = Field(
        description="kabupaten: set with PUT /targets; province: the sum of the kabupaten "
        "targets; cohort: the cohort's target_graduates.",
    )
    year: int | None = None
    decided_by: str | None = Field(default=None, examples=["Perbup/Bupati Bekasi"])
    progress_pct: float = Field(description="graduated / naik_kelas, in percent.")


class Totals(BaseModel):
    """The cards of one level: province, kabupaten, kecamatan or cohort."""

    level: Literal["province", "kabupaten", "kecamatan", "cohort"]
    region: str | None = Field(description="The region read (null: the whole province).")
    region_name: str
    cohort_id: str | None
    cohort_name: str | None
    cohort_status: Literal["open", "closed"] | None
    registered: int
    active: int
    withdrawn: int
    enrolled: int
    mentored: int
    sessions: int
    graduated: int = Field(description="Lulus: graduated under the policy (>= 1 dimension).")
    graduated_by_dimension: dict[str, int]
    naik_kelas_scale: int = Field(description="SMEs that moved up a PP 7/2021 scale class.")
    milestones: dict[str, int] = Field(description="SMEs with each milestone.")
    mentors: int = Field(description="Distinct mentors assigned to the level's active SMEs.")
    bank_feed_consents: int = Field(description="Active SMEs consenting to the Bank Jabar feed.")
    partnerships_active: int
    partners: int
    umkm_partnered: int
    gross_sales: int
    target: TargetFigure | None = Field(description="None at kecamatan level or when unset.")
    progress_pct: float = Field(description="target.progress_pct; 0 without a target.")
    progress_of: Literal["graduated"] = "graduated"


class TargetRow(BaseModel):
    """A kabupaten's naik-kelas target, where it was decided and who recorded it."""

    kabupaten_code: str
    kabupaten_name: str
    naik_kelas: int
    year: int
    decided_by: str
    set_by: str | None
    set_at: str


class Freshness(BaseModel):
    """How fresh the read models are, for the dashboard's "Data per <time>"."""

    data_as_of: str | None = Field(
        description="Processing time of the newest projected event (null: none yet).",
        examples=["2026-12-01T18:40:12.123000+07:00"],
    )
    lag: int | None = Field(
        description="Events not projected yet (every partition); null if Kafka is away."
    )
    lag_high: bool
    lag_threshold: int
