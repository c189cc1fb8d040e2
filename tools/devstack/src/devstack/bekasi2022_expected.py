"""The figures reporting must show once the Bekasi 2022 cohort is seeded, computed from the
generator's own data with mentoring's graduation policy (graduation.v2) and registration's
PP 7/2021 rule: the same pure functions the services run, never a copy of them."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from devstack import bekasi2022_catalogue as cat
from devstack.bekasi2022_model import Bekasi2022, Figures, GeneratedSme, PlannedPartnership
from mentoring.domain.graduation import expected_graduation
from registration.domain.scale import classify
from registration.domain.values import Financials
from umkm_shared.contracts.vocabularies import DIMENSIONS, MILESTONES, moved_up

ESTABLISHED = ("active", "ended")


@dataclass(frozen=True)
class Expected:
    """What /totals must say for the kabupaten (and, with the other SMEs, the province)."""

    registered_province: int
    registered: int
    enrolled: int
    mentored: int
    sessions: int
    graduated: int
    graduated_by_dimension: dict[str, int]
    naik_kelas_scale: int
    milestones: dict[str, int]
    mentors: int
    bank_feed_consents: int
    partnerships_active: int
    gross_sales: int
    target: int = cat.REGENT_TARGET
    graduated_keys: frozenset[str] = field(default_factory=frozenset, repr=False)
    """The SMEs (generator keys) expected to graduate."""
    by_kecamatan: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)
    """Kecamatan code -> its `smes`, `sessions` and `graduated` (as reporting's /regions)."""

    def totals(self) -> dict[str, Any]:
        """The kabupaten's expected /totals fields, by the names reporting gives them."""
        return {
            "registered": self.registered,
            "enrolled": self.enrolled,
            "mentored": self.mentored,
            "sessions": self.sessions,
            "graduated": self.graduated,
            "graduated_by_dimension": self.graduated_by_dimension,
            "naik_kelas_scale": self.naik_kelas_scale,
            "milestones": self.milestones,
            "mentors": self.mentors,
            "bank_feed_consents": self.bank_feed_consents,
            "partnerships_active": self.partnerships_active,
            "gross_sales": self.gross_sales,
        }


def scale_class(figures: Figures) -> str:
    """The PP 7/2021 class registration computes for these figures."""
    value = Financials(
        business_capital=figures.capital,
        annual_sales=figures.sales,
        employees=figures.employees,
        as_of=figures.as_of,
    )
    return classify(value).scale_class


def _move(sme: GeneratedSme) -> dict[str, Any] | None:
    if sme.scale_up is None:
        return None
    before, after = scale_class(sme.figures), scale_class(sme.scale_up)
    return {"from_class": before, "to_class": after, "as_of": sme.scale_up.as_of}


def _partnerships(plans: list[PlannedPartnership]) -> list[dict[str, Any]]:
    return [
        {
            "partner_id": p.partner,
            "pattern": p.pattern,
            "start_date": p.start_date,
            "partner_sector": "ritel_modern",
        }
        for p in plans
        if p.target in ESTABLISHED and p.start_date is not None
    ]


def graduation_dimensions(cohort: Bekasi2022, sme: GeneratedSme) -> tuple[str, ...] | None:
    """The dimensions mentoring's policy graduates the SME on, or None if it does not."""
    move = _move(sme)
    graduation = expected_graduation(
        cat.COHORT_START,
        cat.COHORT_END,
        session_dates=[s.day for s in sme.sessions],
        milestones=[m.body() for m in sme.milestones],
        scale_moves=[move] if move else [],
        partnerships=_partnerships([p for p in cohort.partnerships if p.sme_key == sme.key]),
    )
    return None if graduation is None else tuple(d.dimension for d in graduation.dimensions)


def expected(cohort: Bekasi2022) -> Expected:
    """The figures of the whole generated cohort."""
    graduations = {s.key: graduation_dimensions(cohort, s) for s in cohort.smes}
    by_dimension = Counter(d for dims in graduations.values() if dims for d in dims)
    milestones = Counter(
        m.milestone for s in cohort.smes for m in {m.milestone: m for m in s.milestones}.values()
    )
    moved = [m for s in cohort.smes if (m := _move(s)) and moved_up(m["from_class"], m["to_class"])]
    return Expected(
        registered_province=len(cohort.smes) + len(cohort.others),
        registered=len(cohort.smes),
        enrolled=len(cohort.smes),
        mentored=sum(bool(s.sessions) for s in cohort.smes),
        sessions=sum(len(s.sessions) for s in cohort.smes),
        graduated=sum(dims is not None for dims in graduations.values()),
        graduated_by_dimension={d: by_dimension[d] for d in DIMENSIONS},
        naik_kelas_scale=len(moved),
        milestones={m: milestones[m] for m in MILESTONES},
        mentors=len({s.mentor_id for s in cohort.smes}),
        bank_feed_consents=sum(s.consent for s in cohort.smes),
        partnerships_active=sum(p.target == "active" for p in cohort.partnerships),
        gross_sales=sum(p.gross_sales for p in cohort.partnerships if p.target in ESTABLISHED),
        graduated_keys=frozenset(k for k, dims in graduations.items() if dims is not None),
        by_kecamatan=_by_kecamatan(cohort, {k for k, dims in graduations.items() if dims}),
    )


def _by_kecamatan(cohort: Bekasi2022, graduated: set[str]) -> dict[str, dict[str, int]]:
    rows: dict[str, dict[str, int]] = {}
    for sme in cohort.smes:
        row = rows.setdefault(sme.kecamatan, {"smes": 0, "sessions": 0, "graduated": 0})
        row["smes"] += 1
        row["sessions"] += len(sme.sessions)
        row["graduated"] += sme.key in graduated
    return rows
