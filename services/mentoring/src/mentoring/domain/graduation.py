"""Graduation under a policy: which naik-kelas dimensions an SME achieved, and when.

Every piece of evidence counts only when it is dated inside the cohort's dates (a scale move
by its figures' date, a milestone by its achievement date, a partnership by its start date,
a session by its date). The SME graduates on the first day on which both the minimum
sessions and the minimum dimensions were met: `graduated_on` is the date of the evidence
that completed it, always inside the cohort's dates. The policy and its version are in
`mentoring.domain.graduation_policy`.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from mentoring.domain.graduation_policy import DEFAULT_POLICY, GraduationPolicy
from mentoring.domain.values import (
    DimensionAchieved,
    Graduation,
    MilestoneRecord,
    RetailPartnership,
    ScaleMove,
)
from umkm_shared.contracts.vocabularies import moved_up

NONE_BEFORE = "belum ada / none"


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
