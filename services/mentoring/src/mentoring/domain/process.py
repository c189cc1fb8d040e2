"""The graduation process manager's step, run after every change to an SME.

Whatever changed (a session, a milestone, a scale move, a partnership, an enrollment), the
policy is re-evaluated for every enrollment not yet graduated whose cohort is still open,
and a progress snapshot is shared with Bank Jabar if consent is on. The result and the change
are stored in ONE write. A closed cohort's enrollments are frozen: nothing graduates there.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from mentoring.domain.events import DomainEvent, SmeGraduated
from mentoring.domain.feed import progress_snapshot
from mentoring.domain.graduation import Evidence, decide
from mentoring.domain.graduation_policy import GraduationPolicy
from mentoring.domain.mentee import Decision, Enrollment, Mentee
from mentoring.domain.values import Graduation


@dataclass(frozen=True)
class Rules:
    """The configurable rules the decisions apply (from settings)."""

    policy: GraduationPolicy = field(default_factory=GraduationPolicy)
    feed_key: bytes = b"dev-only-bank-feed-key"
    hard_cap: int = 35


def evidence_of(mentee: Mentee, enrollment: Enrollment) -> Evidence:
    """What the SME did in the cohort, as the policy reads it."""
    return Evidence(
        start=enrollment.cohort_start,
        end=enrollment.last_day,
        session_dates=tuple(s.session_date for s in enrollment.effective_sessions()),
        milestones=enrollment.milestones,
        scale_moves=mentee.scale_moves,
        partnerships=mentee.partnerships,
    )


def policy_graduation(
    mentee: Mentee, enrollment: Enrollment, policy: GraduationPolicy
) -> Graduation | None:
    """The graduation the policy grants now, or None (graduated, closed, withdrawn, not yet)."""
    if enrollment.graduation is not None or enrollment.closed_on is not None or mentee.withdrawn:
        return None
    return decide(evidence_of(mentee, enrollment), policy)


def freeze(mentee: Mentee, closed: Mapping[str, date]) -> Mentee:
    """The SME with the enrollments of closed cohorts (cohort id -> closed_on) frozen."""
    for cohort_id, closed_on in closed.items():
        enrollment = mentee.enrollments.get(cohort_id)
        if enrollment is not None and enrollment.closed_on is None:
            mentee = mentee.with_enrollment(enrollment.model_copy(update={"closed_on": closed_on}))
    return mentee


def settle(
    mentee: Mentee, events: list[DomainEvent], rules: Rules, now: datetime, *, progress: bool
) -> Decision:
    """Append graduations the policy now grants and, for progress, a feed snapshot."""
    events = list(events)
    for enrollment in mentee.enrollments.values():
        graduation = policy_graduation(mentee, enrollment, rules.policy)
        if graduation is not None:
            mentee = mentee.with_enrollment(
                enrollment.model_copy(update={"graduation": graduation})
            )
            events.append(
                SmeGraduated(
                    cohort_id=enrollment.cohort_id, sme_id=mentee.sme_id, graduation=graduation
                )
            )
            progress = True
    if progress:
        snapshot = progress_snapshot(mentee, rules.feed_key, now)
        if snapshot is not None:
            events.append(snapshot)
    return mentee.counted(events), events
