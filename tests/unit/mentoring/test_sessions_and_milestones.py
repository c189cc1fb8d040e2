"""Sessions and milestones through the application service, up to graduation (over fakes)."""

from datetime import date

from mentoring.domain.commands import RecordMilestone
from tests.unit.mentoring.harness import (
    ADMIN,
    Harness,
    assigned,
    cohort_and_mentor,
    session,
)


async def test_a_milestone_is_recorded_with_its_event(harness: Harness) -> None:
    cohort_id, mentor_id = await cohort_and_mentor(harness.service)
    sme_id = "sme-000000000001"
    await assigned(harness.service, cohort_id, mentor_id, sme_id)
    cmd = RecordMilestone(
        milestone="nib_obtained", achieved_on=date(2022, 8, 1), evidence="oss://1"
    )

    mentee = await harness.service.record_milestone(ADMIN, cohort_id, sme_id, cmd)

    assert [m.milestone for m in mentee.enrollments[cohort_id].milestones] == ["nib_obtained"]
    [achieved] = harness.events("MilestoneAchieved")
    assert achieved["aggregateversion"] == 3  # enrolled, assigned, achieved


async def test_four_sessions_and_a_licence_graduate_the_sme_by_policy(harness: Harness) -> None:
    cohort_id, mentor_id = await cohort_and_mentor(harness.service)
    sme_id = "sme-000000000001"
    await assigned(harness.service, cohort_id, mentor_id, sme_id)
    licence = RecordMilestone(
        milestone="halal_certified", achieved_on=date(2022, 8, 1), evidence="halal://1"
    )
    await harness.service.record_milestone(ADMIN, cohort_id, sme_id, licence)
    for day in range(1, 4):
        await harness.service.log_session(ADMIN, cohort_id, sme_id, session(day))
    assert harness.events("SMEGraduated") == []

    await harness.service.log_session(ADMIN, cohort_id, sme_id, session(4))

    [graduated] = harness.events("SMEGraduated")
    assert graduated["data"]["decided_by"] == "policy"  # type: ignore[index]
    assert (await harness.summaries.summary(cohort_id)).graduated == 1
