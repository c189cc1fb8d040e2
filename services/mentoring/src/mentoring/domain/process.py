"""The graduation process manager's step, run after every change to an SME.

Whatever changed (a session, a milestone, a scale move, a partnership, an enrollment), the
policy is re-evaluated for every enrollment not yet graduated, and a progress snapshot is
shared with Bank Jabar if consent is on. The result and the change are stored in ONE write.
"""

from dataclasses import dataclass, field
from datetime import datetime

from mentoring.domain.events import DomainEvent, SmeGraduated
from mentoring.domain.feed import progress_snapshot
from mentoring.domain.graduation import GraduationPolicy, policy_graduation
from mentoring.domain.mentee import Decision, Mentee


@dataclass(frozen=True)
class Rules:
    """The configurable rules the decisions apply (from settings)."""

    policy: GraduationPolicy = field(default_factory=GraduationPolicy)
    feed_key: bytes = b"dev-only-bank-feed-key"
    hard_cap: int = 35


def settle(
    mentee: Mentee, events: list[DomainEvent], rules: Rules, now: datetime, *, progress: bool
) -> Decision:
    """Append graduations the policy now grants and, for progress, a feed snapshot."""
    events = list(events)
    for enrollment in mentee.enrollments.values():
        graduation = policy_graduation(mentee, enrollment, rules.policy, now.date())
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
