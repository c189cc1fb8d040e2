"""Two mentoring replicas on one database: the hard cap holds and no write is lost."""

import asyncio
import json
from collections.abc import Coroutine, Sequence
from itertools import cycle
from typing import Any

import pytest

from mentoring.adapters.batch_writer import change_many
from mentoring.adapters.loads import GRACE_MS
from mentoring.adapters.mentees import MenteeStore
from mentoring.adapters.ports import Place
from mentoring.adapters.repair import repair_moves
from mentoring.adapters.upstream import upstream_decision
from mentoring.domain.commands import LogSession, RecordMilestone
from mentoring.domain.enrollment import enroll
from mentoring.domain.errors import ConflictError
from mentoring.domain.mentee import Mentee
from mentoring.service import MentoringService
from tests.infra import Infra
from tests.integration.mentoring_support import (
    ADMIN,
    cohort_command,
    cohort_with_smes,
    days_ago,
    known,
    replicas,
    scale_up,
)
from tests.samples import new_sme_id
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.messaging.consumer import typed_data
from umkm_shared.messaging.dead_letters import decode_envelope


async def test_two_replicas_assigning_past_the_hard_cap_admit_exactly_the_cap(
    infra: Infra, namespace: str
) -> None:
    async with replicas(infra, namespace, mentor_hard_cap=3) as (one, two):
        smes = [new_sme_id() for _ in range(8)]
        cohort, mentor = await cohort_with_smes(one, *smes, norm=2)

        outcomes = await asyncio.gather(
            *(svc.assign(ADMIN, cohort, sme, mentor) for svc, sme in zip(cycle((one, two)), smes)),
            return_exceptions=True,
        )

        admitted = sorted(s for s, o in zip(smes, outcomes, strict=True) if not _failed(o))
        assert len(admitted) == 3
        assert all(isinstance(o, ConflictError) for o in outcomes if _failed(o))
        holders = [s for s in smes if (await two.mentee(s)).enrollments[cohort].mentor_id]
        assert sorted(holders) == admitted
        places = await two.writer.loads.places(cohort, mentor)
        assert sorted(sme for sme, _ in places) == admitted


async def test_concurrent_commands_on_one_sme_from_two_replicas_lose_nothing(
    infra: Infra, namespace: str
) -> None:
    async with replicas(infra, namespace) as (one, two):
        sme = new_sme_id()
        cohort, mentor = await cohort_with_smes(one, sme)
        await two.assign(ADMIN, cohort, sme, mentor)

        async with asyncio.TaskGroup() as group:
            logged = [
                group.create_task(svc.log_session(ADMIN, cohort, sme, _session(days=day)))
                for svc, day in zip(cycle((one, two)), range(1, 11))
            ]
            group.create_task(one.record_milestone(ADMIN, cohort, sme, _milestone("nib_obtained")))
            group.create_task(
                two.record_milestone(ADMIN, cohort, sme, _milestone("halal_certified"))
            )
        session_ids = [task.result() for task in logged]

        mentee = await one.mentee(sme)
        enrollment = mentee.enrollments[cohort]
        assert sorted(s.session_id for s in enrollment.sessions) == sorted(session_ids)
        assert {m.milestone for m in enrollment.milestones} == {"nib_obtained", "halal_certified"}
        versions = await _outbox_versions(one, sme)
        assert versions == list(range(1, mentee.version + 1))


async def test_a_place_left_by_a_dead_process_is_freed_once_it_is_old(
    infra: Infra, namespace: str
) -> None:
    async with replicas(infra, namespace, count=1, mentor_hard_cap=1) as (service,):
        ghost, fresh, sme = new_sme_id(), new_sme_id(), new_sme_id()
        cohort, mentor = await cohort_with_smes(service, ghost, fresh, sme)
        loads, now = service.writer.loads, service.writer.now_ms()
        await loads.take(Place(cohort, mentor, fresh, now), cap=1)  # a write in flight

        with pytest.raises(ConflictError):
            await service.assign(ADMIN, cohort, sme, mentor)

        await loads.free(cohort, mentor, fresh)
        await loads.take(Place(cohort, mentor, ghost, now - GRACE_MS - 1), cap=1)  # died
        await service.assign(ADMIN, cohort, sme, mentor)
        assert [s for s, _ in await loads.places(cohort, mentor)] == [sme]


