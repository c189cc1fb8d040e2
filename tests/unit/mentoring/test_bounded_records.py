"""One SME's record in a cohort stays small: its session logs are capped, each note bounded."""

from datetime import UTC, date, datetime

import pytest

from mentoring.domain import enrollment, progress, projection
from mentoring.domain.cohort import Cohort, Mentor
from mentoring.domain.commands import LogSession
from mentoring.domain.errors import ConflictError
from mentoring.domain.mentee import Enrollment, Mentee, Profile
from mentoring.domain.process import Rules
from mentoring.domain.values import Session

NOW = datetime(2022, 9, 1, 9, tzinfo=UTC)
RULES = Rules(hard_cap=3)
COHORT = Cohort(
    cohort_id="cohort-000000000001",
    name="Bekasi 2022",
    kabupaten_code="32.16",
    start_date=date(2022, 6, 20),
    end_date=date(2022, 10, 20),
    target_graduates=10,
    mentor_norm=2,
)
MENTOR = Mentor(
    mentor_id="mentor-000000000001", name="Dedi", kabupaten_code="32.16", expertise=("pemasaran",)
)
SESSION = LogSession(
    session_date=date(2022, 7, 1),
    duration_minutes=60,
    mode="daring",
    topics=("pemasaran",),
    notes="n" * 2000,
)


def assigned() -> Mentee:
    profile = Profile(kabupaten_code="32.16", kecamatan_code="32.16.01", kbli="10792")
    mentee = projection.sme_registered(Mentee(sme_id="sme-000000000001"), profile)[0]
    mentee, _ = enrollment.enroll(mentee, COHORT, RULES, NOW)
    return enrollment.assign(mentee, COHORT, MENTOR, 0, rules=RULES, now=NOW).decision[0]


def with_logged(mentee: Mentee, count: int) -> Mentee:
    logged = Session(
        session_id="session-000000000000",
        mentor_id=MENTOR.mentor_id,
        logged_at=NOW,
        **SESSION.model_dump(),
    )
    current = mentee.enrollments[COHORT.cohort_id]
    return mentee.with_enrollment(
        Enrollment(**{**current.model_dump(), "sessions": (logged,) * count})
    )


def test_a_session_past_the_cap_is_refused() -> None:
    full = with_logged(assigned(), progress.MAX_SESSIONS)

    with pytest.raises(ConflictError, match=str(progress.MAX_SESSIONS)):
        progress.log_session(full, COHORT, SESSION, "session-0000000000ff", rules=RULES, now=NOW)


def test_a_session_below_the_cap_is_logged() -> None:
    almost = with_logged(assigned(), progress.MAX_SESSIONS - 1)

    mentee, _ = progress.log_session(
        almost, COHORT, SESSION, "session-0000000000ff", rules=RULES, now=NOW
    )

    assert len(mentee.enrollments[COHORT.cohort_id].sessions) == progress.MAX_SESSIONS


def test_a_full_record_stays_far_below_what_one_document_and_one_answer_may_hold() -> None:
    full = with_logged(assigned(), progress.MAX_SESSIONS)

    assert len(full.model_dump_json()) < 2 * 1024 * 1024
