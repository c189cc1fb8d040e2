"""One reporting rebuild at a time: the rebuild lease in the real Mongo-wire server."""

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextvars import ContextVar
from datetime import datetime, timedelta

import pytest
from pymongo.asynchronous.database import AsyncDatabase

from reporting.adapters import replay
from reporting.adapters.generations import FencedError, Pointer, read_fence, read_pointer
from reporting.adapters.lease_rules import LeaseTimes
from reporting.adapters.rebuild_lease import (
    LEASES,
    REBUILD,
    LeaseLostError,
    holding,
    take,
    utc_now,
)
from reporting.adapters.replay import Difference, Rebuild, apply_until_done, differences
from reporting.config import ReportingSettings
from reporting.domain.routing import COLLECTIONS
from reporting.domain.values import Doc
from reporting.entrypoints import cli
from reporting.entrypoints.app import SERVICE
from reporting.entrypoints.app import create_app as reporting_app
from reporting.service import Projector
from tests.apps import running
from tests.infra import Infra
from tests.integration.reporting_support import publish
from tests.integration.settings import reporting_settings
from tests.polling import eventually
from tests.unit.reporting.journeys import reference_events, sme_id, sme_journey
from umkm_shared.contracts.registration import SMEScaleChanged
from umkm_shared.contracts.topics import Context
from umkm_shared.messaging.batch_consumer import Delivery
from umkm_shared.mongo import connect

Reporting = tuple[ReportingSettings, AsyncDatabase[Doc]]
GONE = "ops-host-2/31337/0123456789ab"
"""A holder that left a lease behind (its process is gone, or hangs)."""


def _later() -> datetime:
    """A clock three minutes ahead: what another rebuild sees once a stalled holder expired."""
    return utc_now() + timedelta(minutes=3)


@pytest.fixture
async def reporting(infra: Infra, namespace: str) -> AsyncIterator[Reporting]:
    """Reporting running (its live consumer has projected a few events); its database."""
    settings = reporting_settings(infra, namespace)
    client = connect(settings.mongodb_url)
    async with running(reporting_app(settings)) as api:
        events = reference_events() + [sme_journey(i)[Context.REGISTRATION][0] for i in range(3)]
        await publish(infra, namespace, events)

        async def no_lag() -> bool | None:
            lags = (await api.get("/lag")).json()
            return True if lags and all(p["lag"] == 0 for p in lags) else None

        await eventually(no_lag, within=120)
        yield settings, client.get_database(settings.mongodb_database)
    await client.close()


async def _lease(db: AsyncDatabase[Doc]) -> Doc:
    doc = await db[LEASES].find_one({"_id": REBUILD})
    assert doc is not None
    return doc


async def _leave_lease(db: AsyncDatabase[Doc], heartbeat_ago: timedelta) -> None:
    """GONE's lease, taken ten minutes ago, its last heartbeat `heartbeat_ago`."""
    now = utc_now()
    beat = now - heartbeat_ago
    lease = {
        "holder": GONE,
        "token": 5,
        "acquired_at": now - timedelta(minutes=10),
        "heartbeat_at": beat,
        "expires_at": beat + timedelta(minutes=2),
        "revision": 40,
    }
    await db[LEASES].replace_one({"_id": REBUILD}, lease, upsert=True)


async def test_two_rebuilds_started_together_run_one_and_refuse_the_other(
    reporting: Reporting, capsys: pytest.CaptureFixture[str]
) -> None:
    settings, db = reporting
    codes = await asyncio.gather(cli.run_rebuild(settings), cli.run_rebuild(settings))

    assert sorted(codes) == [0, cli.BUSY]
    out = capsys.readouterr().out
    assert out.count("switched: g0002 is live") == 1
    assert "not rebuilding: another rebuild is running:" in out
    assert "holds the rebuild lease since" in out
    assert await read_pointer(db) == Pointer("g0002")
    assert not [n for n in await db.list_collection_names() if n.endswith("__g0003")]
    lease = await _lease(db)
    assert (lease["holder"], lease["token"]) == (None, 1)  # released, taken once
    assert await read_fence(db) == 1


async def test_a_lease_with_a_fresh_heartbeat_is_not_broken_and_a_silent_one_is(
    reporting: Reporting, capsys: pytest.CaptureFixture[str]
) -> None:
    settings, db = reporting
    await _leave_lease(db, heartbeat_ago=timedelta(seconds=2))
    assert await cli.run_rebuild(settings) == cli.BUSY
    assert await cli.run_rebuild(settings, break_lease=True) == cli.BUSY
    out = capsys.readouterr().out
    assert f"{GONE} holds the rebuild lease since" in out
    assert "If that process is gone, its lease expires at" in out
    assert "Not breaking a lease whose heartbeat is fresh" in out

    await _leave_lease(db, heartbeat_ago=timedelta(seconds=40))  # several beats missed
    assert await cli.run_rebuild(settings) == cli.BUSY  # not expired yet
    assert await cli.run_rebuild(settings, break_lease=True) == 0
    out = capsys.readouterr().out
    assert f"took over the rebuild lease: {GONE} holds the rebuild lease since" in out
    assert await read_pointer(db) == Pointer("g0002")
    assert (await _lease(db))["token"] == 6


