"""What a change to one SME does to its cohorts' counts and its mentors' places (pure)."""

from mentoring.domain import enrollment, progress
from mentoring.domain.commands import GraduateManually
from mentoring.domain.footprint import Moves, footprint, moves
from mentoring.domain.mentee import Mentee
from tests.unit.test_mentoring_domain import COHORT, MENTOR, NOW, RULES, halal, known, session

OTHER = MENTOR.model_copy(update={"mentor_id": "mentor-000000000002"})


def enrolled() -> Mentee:
    return enrollment.enroll(known(), COHORT, RULES, NOW)[0]


def test_an_enrollment_adds_a_member_with_its_kecamatan() -> None:
    assert moves(known(), enrolled()) == Moves(enrolled={COHORT.cohort_id: "32.16.01"})


def test_a_reassignment_takes_a_place_and_frees_the_old_one() -> None:
    first = enrollment.assign(enrolled(), COHORT, MENTOR, 0, rules=RULES, now=NOW).decision[0]
    second = enrollment.assign(first, COHORT, OTHER, 0, rules=RULES, now=NOW).decision[0]

    assert moves(first, second) == Moves(
        assigned={COHORT.cohort_id: OTHER.mentor_id},
        released={COHORT.cohort_id: MENTOR.mentor_id},
    )


def test_a_session_moves_nothing_and_a_graduation_counts_a_graduate() -> None:
    mentee = enrollment.assign(enrolled(), COHORT, MENTOR, 0, rules=RULES, now=NOW).decision[0]
    logged, _ = progress.log_session(mentee, COHORT, session(), "session-1", rules=RULES, now=NOW)
    assert not moves(mentee, logged)

    milestone = progress.record_milestone(logged, COHORT, halal(), RULES, NOW)[0]
    reason = GraduateManually(reason="Omzet naik")
    graduated, _ = progress.graduate_manually(milestone, COHORT, reason, RULES, NOW)

    assert moves(milestone, graduated) == Moves(graduated=frozenset({COHORT.cohort_id}))
    assert footprint(graduated).mentors == {COHORT.cohort_id: MENTOR.mentor_id}
