"""Who may do what in mentoring: mentors, Dinas offices and coordinators (over fakes)."""

from datetime import date

import pytest

from mentoring.domain.commands import RecordMilestone, RegisterMentor
from mentoring.domain.errors import ConflictError
from tests.unit.mentoring.harness import (
    ADMIN,
    COORDINATOR,
    COORDINATOR_BEKASI,
    DINAS_BANDUNG,
    DINAS_BEKASI,
    Harness,
    assigned,
    cohort_cmd,
    forbidden,
    known,
    mentor,
    mentor_with_id,
    open_cohort,
    session,
)


async def test_a_mentor_not_assigned_to_the_sme_cannot_log_its_session(harness: Harness) -> None:
    cohort_id = await open_cohort(harness.service)
    mine = await mentor_with_id(harness.service, "mentor-00000000b001")
    other = await mentor_with_id(harness.service, "mentor-00000000b002")
    await assigned(harness.service, cohort_id, other, "sme-000000000001")

    with forbidden():
        await harness.service.log_session(mentor(mine), cohort_id, "sme-000000000001", session(1))
    assert harness.events("MentorSessionLogged") == []


async def test_the_assigned_mentor_logs_sessions_in_their_own_name(harness: Harness) -> None:
    cohort_id = await open_cohort(harness.service)
    mine = await mentor_with_id(harness.service, "mentor-00000000b001")
    await assigned(harness.service, cohort_id, mine, "sme-000000000001")

    await harness.service.log_session(mentor(mine), cohort_id, "sme-000000000001", session(1))
    await harness.service.log_session(ADMIN, cohort_id, "sme-000000000001", session(2))

    logged = harness.events("MentorSessionLogged")
    assert [e["data"]["mentor_id"] for e in logged] == [mine, mine]  # type: ignore[index]


async def test_a_mentor_records_milestones_only_for_their_own_smes(harness: Harness) -> None:
    cohort_id = await open_cohort(harness.service)
    mine = await mentor_with_id(harness.service, "mentor-00000000b001")
    other = await mentor_with_id(harness.service, "mentor-00000000b002")
    await assigned(harness.service, cohort_id, other, "sme-000000000001")
    nib = RecordMilestone(milestone="nib_obtained", achieved_on=date(2022, 8, 1), evidence="o")

    with forbidden():
        await harness.service.record_milestone(mentor(mine), cohort_id, "sme-000000000001", nib)
    await harness.service.record_milestone(mentor(other), cohort_id, "sme-000000000001", nib)


async def test_a_dinas_opens_and_closes_cohorts_only_in_its_kabupaten(harness: Harness) -> None:
    cohort_id = await open_cohort(harness.service)  # Bekasi

    with forbidden():
        await harness.service.close_cohort(DINAS_BANDUNG, cohort_id)
    with forbidden():
        await harness.service.open_cohort(DINAS_BANDUNG, cohort_cmd())
    assert (await harness.service.close_cohort(DINAS_BEKASI, cohort_id)).status == "closed"


async def test_a_dinas_registers_mentors_only_of_its_kabupaten(harness: Harness) -> None:
    cmd = RegisterMentor(name="Dedi", kabupaten_code="32.16", expertise=("pemasaran",))

    with forbidden():
        await harness.service.register_mentor(DINAS_BANDUNG, cmd)
    assert harness.events("MentorRegistered") == []


async def test_a_mentor_id_is_taken_once_but_its_registration_may_be_replayed(
    harness: Harness,
) -> None:
    first = await mentor_with_id(harness.service, "mentor-00000000b001")
    again = await mentor_with_id(harness.service, "mentor-00000000b001")
    changed = RegisterMentor(
        mentor_id=first, name="Rina", kabupaten_code="32.16", expertise=("pemasaran",)
    )

    assert again == first
    with pytest.raises(ConflictError, match="already registered"):
        await harness.service.register_mentor(ADMIN, changed)
    assert len(harness.events("MentorRegistered")) == 1


async def test_a_coordinator_enrolls_only_in_cohorts_that_name_them(harness: Harness) -> None:
    theirs = (await harness.service.open_cohort(ADMIN, cohort_cmd([COORDINATOR]))).cohort_id
    other = await open_cohort(harness.service)
    await known(harness.service, "sme-000000000001")

    with forbidden():
        await harness.service.enroll(COORDINATOR_BEKASI, other, "sme-000000000001")
    await harness.service.enroll(COORDINATOR_BEKASI, theirs, "sme-000000000001")
    [opened, _] = harness.events("CohortOpened")
    assert opened["data"]["coordinator_ids"] == [COORDINATOR]  # type: ignore[index]


async def test_a_mentor_reads_a_cohort_only_through_the_smes_assigned_to_them(
    harness: Harness,
) -> None:
    cohort_id = await open_cohort(harness.service)
    mine = await mentor_with_id(harness.service, "mentor-00000000b001")
    other = await mentor_with_id(harness.service, "mentor-00000000b002")
    with forbidden():
        await harness.service.read_cohort(mentor(mine), cohort_id)
    await assigned(harness.service, cohort_id, mine, "sme-000000000001")
    await assigned(harness.service, cohort_id, other, "sme-000000000002")

    _, assigned_to_me = await harness.service.read_cohort(mentor(mine), cohort_id)
    _, everyone = await harness.service.read_cohort(DINAS_BEKASI, cohort_id)

    assert [m.sme_id for m in assigned_to_me or []] == ["sme-000000000001"]
    assert everyone is None  # the whole cohort
    with forbidden():
        await harness.service.read_cohort(DINAS_BANDUNG, cohort_id)
    with forbidden():
        await harness.service.read_enrollment(mentor(mine), cohort_id, "sme-000000000002")
    with forbidden():  # not enrolled at all: still 403, a 404 would tell
        await harness.service.read_enrollment(mentor(mine), cohort_id, "sme-000000000009")
    seen = await harness.service.read_enrollment(mentor(mine), cohort_id, "sme-000000000001")
    assert seen.mentor_id == mine
