"""One SME's decisions of a batch, folded in order into one decision (one write)."""

from mentoring.domain import enrollment, projection
from mentoring.domain.mentee import in_turn
from tests.unit.test_mentoring_domain import COHORT, MENTOR, NOW, RULES, known


def test_folded_decisions_apply_in_order_and_keep_every_event_and_version() -> None:
    folded = in_turn(
        [
            lambda m: enrollment.enroll(m, COHORT, RULES, NOW),
            lambda m: enrollment.assign(m, COHORT, MENTOR, 0, rules=RULES, now=NOW).decision,
            projection.sme_withdrawn,
        ]
    )

    mentee, events = folded(known())

    assert [type(e).__name__ for e in events] == ["SmeEnrolled", "MentorAssigned"]
    assert mentee.version == 2
    assert mentee.enrollments[COHORT.cohort_id].mentor_id == MENTOR.mentor_id
    assert mentee.withdrawn
