"""The versioned graduation policy: which naik-kelas dimensions an SME achieved, and when.

Every piece of evidence counts only when it is dated inside the cohort's dates (a scale move
by its figures' date, a milestone by its achievement date, a partnership by its start date,
a session by its date). The SME graduates on the first day on which both the minimum
sessions and the minimum dimensions were met: `graduated_on` is the date of the evidence
that completed it, always inside the cohort's dates.

The policy's version is derived from its content (`graduation.v2+<8 hex>`): changing any
threshold or mapping changes the version, so no two rule sets share one. Changing the code
of the rules means a new name (`graduation.v3`).
"""

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mentoring.domain.values import (
    DimensionAchieved,
    Graduation,
    MilestoneRecord,
    RetailPartnership,
    ScaleMove,
)
from umkm_shared.contracts.vocabularies import moved_up

NONE_BEFORE = "belum ada / none"
V2_MILESTONES: tuple[tuple[str, str], ...] = (
    ("nib_obtained", "formal_licensing"),
    ("halal_certified", "certification"),
    ("pirt_certified", "certification"),
    ("bpom_certified", "certification"),
    ("marketplace_onboarded", "digital_onboarding"),
    ("financing_obtained", "financing"),
    ("export_ready", "export_readiness"),
    ("jobs_added", "jobs_added"),
)
V1_MILESTONES: tuple[tuple[str, str], ...] = (
    ("nib_obtained", "licensing_certification"),
    ("halal_certified", "licensing_certification"),
    ("pirt_certified", "licensing_certification"),
    ("bpom_certified", "licensing_certification"),
    ("financing_obtained", "financing"),
)


