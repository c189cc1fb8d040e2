"""Closing a cohort while another replica is mid-write: CohortClosed counts what is stored.

Each test lets a write read the SME, then closes the cohort (the fake store's hook runs
between that read and the write), as a second replica could; then it compares the counts
CohortClosed published with the SMEs' stored state.
"""

from collections.abc import Awaitable, Callable

import pytest

from mentoring.adapters.batch_writer import change_many
from mentoring.adapters.closing import finish_stuck_closes
from mentoring.domain import projection
from mentoring.domain.commands import RecordMilestone
from mentoring.domain.errors import ConflictError
from tests.unit.mentoring.harness import (
    ADMIN,
    MOVE,
    Harness,
    assigned,
    cohort_and_mentor,
    known,
    open_cohort,
    session,
)

SME = "sme-000000000001"
NIB = RecordMilestone.model_validate(
    {"milestone": "nib_obtained", "achieved_on": "2022-08-01", "evidence": "oss://1"}
)


def closing_meanwhile(harness: Harness, cohort_id: str) -> Callable[[], Awaitable[None]]:
    """The hook: the cohort is closed (by another replica) before the SME's write."""

    async def close() -> None:
        await harness.service.close_cohort(ADMIN, cohort_id)

    return close


async def stored_counts(harness: Harness, cohort_id: str, *sme_ids: str) -> tuple[int, int]:
    """Enrolled and graduated in the cohort, as the SMEs' own documents say."""
    mentees = [await harness.service.mentee(s) for s in sme_ids]
    enrolled = [m.enrollments[cohort_id] for m in mentees if cohort_id in m.enrollments]
    return len(enrolled), sum(e.graduation is not None for e in enrolled)


def published_counts(harness: Harness) -> tuple[int, int]:
    [closed] = harness.events("CohortClosed")
    data = closed["data"]
    assert isinstance(data, dict)
    return data["enrolled"], data["graduated"]


async def almost_graduated(harness: Harness) -> tuple[str, str]:
    """A cohort whose SME needs one more session to graduate (three logged, NIB obtained)."""
    cohort_id, mentor_id = await cohort_and_mentor(harness.service)
    await assigned(harness.service, cohort_id, mentor_id, SME)
    await harness.service.record_milestone(ADMIN, cohort_id, SME, NIB)
    for day in range(1, 4):
        await harness.service.log_session(ADMIN, cohort_id, SME, session(day))
    assert harness.events("SMEGraduated") == []
    return cohort_id, mentor_id


async def test_a_graduating_session_read_before_a_close_is_refused_or_counted(
    harness: Harness,
) -> None:
    cohort_id, _ = await almost_graduated(harness)
    harness.mentees.before_next_save = closing_meanwhile(harness, cohort_id)

    with pytest.raises(ConflictError, match="closed"):
        await harness.service.log_session(ADMIN, cohort_id, SME, session(4))

    assert published_counts(harness) == await stored_counts(harness, cohort_id, SME) == (1, 0)
    assert harness.events("SMEGraduated") == []


async def test_a_late_upstream_graduation_read_before_a_close_is_frozen(harness: Harness) -> None:
    cohort_id, mentor_id = await almost_graduated(harness)
    await harness.service.log_session(ADMIN, cohort_id, SME, session(4))  # graduates: not this
    second = "sme-000000000002"
    await assigned(harness.service, cohort_id, mentor_id, second)
    for day in range(1, 5):
        await harness.service.log_session(ADMIN, cohort_id, second, session(day))
    rules, now = harness.service.rules, harness.service.clock()
    harness.mentees.before_next_save = closing_meanwhile(harness, cohort_id)

    await change_many(
        harness.service.writer,
        {second: lambda m: projection.scale_changed(m, MOVE, rules, now)},
    )

    mentee = await harness.service.mentee(second)
    assert [m.to_class for m in mentee.scale_moves] == ["kecil"]  # the fact is kept
    assert mentee.enrollments[cohort_id].graduation is None  # but frozen: no graduation
    assert published_counts(harness) == await stored_counts(harness, cohort_id, SME, second)
    assert published_counts(harness) == (2, 1)


async def test_an_enrollment_read_before_a_close_is_refused_or_counted(harness: Harness) -> None:
    cohort_id = await open_cohort(harness.service)
    await known(harness.service, SME)
    harness.mentees.before_next_save = closing_meanwhile(harness, cohort_id)

    with pytest.raises(ConflictError, match="closed"):
        await harness.service.enroll(ADMIN, cohort_id, SME)

    assert published_counts(harness) == await stored_counts(harness, cohort_id, SME) == (0, 0)
    assert harness.events("SMEEnrolled") == []


class KilledError(Exception):
    """The closing process died here."""


async def killed() -> None:
    raise KilledError


async def closing_interrupted(harness: Harness) -> str:
    """A graduated SME and an enrolled one; a close that died freezing its first SME."""
    cohort_id, mentor_id = await almost_graduated(harness)
    await harness.service.log_session(ADMIN, cohort_id, SME, session(4))
    await assigned(harness.service, cohort_id, mentor_id, "sme-000000000002")
    harness.mentees.before_next_save = killed
    with pytest.raises(KilledError):
        await harness.service.close_cohort(ADMIN, cohort_id)
    assert (await harness.service.cohort(cohort_id)).status == "closing"
    assert harness.events("CohortClosed") == []
    return cohort_id


async def test_a_closing_cohort_refuses_commands_and_enrollments(harness: Harness) -> None:
    cohort_id = await closing_interrupted(harness)
    await known(harness.service, "sme-000000000003")

    with pytest.raises(ConflictError, match="closed"):
        await harness.service.enroll(ADMIN, cohort_id, "sme-000000000003")
    with pytest.raises(ConflictError, match="closed"):
        await harness.service.log_session(ADMIN, cohort_id, SME, session(5))


async def test_a_close_interrupted_is_finished_by_closing_again(harness: Harness) -> None:
    cohort_id = await closing_interrupted(harness)

    closed = await harness.service.close_cohort(ADMIN, cohort_id)

    assert closed.status == "closed"
    [event] = harness.events("CohortClosed")
    assert event["aggregateversion"] == 2
    smes = (SME, "sme-000000000002")
    assert published_counts(harness) == await stored_counts(harness, cohort_id, *smes) == (2, 1)
    for sme_id in smes:
        assert (await harness.service.mentee(sme_id)).enrollments[cohort_id].closed_on
    with pytest.raises(ConflictError, match="closed"):
        await harness.service.close_cohort(ADMIN, cohort_id)


async def test_a_close_left_closing_is_finished_by_the_repair_of_any_replica(
    harness: Harness,
) -> None:
    cohort_id = await closing_interrupted(harness)

    assert await finish_stuck_closes(harness.service.writer) == 1
    assert await finish_stuck_closes(harness.service.writer) == 0

    assert (await harness.service.cohort(cohort_id)).status == "closed"
    assert published_counts(harness) == (2, 1)
    summary = await harness.summaries.summary(cohort_id)
    assert (summary.enrolled, summary.graduated) == (2, 1)  # the cohort view agrees
