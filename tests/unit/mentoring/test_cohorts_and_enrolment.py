"""Cohorts, mentors, enrolment and assignment through the application service (over fakes)."""

from datetime import date

import pytest

from mentoring.domain import projection
from mentoring.domain.errors import ConflictError, InvalidError
from tests.unit.mentoring.harness import (
    ADMIN,
    HARD_CAP,
    SME,
    Harness,
    assigned,
    cohort_and_mentor,
    known,
    open_cohort,
    register_mentor,
)


async def test_an_opened_cohort_is_stored_with_its_first_event(harness: Harness) -> None:
    cohort_id = await open_cohort(harness.service)

    assert (await harness.service.cohort(cohort_id)).status == "open"
    [opened] = harness.events("CohortOpened")
    assert (opened["subject"], opened["aggregateversion"]) == (cohort_id, 1)


async def test_a_registered_mentor_is_stored_with_its_first_event(harness: Harness) -> None:
    mentor_id = await register_mentor(harness.service)

    assert (await harness.service.mentor(mentor_id)).name == "Dedi"
    [registered] = harness.events("MentorRegistered")
    assert (registered["subject"], registered["aggregateversion"]) == (mentor_id, 1)


async def test_an_sme_not_heard_of_yet_is_refused_with_a_retry_after(harness: Harness) -> None:
    cohort_id = await open_cohort(harness.service)

    with pytest.raises(ConflictError) as refused:
        await harness.service.enroll(ADMIN, cohort_id, "sme-000000000001")
    assert refused.value.headers == {"Retry-After": "2"}
    assert "belum diterima dari layanan pendaftaran; coba lagi" in refused.value.pesan
    assert "registration still propagating; retry" in refused.value.message
    assert harness.mentees.docs == {}


async def test_a_withdrawn_sme_cannot_be_enrolled(harness: Harness) -> None:
    cohort_id, sme_id = await open_cohort(harness.service), "sme-000000000001"
    await known(harness.service, sme_id)
    await harness.service.change(sme_id, projection.sme_withdrawn)

    with pytest.raises(ConflictError):
        await harness.service.enroll(ADMIN, cohort_id, sme_id)
    assert (await harness.summaries.summary(cohort_id)).enrolled == 0


async def test_an_enrolled_sme_is_counted_once_in_its_cohort(harness: Harness) -> None:
    cohort_id, sme_id = await open_cohort(harness.service), "sme-000000000001"
    await known(harness.service, sme_id)

    await harness.service.enroll(ADMIN, cohort_id, sme_id)

    assert (await harness.summaries.summary(cohort_id)).enrolled == 1
    assert harness.mentees.moves_pending == set()
    [enrolled] = harness.events("SMEEnrolled")
    assert enrolled["aggregateversion"] == 1


async def test_an_assignment_over_the_hard_cap_is_refused(harness: Harness) -> None:
    cohort_id, mentor_id = await cohort_and_mentor(harness.service)
    for n in range(1, HARD_CAP + 1):
        await assigned(harness.service, cohort_id, mentor_id, f"sme-00000000000{n}")
    extra = "sme-000000000009"
    await known(harness.service, extra)
    await harness.service.enroll(ADMIN, cohort_id, extra)

    with pytest.raises(ConflictError, match="hard cap"):
        await harness.service.assign(ADMIN, cohort_id, extra, mentor_id)

    assert (await harness.places.counts(cohort_id, [mentor_id])) == {mentor_id: HARD_CAP}
    assert (await harness.service.mentee(extra)).enrollments[cohort_id].mentor_id is None


async def test_past_the_norm_an_assignment_is_made_with_a_warning(harness: Harness) -> None:
    cohort_id, mentor_id = await cohort_and_mentor(harness.service)
    await assigned(harness.service, cohort_id, mentor_id, "sme-000000000001")
    await known(harness.service, "sme-000000000002")
    await harness.service.enroll(ADMIN, cohort_id, "sme-000000000002")

    warning = await harness.service.assign(ADMIN, cohort_id, "sme-000000000002", mentor_id)

    assert warning is not None
    assert "norma" in warning