@dataclass(frozen=True)
class GraduationPolicy:
    """Default graduation.v2: at least 4 sessions AND 1 dimension, all inside the cohort."""

    name: str = "graduation.v2"
    min_sessions: int = 4
    min_dimensions: int = 1
    milestone_dimensions: tuple[tuple[str, str], ...] = V2_MILESTONES
    """Milestone -> the dimension it evidences."""
    dimensions: frozenset[str] = frozenset(
        {"scale_class", "retail_partnership", *(d for _, d in V2_MILESTONES)}
    )
    """The dimensions that count (scale_class and retail_partnership come from upstream)."""
    retail_patterns: frozenset[str] = field(
        default_factory=lambda: frozenset({"perdagangan_umum", "distribusi_dan_keagenan"})
    )
    retail_sectors: frozenset[str] = frozenset({"ritel_modern"})

    @classmethod
    def v1(cls) -> "GraduationPolicy":
        """graduation.v1's dimensions (licensing and certification as one), dated as v2 is."""
        dims = frozenset({"scale_class", "licensing_certification", "retail_partnership"})
        return cls(
            name="graduation.v1",
            milestone_dimensions=V1_MILESTONES,
            dimensions=dims | {"financing"},
        )

    def parameters(self) -> dict[str, Any]:
        """Every parameter, canonically ordered: what the version is derived from."""
        return {
            "name": self.name,
            "min_sessions": self.min_sessions,
            "min_dimensions": self.min_dimensions,
            "milestone_dimensions": sorted(map(list, self.milestone_dimensions)),
            "dimensions": sorted(self.dimensions),
            "retail_patterns": sorted(self.retail_patterns),
            "retail_sectors": sorted(self.retail_sectors),
        }

    @property
    def digest(self) -> str:
        """sha256 of the canonical JSON of `parameters()`."""
        canonical = json.dumps(self.parameters(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    @property
    def version(self) -> str:
        """`<name>+<first 8 hex of the digest>`: what every SMEGraduated names."""
        return f"{self.name}+{self.digest[:8]}"

    def is_retail(self, partnership: RetailPartnership) -> bool:
        """A retail pattern, or a modern-retail partner whatever the pattern.

        The dimension is a partnership with modern retail (Perbup 73/2020 names Indomaret,
        Alfamart and the like); such a partner may sign under any PP 7/2021 pattern, e.g.
        rantai pasok for a supply agreement.
        """
        return (
            partnership.pattern in self.retail_patterns
            or partnership.partner_sector in self.retail_sectors
        )


DEFAULT_POLICY = GraduationPolicy()


@dataclass(frozen=True)
class Evidence:
    """What an SME did in one cohort, as the policy reads it."""

    start: date
    end: date
    """The cohort's dates (its closing day if it closed early): nothing outside counts."""
    session_dates: tuple[date, ...] = ()
    """Dates of the effective sessions (corrections applied)."""
    milestones: tuple[MilestoneRecord, ...] = ()
    scale_moves: tuple[ScaleMove, ...] = ()
    partnerships: tuple[RetailPartnership, ...] = ()

    def inside(self, day: date) -> bool:
        """The day lies inside the cohort's dates."""
        return self.start <= day <= self.end


def _scale(ev: Evidence, upto: date) -> DimensionAchieved | None:
    dated = (m for m in ev.scale_moves if ev.start <= m.as_of <= upto)
    moves = sorted(dated, key=lambda m: m.as_of)
    if not moves or not moved_up(moves[0].from_class, moves[-1].to_class):
        return None
    return DimensionAchieved(
        dimension="scale_class",
        before=moves[0].from_class,
        after=moves[-1].to_class,
        evidence=tuple(m.evidence for m in moves),
    )


def _partnership(ev: Evidence, upto: date, policy: GraduationPolicy) -> DimensionAchieved | None:
    found = [p for p in ev.partnerships if policy.is_retail(p) and ev.start <= p.start_date <= upto]
    if not found:
        return None
    return DimensionAchieved(
        dimension="retail_partnership",
        before=NONE_BEFORE,
        after=", ".join(f"{p.pattern} {p.partner_id}" for p in found)[:200],
        evidence=tuple(f"perjanjian:{p.agreement_number}" for p in found),
    )


def _after(dimension: str, found: Sequence[MilestoneRecord]) -> str:
    if dimension == "financing":
        return ", ".join(f"{m.financing_source} Rp{m.financing_amount}" for m in found)[:200]
    if dimension == "jobs_added":
        return f"+{sum(m.jobs_added or 0 for m in found)} lapangan kerja / jobs"
    if dimension == "digital_onboarding":
        return ", ".join(sorted({m.marketplace or m.milestone for m in found}))[:200]
    return ", ".join(sorted({m.milestone for m in found}))[:200]


def _milestones(ev: Evidence, upto: date, policy: GraduationPolicy) -> list[DimensionAchieved]:
    mapping = dict(policy.milestone_dimensions)
    grouped: dict[str, list[MilestoneRecord]] = {}
    for m in ev.milestones:
        if m.milestone == "jobs_added" and not (m.jobs_added or 0) > 0:
            continue
        if m.milestone in mapping and ev.start <= m.achieved_on <= upto:
            grouped.setdefault(mapping[m.milestone], []).append(m)
    return [
        DimensionAchieved(
            dimension=dimension,
            before=NONE_BEFORE,
            after=_after(dimension, found),
            evidence=tuple(m.evidence for m in found),
        )
        for dimension, found in sorted(grouped.items())
    ]


def dimensions_on(ev: Evidence, upto: date, policy: GraduationPolicy) -> list[DimensionAchieved]:
    """The dimensions the policy counts, on evidence dated from the start up to `upto`."""
    found = [_scale(ev, upto), _partnership(ev, upto, policy), *_milestones(ev, upto, policy)]
    return [d for d in found if d is not None and d.dimension in policy.dimensions]


def _evidence_days(ev: Evidence) -> list[date]:
    days = {
        *ev.session_dates,
        *(m.achieved_on for m in ev.milestones),
        *(m.as_of for m in ev.scale_moves),
        *(p.start_date for p in ev.partnerships),
    }
    return sorted(d for d in days if ev.inside(d))


def decide(ev: Evidence, policy: GraduationPolicy = DEFAULT_POLICY) -> Graduation | None:
    """The graduation the evidence earns under the policy, or None (not yet).

    Dated on the first day both minimums were met; it names the dimensions achieved by then.
    """
    for day in _evidence_days(ev):
        sessions = sum(ev.start <= d <= day for d in ev.session_dates)
        if sessions < policy.min_sessions:
            continue
        dimensions = dimensions_on(ev, day, policy)
        if len(dimensions) >= max(policy.min_dimensions, 1):
            return Graduation(
                graduated_on=day,
                dimensions=tuple(dimensions),
                sessions_logged=sessions,
                policy_version=policy.version,
                decided_by="policy",
            )
    return None


def expected_graduation(
    start: date | str,
    end: date | str,
    *,
    session_dates: Iterable[date | str] = (),
    milestones: Iterable[Mapping[str, Any]] = (),
    scale_moves: Iterable[Mapping[str, Any]] = (),
    partnerships: Iterable[Mapping[str, Any]] = (),
    policy: GraduationPolicy = DEFAULT_POLICY,
) -> Graduation | None:
    """`decide` on plain data, e.g. for a generator computing the figures it expects.

    milestones: {"milestone", "achieved_on", optional "jobs_added", "financing_amount",
    "financing_source", "marketplace", "evidence"}; scale_moves: {"from_class", "to_class",
    "as_of"}; partnerships: {"partner_id", "pattern", "start_date", optional
    "partner_sector", "agreement_number"}. Dates are `date`s or ISO strings.
    """
    ev = Evidence(
        start=date.fromisoformat(str(start)),
        end=date.fromisoformat(str(end)),
        session_dates=tuple(date.fromisoformat(str(d)) for d in session_dates),
        milestones=tuple(
            MilestoneRecord.model_validate({"evidence": "-", **m}) for m in milestones
        ),
        scale_moves=tuple(
            ScaleMove.model_validate({"rule_version": "-", "evidence": "-", **m})
            for m in scale_moves
        ),
        partnerships=tuple(
            RetailPartnership.model_validate({"partnership_id": "-", "agreement_number": "-", **p})
            for p in partnerships
        ),
    )
    return decide(ev, policy)