async def test_an_expired_lease_is_taken_by_the_next_rebuild(
    reporting: Reporting, capsys: pytest.CaptureFixture[str]
) -> None:
    settings, db = reporting
    await _leave_lease(db, heartbeat_ago=timedelta(minutes=3))
    assert await cli.run_rebuild(settings) == 0
    assert f"took over the rebuild lease: {GONE}" in capsys.readouterr().out
    assert await read_pointer(db) == Pointer("g0002")
    lease = await _lease(db)
    assert (lease["holder"], lease["token"]) == (None, 6)


async def test_a_stalled_rebuild_whose_lease_was_taken_over_cannot_switch(
    infra: Infra, reporting: Reporting
) -> None:
    settings, db = reporting
    topics = SERVICE.consumed_topics(settings)
    security = infra.principal("reporting")
    async with holding(db, holder="stalled") as stalled:
        first = Rebuild(db, infra.bootstrap_servers, topics, security, stalled)
        await first.prepare()
        await first.run_pass()
        # It stalls past its lease's expiry; another rebuild takes the lease and switches.
        async with holding(db, holder="newer", clock=_later) as newer:
            assert "stalled holds" in str(newer.took_over)
            second = Rebuild(db, infra.bootstrap_servers, topics, security, newer)
            assert await second.prepare() == "g0003"  # never the stalled one's g0002
            assert second.dropped == ["g0002"]
            await second.run_pass()
            await second.switch()
        # It resumes before its next heartbeat could tell it: the pointer's fence refuses it.
        with pytest.raises(FencedError):
            await first.switch()
    assert await read_pointer(db) == Pointer("g0003")
    assert await read_fence(db) == newer.token == stalled.token + 1


async def test_a_holder_learns_at_its_next_heartbeat_that_its_lease_was_taken_over(
    reporting: Reporting,
) -> None:
    _, db = reporting
    quick = LeaseTimes(heartbeat=timedelta(seconds=0.2))
    async with holding(db, holder="stalled", times=quick) as stalled:
        stalled.check()
        await take(db, "newer", clock=_later)

        async def lost() -> bool | None:
            return True if stalled.lost else None

        await eventually(lost)
        with pytest.raises(LeaseLostError, match="another rebuild took over"):
            stalled.check()
    assert (await _lease(db))["holder"] == "newer"  # its release left the new holder alone


async def test_the_lease_is_released_when_the_rebuild_fails(reporting: Reporting) -> None:
    _, db = reporting
    with pytest.raises(RuntimeError):
        async with holding(db, holder="failing"):
            raise RuntimeError("the rebuild failed")
    assert (await _lease(db))["holder"] is None
    async with holding(db, holder="next") as held:
        assert held.took_over is None


STALLED: ContextVar[bool] = ContextVar("stalled", default=False)
"""Set in the stalled rebuild's task (its batch-writing tasks inherit it)."""


class StalledWrite:
    """The replay's batch writes, with the stalled rebuild's write of SME 0's scale change held
    after its lease check until `resume`, and its later writes until `finish`."""

    def __init__(self) -> None:
        self.held, self.resume, self.written, self.finish = (asyncio.Event() for _ in range(4))

    async def __call__(
        self, projector: Projector, batch: Sequence[Delivery], delay: float = 0.5
    ) -> None:
        if STALLED.get() and any(isinstance(d.data, SMEScaleChanged) for d in batch):
            self.held.set()
            await self.resume.wait()
            await apply_until_done(projector, batch, delay)
            self.written.set()
            return
        if STALLED.get() and self.written.is_set():
            await self.finish.wait()
        await apply_until_done(projector, batch, delay)


async def _live_sme_at(db: AsyncDatabase[Doc], version: int) -> bool | None:
    doc = await db["smes__g0001"].find_one({"_id": sme_id(0)})
    return True if doc and doc.get("applied", {}).get("registration") == version else None


async def test_a_stalled_rebuild_resuming_its_batch_write_leaves_the_newer_generation_whole(
    infra: Infra,
    reporting: Reporting,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings, db = reporting
    await publish(infra, settings.topic_namespace, [sme_journey(0)[Context.REGISTRATION][1]])
    await eventually(lambda: _live_sme_at(db, 2), within=60)
    monkeypatch.setattr(replay, "BATCH", 1)  # SME 0's registration and scale change apart
    write = StalledWrite()
    monkeypatch.setattr(replay, "apply_until_done", write)

    async def stalled() -> int:
        STALLED.set(True)
        return await cli.run_rebuild(settings)

    first = asyncio.create_task(stalled())
    await asyncio.wait_for(write.held.wait(), timeout=120)  # past its check, before its write
    topics, security = SERVICE.consumed_topics(settings), infra.principal("reporting")
    # It stalls past its lease's expiry; a newer rebuild takes the lease and starts.
    async with holding(db, holder="newer", clock=_later) as newer:
        second = Rebuild(db, infra.bootstrap_servers, topics, security, newer)
        assert await second.prepare() == "g0003"  # the stalled one builds g0002
        write.resume.set()  # the stalled write lands before the newer rebuild's own writes
        await asyncio.wait_for(write.written.wait(), timeout=60)
        await second.run_pass()
        await second.switch()
    write.finish.set()
    code = await asyncio.wait_for(first, timeout=120)

    assert await read_pointer(db) == Pointer(second.generation)
    fresh = Rebuild(db, infra.bootstrap_servers, topics, security)
    await fresh.prepare()
    await fresh.run_pass()
    found = await differences(db, second.generation, fresh.generation)
    assert found == dict.fromkeys(COLLECTIONS, Difference())
    assert code == cli.BUSY
    assert "rebuild stopped:" in capsys.readouterr().out
