"""The shapes of the generated Bekasi 2022 cohort: plain frozen values, no I/O."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Json = dict[str, Any]


@dataclass(frozen=True)
class Figures:
    """Size figures at a date (modal usaha, hasil penjualan tahunan), in whole Rupiah."""

    capital: int
    sales: int
    employees: int
    as_of: date

    def body(self) -> Json:
        """As registration's `financials`."""
        return {
            "business_capital": self.capital,
            "annual_sales": self.sales,
            "employees": self.employees,
            "as_of": self.as_of.isoformat(),
        }


@dataclass(frozen=True)
class PlannedSession:
    """A mentoring session to log."""

    day: date
    topics: tuple[str, ...]
    duration_minutes: int
    mode: Literal["tatap_muka", "daring"]
    notes: str

    def body(self) -> Json:
        """As mentoring's LogSession."""
        return {
            "session_date": self.day.isoformat(),
            "duration_minutes": self.duration_minutes,
            "mode": self.mode,
            "topics": list(self.topics),
            "notes": self.notes,
        }


@dataclass(frozen=True)
class PlannedMilestone:
    """A milestone to record, with its evidence and the fields its kind needs."""

    milestone: str
    achieved_on: date
    evidence: str
    extra: Json = field(default_factory=dict)

    def body(self) -> Json:
        """As mentoring's RecordMilestone."""
        return {
            "milestone": self.milestone,
            "achieved_on": self.achieved_on.isoformat(),
            "evidence": self.evidence,
            **self.extra,
        }


@dataclass(frozen=True)
class GeneratedSme:
    """One made-up UMKM and everything the programme does with it."""

    key: str
    """A stable handle (`bks-001`): the registration's idempotency key."""
    name: str
    nik: str = field(repr=False)
    kbli: str
    kecamatan: str
    desa: str
    joined_on: date
    figures: Figures
    nib: str | None
    halal: str | None
    pirt: str | None
    mentor_id: str
    enrolled_on: date
    sessions: tuple[PlannedSession, ...]
    milestones: tuple[PlannedMilestone, ...]
    scale_up: Figures | None = None
    """New figures dated inside the cohort (a profile update: SMEScaleChanged)."""
    consent: bool = False
    """Consents to the Bank Jabar mentoring feed."""

    @property
    def kabupaten(self) -> str:
        """The kabupaten code, e.g. `32.16`."""
        return self.kecamatan.rsplit(".", 1)[0]

    def registration(self) -> Json:
        """The body of registration's POST /smes."""
        return {
            "business_name": self.name,
            "owner_nik": self.nik,
            "kbli": self.kbli,
            "kabupaten_code": self.kabupaten,
            "kecamatan_code": self.kecamatan,
            "desa_code": self.desa,
            "nib": self.nib,
            "financials": self.figures.body(),
            "joined_on": self.joined_on.isoformat(),
        }

    def licences(self) -> Json:
        """Every licence held at registration (PATCH `licences`, a full replacement)."""
        return {"nib": self.nib, "halal_certificate": self.halal, "pirt": self.pirt}


Target = Literal["proposed", "curation_failed", "active", "ended"]


@dataclass(frozen=True)
class PlannedPartnership:
    """One partnership and the state the demo leaves it in."""

    partner: str
    sme_key: str
    pattern: str
    target: Target
    outlets: tuple[str, ...]
    product: str
    agreement: str | None = None
    start_date: date | None = None
    sku: str | None = None
    unit_price: int = 0
    sales: tuple[tuple[str, int], ...] = ()
    """(YYYY-MM, units sold) of the listed product, month by month."""
    ended_on: date | None = None

    @property
    def gross_sales(self) -> int:
        """Rupiah sold over all months."""
        return sum(units for _, units in self.sales) * self.unit_price


@dataclass(frozen=True)
class Bekasi2022:
    """The whole generated cohort."""

    smes: tuple[GeneratedSme, ...]
    mentors: dict[str, Json]
    """mentor_id -> RegisterMentor body (without the id)."""
    partnerships: tuple[PlannedPartnership, ...]
    others: tuple[GeneratedSme, ...] = ()
    """SMEs of other kabupaten (one of Kabupaten Bandung: what Bekasi's users must not see)."""

    def sme(self, key: str) -> GeneratedSme:
        """The SME with this key."""
        return next(s for s in (*self.smes, *self.others) if s.key == key)