async def test_the_start_up_repair_counts_what_a_dead_process_left_uncounted(
    infra: Infra, namespace: str
) -> None:
    async with replicas(infra, namespace, count=1) as (service,):
        cohort = await service.open_cohort(ADMIN, cohort_command())
        sme = new_sme_id()
        await known(service, sme)
        mentee, revision = await service.writer.mentees.load(sme)
        assert mentee is not None
        enrolled, _ = enroll(mentee, cohort, service.rules, service.clock())
        await service.writer.mentees.put(enrolled, revision, [], moves=True)  # then it died
        assert (await service.writer.summaries.summary(cohort.cohort_id)).enrolled == 0

        assert await repair_moves(service.writer) == 1
        assert await repair_moves(service.writer) == 0
        assert (await service.writer.summaries.summary(cohort.cohort_id)).enrolled == 1


async def test_a_batch_write_lost_to_another_replica_is_decided_again_and_loses_nothing(
    infra: Infra, namespace: str
) -> None:
    async with replicas(infra, namespace) as (one, two):
        sme = new_sme_id()
        cohort, mentor = await cohort_with_smes(one, sme)
        await one.assign(ADMIN, cohort, sme, mentor)
        session = two.log_session(ADMIN, cohort, sme, _session(days=1))
        one.writer.mentees = WritesMeanwhile(_store(one), session)
        scale_move = decode_envelope(make_event(scale_up(sme), 2).to_json_bytes())
        found = upstream_decision(scale_move, typed_data(scale_move), one.rules, one.clock())
        assert found is not None

        await change_many(one.writer, {sme: found[1]})
        await change_many(one.writer, {sme: found[1]})  # redelivered

        mentee = await two.mentee(sme)
        assert len(mentee.enrollments[cohort].sessions) == 1
        assert [m.to_class for m in mentee.scale_moves] == ["kecil"]
        assert await _outbox_versions(two, sme) == list(range(1, mentee.version + 1))


class WritesMeanwhile(MenteeStore):
    """Reads a batch, then lets another replica write before the bulk write is tried."""

    def __init__(self, store: MenteeStore, meanwhile: Coroutine[Any, Any, object]) -> None:
        super().__init__(store.collection, Mentee)
        self._meanwhile: Coroutine[Any, Any, object] | None = meanwhile

    async def load_many(self, sme_ids: Sequence[str]) -> dict[str, tuple[Mentee, int]]:
        found = await super().load_many(sme_ids)
        if self._meanwhile is not None:
            await self._meanwhile
            self._meanwhile = None
        return found


def _store(service: MentoringService) -> MenteeStore:
    store = service.writer.mentees
    assert isinstance(store, MenteeStore)
    return store


def _failed(outcome: object) -> bool:
    return isinstance(outcome, BaseException)


def _session(days: int) -> LogSession:
    return LogSession(
        session_date=days_ago(days),
        duration_minutes=60,
        mode="daring",
        topics=("pemasaran",),
    )


def _milestone(kind: str) -> RecordMilestone:
    return RecordMilestone.model_validate(
        {"milestone": kind, "achieved_on": days_ago(1), "evidence": f"doc://{kind}"}
    )


async def _outbox_versions(service: MentoringService, sme_id: str) -> list[int]:
    """The aggregate versions of the SME's stored mentoring events (no relay runs here)."""
    doc = await _store(service).collection.find_one({"_id": sme_id}, {"outbox": 1})
    assert doc is not None
    entries = [e for e in doc["outbox"] if e["topic"].endswith("umkm-juara.mentoring.v1")]
    return sorted(json.loads(e["payload"])["aggregateversion"] for e in entries)
