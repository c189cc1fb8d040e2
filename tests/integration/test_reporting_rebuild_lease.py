"""One reporting rebuild at a time: the rebuild lease in the real Mongo-wire server."""

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest
from pymongo.asynchronous.database import AsyncDatabase

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
from reporting.adapters.replay import Rebuild
from reporting.config import ReportingSettings
from reporting.domain.values import Doc
from reporting.entrypoints import cli
from reporting.entrypoints.app import SERVICE
from reporting.entrypoints.app import create_app as reporting_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.reporting_support import publish
from tests.integration.settings import reporting_settings
from tests.polling import eventually
from tests.unit.reporting.journeys import reference_events, sme_journey
from umkm_shared.contracts.topics import Context
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
            assert await second.prepare() == "g0002"
            await second.run_pass()
            await second.switch()
        # It resumes before its next heartbeat could tell it: the pointer's fence refuses it.
        with pytest.raises(FencedError):
            await first.switch()
    assert await read_pointer(db) == Pointer("g0002")
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

        await eventually(lost, within=30)
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