async def test_a_write_lost_to_a_concurrent_writer_is_decided_again(harness: Harness) -> None:
    cohort_id, sme_id = await open_cohort(harness.service), "sme-000000000001"
    await known(harness.service, sme_id)

    async def another_replica_withdraws_the_sme() -> None:
        current, revision = await harness.mentees.load(sme_id)
        assert current is not None
        await harness.mentees.save(sme_id, projection.sme_withdrawn(current)[0], revision, [])

    harness.mentees.before_next_save = another_replica_withdraws_the_sme

    with pytest.raises(ConflictError, match="withdrawn"):  # decided again on the fresh state
        await harness.service.enroll(ADMIN, cohort_id, sme_id)
    assert (await harness.service.mentee(sme_id)).enrollments == {}
    assert harness.events("SMEEnrolled") == []


async def test_a_change_retried_after_a_concurrent_write_keeps_both(harness: Harness) -> None:
    cohort_id, sme_id = await open_cohort(harness.service), "sme-000000000001"
    await known(harness.service, sme_id)

    async def another_replica_updates_the_kbli() -> None:
        current, revision = await harness.mentees.load(sme_id)
        assert current is not None
        changed = projection.profile_updated(current, "47111")[0]
        await harness.mentees.save(sme_id, changed, revision, [])

    harness.mentees.before_next_save = another_replica_updates_the_kbli

    mentee = await harness.service.enroll(ADMIN, cohort_id, sme_id)

    assert mentee.profile is not None
    assert mentee.profile.kbli == "47111"
    assert cohort_id in (await harness.service.mentee(sme_id)).enrollments
    assert [e["aggregateversion"] for e in harness.events("SMEEnrolled")] == [1]


async def test_assigned_on_is_published_and_defaults_to_today_in_jakarta(
    harness: Harness,
) -> None:
    cohort_id, first, second = (
        await open_cohort(harness.service),
        await register_mentor(harness.service),
        await register_mentor(harness.service),
    )
    await known(harness.service, SME)
    await harness.service.enroll(ADMIN, cohort_id, SME, date(2022, 6, 20))

    await harness.service.assign(ADMIN, cohort_id, SME, first, date(2022, 6, 21))
    await harness.service.assign(ADMIN, cohort_id, SME, second)  # a reassignment, today

    data = [e["data"] for e in harness.events("MentorAssigned")]
    assert [(d["assigned_on"], d["previous_mentor_id"]) for d in data] == [  # type: ignore[index]
        ("2022-06-21", None),
        ("2022-09-01", first),
    ]


@pytest.mark.parametrize(
    ("on", "why"),
    [
        (date(2022, 6, 19), "cohort's dates"),
        (date(2022, 10, 21), "cohort's dates"),
        (date(2022, 9, 2), "future"),  # inside the cohort, but after today
        (date(2022, 6, 30), "joined the cohort"),  # before the SME's enrolled_on
    ],
)
async def test_assigned_on_outside_the_cohort_ahead_or_before_enrolment_is_refused_by_field(
    harness: Harness, on: date, why: str
) -> None:
    cohort_id, mentor_id = await cohort_and_mentor(harness.service)
    await known(harness.service, SME)
    await harness.service.enroll(ADMIN, cohort_id, SME, date(2022, 7, 1))

    with pytest.raises(InvalidError, match=why) as refused:
        await harness.service.assign(ADMIN, cohort_id, SME, mentor_id, on)

    assert [e.field for e in refused.value.errors] == ["assigned_on"]
    assert refused.value.errors[0].pesan  # in both languages
    assert harness.events("MentorAssigned") == []
    assert (await harness.service.mentee(SME)).enrollments[cohort_id].mentor_id is None
