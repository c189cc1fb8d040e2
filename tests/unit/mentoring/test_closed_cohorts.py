"""Closing a cohort, programme dates and late upstream events, over the in-memory fakes."""

import dataclasses
from datetime import UTC, date, datetime

import pytest

from mentoring.adapters.batch_writer import change_many
from mentoring.domain import projection
from mentoring.domain.commands import GraduateManually
from mentoring.domain.errors import ConflictError, InvalidError
from tests.unit.mentoring.harness import (
    ADMIN,
    MOVE,
    SME,
    Harness,
    assigned,
    cohort_and_mentor,
    known,
    nib,
    open_cohort,
    session,
)


async def test_closing_publishes_cohort_closed_with_its_counts(harness: Harness) -> None:
    cohort_id, mentor_id = await cohort_and_mentor(harness.service)
    await assigned(harness.service, cohort_id, mentor_id, SME)
    await harness.service.record_milestone(ADMIN, cohort_id, SME, nib())
    for day in range(1, 5):
        await harness.service.log_session(ADMIN, cohort_id, SME, session(day))

    closed = await harness.service.close_cohort(ADMIN, cohort_id)

    [event] = harness.events("CohortClosed")
    assert (event["subject"], event["aggregateversion"]) == (cohort_id, 2)
    data = event["data"]
    assert (data["enrolled"], data["graduated"], data["kabupaten_code"]) == (1, 1, "32.16")  # type: ignore[index]
    # Closed early (the clock says 1 September 2022, the cohort ends 20 October): that day.
    assert data["closed_on"] == "2022-09-01" == str(closed.closed_on)  # type: ignore[index]


async def test_a_cohort_closed_after_its_end_is_closed_on_its_end_date(harness: Harness) -> None:
    cohort_id = await open_cohort(harness.service)
    later = dataclasses.replace(harness.service, clock=lambda: datetime(2026, 1, 5, tzinfo=UTC))

    closed = await later.close_cohort(ADMIN, cohort_id)

    assert closed.closed_on == date(2022, 10, 20)
    with pytest.raises(ConflictError, match="closed"):
        await later.close_cohort(ADMIN, cohort_id)
    assert len(harness.events("CohortClosed")) == 1


async def test_a_closed_cohort_refuses_every_command(harness: Harness) -> None:
    cohort_id, mentor_id = await cohort_and_mentor(harness.service)
    await assigned(harness.service, cohort_id, mentor_id, SME)
    await known(harness.service, "sme-000000000002")
    await harness.service.close_cohort(ADMIN, cohort_id)
    service, before = harness.service, len(harness.mentees.outbox)

    commands = [
        service.enroll(ADMIN, cohort_id, "sme-000000000002"),
        service.assign(ADMIN, cohort_id, SME, mentor_id),
        service.log_session(ADMIN, cohort_id, SME, session(1)),
        service.record_milestone(ADMIN, cohort_id, SME, nib()),
        service.graduate(ADMIN, cohort_id, SME, GraduateManually(reason="sudah")),
    ]
    for command in commands:
        with pytest.raises(ConflictError) as refused:
            await command
        assert "ditutup" in refused.value.pesan
        assert "closed" in refused.value.message
    assert len(harness.mentees.outbox) == before


async def test_a_late_scale_move_graduates_no_one_in_a_closed_cohort(harness: Harness) -> None:
    cohort_id, mentor_id = await cohort_and_mentor(harness.service)
    await assigned(harness.service, cohort_id, mentor_id, SME)
    for day in range(1, 5):
        await harness.service.log_session(ADMIN, cohort_id, SME, session(day))
    await harness.service.close_cohort(ADMIN, cohort_id)
    rules, now = harness.service.rules, harness.service.clock()

    await harness.service.change(SME, lambda m: projection.scale_changed(m, MOVE, rules, now))
    await change_many(
        harness.service.writer,
        {SME: lambda m: projection.scale_changed(m, MOVE, rules, now)},  # a batch, too
    )

    enrollment = (await harness.service.mentee(SME)).enrollments[cohort_id]
    assert enrollment.graduation is None
    assert enrollment.closed_on == date(2022, 9, 1)
    assert harness.events("SMEGraduated") == []


async def test_the_same_late_scale_move_graduates_while_the_cohort_is_open(
    harness: Harness,
) -> None:
    cohort_id, mentor_id = await cohort_and_mentor(harness.service)
    await assigned(harness.service, cohort_id, mentor_id, SME)
    for day in range(1, 5):
        await harness.service.log_session(ADMIN, cohort_id, SME, session(day))
    rules, now = harness.service.rules, harness.service.clock()

    await change_many(
        harness.service.writer, {SME: lambda m: projection.scale_changed(m, MOVE, rules, now)}
    )

    [graduated] = harness.events("SMEGraduated")
    assert graduated["data"]["graduated_on"] == "2022-08-01"  # type: ignore[index]
    assert graduated["data"]["policy_version"] == rules.policy.version  # type: ignore[index]


async def test_enrolled_on_is_published_and_defaults_to_today_in_jakarta(
    harness: Harness,
) -> None:
    cohort_id = await open_cohort(harness.service)
    await known(harness.service, SME)
    await known(harness.service, "sme-000000000002")

    await harness.service.enroll(ADMIN, cohort_id, SME, date(2022, 6, 20))
    await harness.service.enroll(ADMIN, cohort_id, "sme-000000000002")

    dates = [e["data"]["enrolled_on"] for e in harness.events("SMEEnrolled")]  # type: ignore[index]
    assert dates == ["2022-06-20", "2022-09-01"]


@pytest.mark.parametrize(
    ("on", "why"),
    [
        (date(2022, 6, 19), "cohort's dates"),
        (date(2022, 10, 21), "cohort's dates"),
        (date(2022, 9, 2), "future"),  # inside the cohort, but after today
    ],
)
async def test_enrolled_on_outside_the_cohort_or_ahead_is_refused_by_field(
    harness: Harness, on: date, why: str
) -> None:
    cohort_id = await open_cohort(harness.service)
    await known(harness.service, SME)

    with pytest.raises(InvalidError, match=why) as refused:
        await harness.service.enroll(ADMIN, cohort_id, SME, on)
    assert [e.field for e in refused.value.errors] == ["enrolled_on"]
    assert refused.value.errors[0].pesan  # in both languages


async def test_a_milestone_or_session_dated_outside_the_cohort_is_refused_by_field(
    harness: Harness,
) -> None:
    cohort_id, mentor_id = await cohort_and_mentor(harness.service)
    await assigned(harness.service, cohort_id, mentor_id, SME)

    with pytest.raises(InvalidError) as milestone:
        await harness.service.record_milestone(ADMIN, cohort_id, SME, nib(date(1900, 1, 1)))
    early = session(1).model_copy(update={"session_date": date(2022, 6, 1)})
    with pytest.raises(InvalidError) as logged:
        await harness.service.log_session(ADMIN, cohort_id, SME, early)

    assert [e.field for e in milestone.value.errors] == ["achieved_on"]
    assert [e.field for e in logged.value.errors] == ["session_date"]
    assert "kohort" in logged.value.pesan
    assert harness.events("MilestoneAchieved") == []
