"""Assignments in reporting are dated in programme time (`assigned_on`), older events by the
Jakarta day of `assigned_at`."""

from datetime import UTC, date, datetime

from reporting.domain.counted import counted
from reporting.domain.figures import Cutoff
from reporting.domain.sme_mentoring import fold_mentoring
from reporting.domain.sme_view import sme_document
from umkm_shared.contracts.mentoring import MentorAssigned, SMEEnrolled

COHORT, SME = "cohort-0000000000c1", "sme-000000000001"
FIRST, SECOND = "mentor-00000000b001", "mentor-00000000b002"


def assignment(mentor: str, at: datetime, on: date | None = None) -> MentorAssigned:
    return MentorAssigned(
        cohort_id=COHORT, sme_id=SME, mentor_id=mentor, assigned_at=at, assigned_on=on
    )


def test_an_assignment_is_dated_by_its_programme_day_or_else_its_day_in_jakarta() -> None:
    men = fold_mentoring(
        None,
        SMEEnrolled(
            cohort_id=COHORT,
            sme_id=SME,
            enrolled_at=datetime(2022, 6, 20, 3, tzinfo=UTC),
            enrolled_on=date(2022, 6, 20),
        ),
    )
    # An older event without assigned_on, processed late on 21 June UTC: 22 June in Jakarta.
    men = fold_mentoring(men, assignment(FIRST, datetime(2022, 6, 21, 20, tzinfo=UTC)))
    # A reassignment entered after the cohort closed early, dated after its last day.
    late = datetime(2022, 9, 2, 3, tzinfo=UTC)
    men = fold_mentoring(men, assignment(SECOND, late, date(2022, 9, 2)))

    doc = sme_document(SME, {}, None, men)

    assert [h["assigned_on"] for h in men["mentor_history"]] == ["2022-06-22", "2022-09-02"]
    assert [m["on"] for m in doc["mentor_log"]] == ["2022-06-22", "2022-09-02"]
    frozen = counted(doc, Cutoff("2022-09-01", "2022-12-01T00:00:00+07:00"))
    assert frozen["assigned_mentor"] == FIRST  # the reassignment is dated after the close
    assert counted(doc, None)["assigned_mentor"] == SECOND
