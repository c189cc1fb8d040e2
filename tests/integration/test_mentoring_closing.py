"""Closing a cohort on one replica while the other writes, on the Mongo-wire server.

CohortClosed must count exactly what the SMEs' documents hold, however the writes interleave:
a write decided before the close is either stored and counted or refused, never stored and
missed. No relay runs here: the events are read from the cohort's stored outbox.
"""

import asyncio
import json
from collections.abc import Awaitable, Callable, Coroutine
from datetime import timedelta
from itertools import cycle
from typing import Any

import pytest

from mentoring.adapters.closing import finish_stuck_closes
from mentoring.adapters.mentees import MenteeStore
from mentoring.adapters.ports import Outbox
from mentoring.adapters.stores import CohortStore
from mentoring.domain.commands import LogSession, RecordMilestone
from mentoring.domain.errors import ConflictError
from mentoring.domain.mentee import Mentee
from mentoring.service import MentoringService
from tests.infra import Infra
from tests.integration.mentoring_support import (
    ADMIN,
    TODAY,
    cohort_command,
    known,
    known_and_enrolled,
    mentor_command,
    replicas,
)
from tests.samples import new_sme_id


class BeforeNextPut(MenteeStore):
    """The SME store of a replica that lets `meanwhile` run between its read and its write."""

    def __init__(self, store: MenteeStore, meanwhile: Callable[[], Awaitable[object]]) -> None:
        super().__init__(store.collection, Mentee)
        self.meanwhile: Callable[[], Awaitable[object]] | None = meanwhile

    async def put(self, mentee: Mentee, revision: int, outbox: Outbox, *, moves: bool) -> int:
        if self.meanwhile is not None:
            meanwhile, self.meanwhile = self.meanwhile, None
            await meanwhile()
        return await super().put(mentee, revision, outbox, moves=moves)


def _session(days: int) -> LogSession:
    return LogSession(
        session_date=TODAY - timedelta(days=days),
        duration_minutes=60,
        mode="daring",
        topics=("pemasaran",),
    )


NIB = RecordMilestone.model_validate(
    {"milestone": "nib_obtained", "achieved_on": TODAY - timedelta(days=20), "evidence": "oss"}
)


async def _almost_graduated(service: MentoringService, cohort: str, *smes: str) -> None:
    """Enrolled, assigned, NIB obtained and three sessions: the fourth graduates each."""
    mentor = (await service.register_mentor(ADMIN, mentor_command())).mentor_id
    await known_and_enrolled(service, cohort, *smes)
    for sme in smes:
        await service.assign(ADMIN, cohort, sme, mentor)
        await service.record_milestone(ADMIN, cohort, sme, NIB)
        for day in (10, 11, 12):
            await service.log_session(ADMIN, cohort, sme, _session(day))


async def _published(service: MentoringService, cohort: str) -> tuple[int, int]:
    store = service.writer.cohorts
    assert isinstance(store, CohortStore)
    doc: dict[str, Any] | None = await store.collection.find_one({"_id": cohort}, {"outbox": 1})
    assert doc is not None
    payloads = [json.loads(e["payload"]) for e in doc["outbox"]]
    [closed] = [p["data"] for p in payloads if p["type"].endswith(".CohortClosed.v1")]
    return closed["enrolled"], closed["graduated"]


async def _stored(service: MentoringService, cohort: str, smes: list[str]) -> tuple[int, int]:
    found = await service.writer.mentees.load_many(smes)
    enrolled = [m.enrollments[cohort] for m, _ in found.values() if cohort in m.enrollments]
    assert all(e.closed_on is not None for e in enrolled)  # every one of them frozen
    return len(enrolled), sum(e.graduation is not None for e in enrolled)


async def test_a_graduation_and_an_enrollment_read_before_another_replica_closes_are_refused(
    infra: Infra, namespace: str
) -> None:
    async with replicas(infra, namespace) as (one, two):
        cohort = (await one.open_cohort(ADMIN, cohort_command())).cohort_id
        graduating, joining = new_sme_id(), new_sme_id()
        await _almost_graduated(one, cohort, graduating)
        await known(one, joining)
        store = two.writer.mentees
        assert isinstance(store, MenteeStore)

        async def close() -> None:
            await one.close_cohort(ADMIN, cohort)

        two.writer.mentees = BeforeNextPut(store, close)
        with pytest.raises(ConflictError, match="closed"):
            await two.log_session(ADMIN, cohort, graduating, _session(1))
        assert await _published(one, cohort) == await _stored(one, cohort, [graduating]) == (1, 0)

        second = (await one.open_cohort(ADMIN, cohort_command())).cohort_id

        async def close_second() -> None:
            await one.close_cohort(ADMIN, second)

        two.writer.mentees = BeforeNextPut(store, close_second)
        with pytest.raises(ConflictError, match="closed"):
            await two.enroll(ADMIN, second, joining)
        assert await _published(one, second) == (0, 0)
        assert second not in (await one.mentee(joining)).enrollments


async def test_a_close_among_concurrent_graduations_and_enrollments_counts_what_is_stored(
    infra: Infra, namespace: str
) -> None:
    async with replicas(infra, namespace) as (one, two):
        cohort = (await one.open_cohort(ADMIN, cohort_command())).cohort_id
        graduating = [new_sme_id() for _ in range(8)]
        joining = [new_sme_id() for _ in range(8)]
        await _almost_graduated(one, cohort, *graduating)
        await known(one, *joining)
        writes: list[Coroutine[Any, Any, object]] = [
            two.log_session(ADMIN, cohort, s, _session(1)) for s in graduating
        ]
        writes += [svc.enroll(ADMIN, cohort, s) for svc, s in zip(cycle((two, one)), joining)]
        writes.insert(len(writes) // 2, one.close_cohort(ADMIN, cohort))

        outcomes = await asyncio.gather(*writes, return_exceptions=True)

        failed = [o for o in outcomes if isinstance(o, BaseException)]
        assert all(isinstance(o, ConflictError) for o in failed), failed
        stored = await _stored(one, cohort, graduating + joining)
        assert await _published(one, cohort) == stored
        assert stored[0] >= len(graduating)


async def test_a_close_whose_process_died_is_finished_by_the_other_replica(
    infra: Infra, namespace: str
) -> None:
    async with replicas(infra, namespace) as (one, two):
        cohort = (await one.open_cohort(ADMIN, cohort_command())).cohort_id
        smes = [new_sme_id() for _ in range(3)]
        await _almost_graduated(one, cohort, *smes)
        await one.log_session(ADMIN, cohort, smes[0], _session(1))  # graduates
        store = one.writer.mentees
        assert isinstance(store, MenteeStore)

        async def die() -> None:
            raise RuntimeError("killed")

        one.writer.mentees = BeforeNextPut(store, die)
        with pytest.raises(RuntimeError, match="killed"):
            await one.close_cohort(ADMIN, cohort)
        assert (await two.cohort(cohort)).status == "closing"
        with pytest.raises(ConflictError, match="closed"):
            await two.log_session(ADMIN, cohort, smes[1], _session(1))

        assert await finish_stuck_closes(two.writer) == 1

        assert (await two.cohort(cohort)).status == "closed"
        assert await _published(two, cohort) == await _stored(two, cohort, smes) == (3, 1)
        summary = await two.writer.summaries.summary(cohort)
        assert (summary.enrolled, summary.graduated) == (3, 1)
