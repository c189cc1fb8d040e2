"""The service-layer harness: the application service over in-memory fakes (no Kafka, no
MongoDB), and the set-up steps its tests share."""

import json
from dataclasses import dataclass
from datetime import date

import pytest

from mentoring.adapters.sme_writer import MenteeWriter
from mentoring.domain import projection
from mentoring.domain.cohort import Mentor
from mentoring.domain.commands import LogSession, OpenCohort, RecordMilestone, RegisterMentor
from mentoring.domain.mentee import Profile
from mentoring.domain.process import Rules
from mentoring.domain.values import ScaleMove
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


SME = "sme-000000000001"
MOVE = ScaleMove(
    from_class="mikro", to_class="kecil", as_of=date(2022, 8, 1), rule_version="v", evidence="e"
)


def nib(on: date = date(2022, 8, 1)) -> RecordMilestone:
    return RecordMilestone(milestone="nib_obtained", achieved_on=on, evidence="oss://1")


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
