"""The versioned graduation policy: which naik-kelas dimensions an SME achieved in a cohort."""

from dataclasses import dataclass, field
from datetime import date

from mentoring.domain.mentee import Enrollment, Mentee
from mentoring.domain.values import LICENSING, DimensionAchieved, Graduation, RetailPartnership
from umkm_shared.contracts.vocabularies import DIMENSIONS, moved_up

NONE_BEFORE = "belum ada / none"


@dataclass(frozen=True)
class GraduationPolicy:
    """Default: at least 4 sessions AND at least 1 dimension (graduation.v1)."""

    version: str = "graduation.v1"
    min_sessions: int = 4
    min_dimensions: int = 1
    dimensions: frozenset[str] = frozenset(DIMENSIONS)
    retail_patterns: frozenset[str] = field(
        default_factory=lambda: frozenset({"perdagangan_umum", "distribusi_dan_keagenan"})
    )
    retail_sectors: frozenset[str] = frozenset({"ritel_modern"})

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


def _scale(mentee: Mentee, since: date) -> DimensionAchieved | None:
    # Moves dated before the cohort started are not the program's doing.
    moves = [m for m in mentee.scale_moves if m.as_of >= since]
    if not moves or not moved_up(moves[0].from_class, moves[-1].to_class):
        return None
    return DimensionAchieved(
        dimension="scale_class",
        before=moves[0].from_class,
        after=moves[-1].to_class,
        evidence=tuple(m.evidence for m in moves),
    )


def _licensing(enrollment: Enrollment) -> DimensionAchieved | None:
    found = [m for m in enrollment.milestones if m.milestone in LICENSING]
    if not found:
        return None
    return DimensionAchieved(
        dimension="licensing_certification",
        before=NONE_BEFORE,
        after=", ".join(sorted({m.milestone for m in found})),
        evidence=tuple(m.evidence for m in found),
    )


def _partnership(mentee: Mentee, since: date, policy: GraduationPolicy) -> DimensionAchieved | None:
    found = [p for p in mentee.partnerships if policy.is_retail(p) and p.start_date >= since]
    if not found:
        return None
    return DimensionAchieved(
        dimension="retail_partnership",
        before=NONE_BEFORE,
        after=", ".join(f"{p.pattern} {p.partner_id}" for p in found)[:200],
        evidence=tuple(f"perjanjian:{p.agreement_number}" for p in found),
    )


def _financing(enrollment: Enrollment) -> DimensionAchieved | None:
    found = [m for m in enrollment.milestones if m.milestone == "financing_obtained"]
    if not found:
        return None
    after = ", ".join(f"{m.financing_source} Rp{m.financing_amount}" for m in found)
    return DimensionAchieved(
        dimension="financing",
        before=NONE_BEFORE,
        after=after[:200],
        evidence=tuple(m.evidence for m in found),
    )


def achieved_dimensions(
    mentee: Mentee, enrollment: Enrollment, policy: GraduationPolicy
) -> list[DimensionAchieved]:
    """The dimensions the policy counts that this SME has achieved in this cohort."""
    since = enrollment.cohort_start
    found = [
        _scale(mentee, since),
        _licensing(enrollment),
        _partnership(mentee, since, policy),
        _financing(enrollment),
    ]
    return [d for d in found if d is not None and d.dimension in policy.dimensions]


def policy_graduation(
    mentee: Mentee, enrollment: Enrollment, policy: GraduationPolicy, today: date
) -> Graduation | None:
    """The graduation the policy grants now, or None if the SME does not meet it (yet)."""
    if enrollment.graduation is not None or mentee.withdrawn:
        return None
    sessions = len(enrollment.effective_sessions())
    dimensions = achieved_dimensions(mentee, enrollment, policy)
    if sessions < policy.min_sessions or len(dimensions) < max(policy.min_dimensions, 1):
        return None
    return Graduation(
        graduated_on=today,
        dimensions=tuple(dimensions),
        sessions_logged=sessions,
        policy_version=policy.version,
        decided_by="policy",
    )
