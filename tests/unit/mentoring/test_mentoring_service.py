"""The application service's rules over in-memory fakes: no Kafka, no MongoDB."""

import json
from dataclasses import dataclass
from datetime import date

import pytest

from mentoring.adapters.sme_writer import MenteeWriter
from mentoring.domain import projection
from mentoring.domain.cohort import Mentor
from mentoring.domain.commands import LogSession, OpenCohort, RecordMilestone, RegisterMentor
from mentoring.domain.errors import ConflictError
from mentoring.domain.mentee import Profile
from mentoring.domain.process import Rules
from mentoring.service import MentoringService
from tests.unit.mentoring.fakes import (
    FakeAggregates,
    FakeCohorts,
    FakeMentees,
    FakePlaces,
    FakeSummaries,
    fixed_clock,
)
from umkm_shared.auth import Caller
from umkm_shared.contracts.topics import TopicNames
from umkm_shared.errors import RefusalError

TOPICS = TopicNames("")
HARD_CAP = 2
ADMIN = Caller(subject="admin", roles=frozenset({"admin_provinsi"}), kabupaten_code="32")
COORDINATOR = "coordinator-00000000c001"


@dataclass
class Harness:
    """The service and the fakes it writes to."""

    service: MentoringService
    mentees: FakeMentees
    cohorts: FakeCohorts
    mentors: FakeAggregates[Mentor]
    places: FakePlaces
    summaries: FakeSummaries

    def events(self, name: str) -> list[dict[str, object]]:
        """The stored events of one type, in the order written."""
        stored = self.mentees.outbox + self.cohorts.outbox + self.mentors.outbox
        payloads = [json.loads(entry["payload"]) for entry in stored]
        return [p for p in payloads if str(p["type"]).endswith(f".{name}.v1")]


@pytest.fixture
def harness() -> Harness:
    mentees, places, summaries = FakeMentees(), FakePlaces(), FakeSummaries()
    cohorts, mentors = FakeCohorts(), FakeAggregates[Mentor]()
    writer = MenteeWriter(mentees, places, summaries, TOPICS, HARD_CAP, fixed_clock, cohorts)
    rules = Rules(hard_cap=HARD_CAP)
    service = MentoringService(writer, cohorts, mentors, TOPICS, rules, fixed_clock)
    return Harness(service, mentees, cohorts, mentors, places, summaries)


def cohort_cmd(coordinator_ids: list[str] | None = None) -> OpenCohort:
    return OpenCohort(
        name="Bekasi 2022",
        kabupaten_code="32.16",
        start_date=date(2022, 6, 20),
        end_date=date(2022, 10, 20),
        target_graduates=10,
        mentor_norm=1,
        coordinator_ids=tuple(coordinator_ids or ()),
    )


async def open_cohort(service: MentoringService) -> str:
    return (await service.open_cohort(ADMIN, cohort_cmd())).cohort_id


async def register_mentor(service: MentoringService) -> str:
    cmd = RegisterMentor(name="Dedi", kabupaten_code="32.16", expertise=("pemasaran",))
    return (await service.register_mentor(ADMIN, cmd)).mentor_id


async def cohort_and_mentor(service: MentoringService) -> tuple[str, str]:
    return await open_cohort(service), await register_mentor(service)


async def known(service: MentoringService, sme_id: str) -> None:
    """Registration told mentoring about the SME."""
    profile = Profile(kabupaten_code="32.16", kecamatan_code="32.16.01", kbli="10792")
    await service.change(sme_id, lambda m: projection.sme_registered(m, profile), create=True)


async def assigned(service: MentoringService, cohort_id: str, mentor_id: str, sme_id: str) -> None:
    await known(service, sme_id)
    await service.enroll(ADMIN, cohort_id, sme_id)
    await service.assign(ADMIN, cohort_id, sme_id, mentor_id)


def session(day: int) -> LogSession:
    return LogSession(
        session_date=date(2022, 7, day),
        duration_minutes=60,
        mode="daring",
        topics=("pemasaran",),
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
    cohort_id, mentor_id = (
        await open_cohort(harness.service),
        await register_mentor(harness.service),
    )
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
    cohort_id, mentor_id = (
        await open_cohort(harness.service),
        await register_mentor(harness.service),
    )
    await assigned(harness.service, cohort_id, mentor_id, "sme-000000000001")
    await known(harness.service, "sme-000000000002")
    await harness.service.enroll(ADMIN, cohort_id, "sme-000000000002")

    warning = await harness.service.assign(ADMIN, cohort_id, "sme-000000000002", mentor_id)

    assert warning is not None
    assert "norma" in warning


def mentor(mentor_id: str) -> Caller:
    """A mentor's access token: their `mentor_id` claim."""
    return Caller(
        subject=f"sub-{mentor_id}",
        roles=frozenset({"mentor"}),
        kabupaten_code="32.16",
        mentor_id=mentor_id,
    )


DINAS_BEKASI = Caller(subject="d1", roles=frozenset({"dinas_kabupaten"}), kabupaten_code="32.16")
DINAS_BANDUNG = Caller(subject="d2", roles=frozenset({"dinas_kabupaten"}), kabupaten_code="32.04")
COORDINATOR_BEKASI = Caller(
    subject="c1",
    roles=frozenset({"coordinator"}),
    kabupaten_code="32.16",
    coordinator_id=COORDINATOR,
)


async def mentor_with_id(service: MentoringService, mentor_id: str) -> str:
    cmd = RegisterMentor(
        mentor_id=mentor_id, name="Dedi", kabupaten_code="32.16", expertise=("pemasaran",)
    )
    return (await service.register_mentor(DINAS_BEKASI, cmd)).mentor_id


def forbidden() -> pytest.RaisesExc[RefusalError]:
    return pytest.raises(RefusalError, check=lambda e: e.kind == "forbidden")


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


async def test_a_milestone_is_recorded_with_its_event(harness: Harness) -> None:
    cohort_id, mentor_id = (
        await open_cohort(harness.service),
        await register_mentor(harness.service),
    )
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
    cohort_id, mentor_id = (
        await open_cohort(harness.service),
        await register_mentor(harness.service),
    )
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
