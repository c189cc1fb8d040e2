"""Response rows of the query API (also the columns of the exports)."""

from pydantic import BaseModel


class RegionRow(BaseModel):
    """One kabupaten/kota, or one kecamatan of a kabupaten/kota."""

    code: str
    name: str
    smes: int
    enrolled: int
    mentored: int
    sessions: int
    graduated: int
    naik_kelas: int
    withdrawn: int


class CohortRow(BaseModel):
    """One cohort with its progress."""

    cohort_id: str
    name: str
    kabupaten_code: str | None
    start_date: str | None
    end_date: str | None
    target_graduates: int
    mentor_norm: int
    enrolled: int
    mentored: int
    sessions: int
    graduated: int
    progress_pct: float
    sessions_by_topic: dict[str, int]
    naik_kelas_by_dimension: dict[str, int]


class MentorRow(BaseModel):
    """One mentor: SMEs assigned against the norm, sessions in the last 30 days."""

    mentor_id: str
    name: str
    kabupaten_code: str | None
    assigned: int
    norm: int
    load_pct: float
    sessions_30d: int
    sessions_total: int


class PartnershipRow(BaseModel):
    """One partnership with its products and sales."""

    partnership_id: str
    partner_id: str | None
    partner_name: str
    sme_id: str
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
    sessions: int
    graduated: int
    registered_total: int
    sessions_total: int
    graduated_total: int


class Totals(BaseModel):
    """Program totals and progress to the target."""

    registered: int
    active: int
    enrolled: int
    mentored: int
    sessions: int
    graduated: int
    naik_kelas_scale: int
    partnerships_active: int
    gross_sales: int
    target: int
    progress_pct: float
