"""A blue/green rebuild of the reporting read models while events keep arriving."""

import asyncio
from datetime import date

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from pymongo.asynchronous.database import AsyncDatabase

from reporting.adapters.generations import LiveGeneration, Pointer, collection_name, read_pointer
from reporting.adapters.replay import Difference, Rebuild, differences
from reporting.config import ReportingSettings
from reporting.domain.routing import COLLECTIONS
from reporting.domain.values import Doc
from reporting.entrypoints import cli
from reporting.entrypoints.app import SERVICE
from reporting.entrypoints.app import create_app as reporting_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.reporting_support import publish
from tests.integration.settings import reporting_settings
from tests.polling import eventually
from tests.unit.reporting.journeys import Versioned, reference_events, sme_id, sme_journey
from umkm_shared.contracts.catalogue import event_key, make_event
from umkm_shared.contracts.registration import SMEScaleChanged
from umkm_shared.contracts.topics import Context
from umkm_shared.mongo import connect

SMES = 4
CLASSES = ("mikro", "kecil")


def _settings(infra: Infra, namespace: str) -> ReportingSettings:
    # Writers notice a switch at once and retry a waiting batch soon: the race at its likeliest.
    return reporting_settings(infra, namespace).model_copy(
        update={"generation_refresh_seconds": 0.05, "retry_delay_seconds": 0.2}
    )


def _registrations() -> list[Versioned]:
    return reference_events() + [sme_journey(i)[Context.REGISTRATION][0] for i in range(SMES)]


def _scale_changed(index: int, version: int) -> SMEScaleChanged:
    """The SME's version-th event; its business capital names the version, to find it again."""
    return SMEScaleChanged(
        sme_id=sme_id(index),
        from_class=CLASSES[version % 2],
        to_class=CLASSES[(version + 1) % 2],
        business_capital=1_000_000 + version,
        annual_sales=2_000_000,
        figures_as_of=date(2022, 9, 30),
        rule_version="PP7-2021.v1",
    )


class Traffic:
    """Scale changes for a few SMEs, published one after another until stopped."""

    def __init__(self, infra: Infra, namespace: str) -> None:
        self._infra = infra
        self._topic = f"{namespace}umkm-juara.{Context.REGISTRATION.value}.v1"
        self.versions = dict.fromkeys(range(SMES), 1)  # v1: the registration
        self.sent = 0
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._stop.clear()
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task

    async def _run(self) -> None:
        producer = AIOKafkaProducer(
            bootstrap_servers=self._infra.bootstrap_servers, **self._infra.kafka
        )
        await producer.start()
        try:
            while not self._stop.is_set():
                for i in range(SMES):
                    data = _scale_changed(i, self.versions[i] + 1)
                    await producer.send_and_wait(
                        self._topic,
                        make_event(data, self.versions[i] + 1).to_json_bytes(),
                        key=event_key(data).encode(),
                    )
                    self.versions[i] += 1
                    self.sent += 1
        finally:
            await producer.stop()

    async def more(self, count: int) -> None:
        """Wait until `count` more events are out."""
        target = self.sent + count

        async def sent() -> bool | None:
            return True if self.sent >= target else None

        await eventually(sent, within=60)


async def _smes(db: AsyncDatabase[Doc]) -> dict[str, Doc]:
    live = await LiveGeneration(db, refresh=0).current()
    return {d["_id"]: d async for d in db[collection_name("smes", live)].find()}


async def _at_versions(db: AsyncDatabase[Doc], versions: dict[int, int]) -> dict[str, Doc] | None:
    smes = await _smes(db)
    at = {sme_id(i): v for i, v in versions.items()}
    reached = {i: smes[i]["applied"].get("registration") for i in at if i in smes}
    return smes if reached == at else None


async def test_a_rebuild_switched_under_traffic_loses_no_event(
    infra: Infra, namespace: str
) -> None:
    settings = _settings(infra, namespace)
    client = connect(settings.mongodb_url)
    db = client.get_database(settings.mongodb_database)
    traffic = Traffic(infra, namespace)
    async with running(reporting_app(settings)):
        await publish(infra, namespace, _registrations())
        await eventually(lambda: _at_versions(db, traffic.versions), within=60)
        for _ in range(3):
            traffic.start()
            await traffic.more(40)
            assert await cli.run_rebuild(settings) == 0  # in flight only, never diverged
            await traffic.more(40)  # written by the live consumer into the new generation
            await traffic.stop()
            smes = await eventually(lambda: _at_versions(db, traffic.versions), within=120)
            for i, version in traffic.versions.items():
                history = smes[sme_id(i)]["reg"]["scale_history"][1:]
                capitals = [h["business_capital"] - 1_000_000 for h in history]
                assert capitals == list(range(2, version + 1)), f"{sme_id(i)} lost an event"
        assert await _from_scratch(infra, settings, db) == dict.fromkeys(COLLECTIONS, Difference())
    await client.close()


async def _from_scratch(
    infra: Infra, settings: ReportingSettings, db: AsyncDatabase[Doc]
) -> dict[str, Difference]:
    """How the live read models differ from every event projected afresh, alone."""
    topics = SERVICE.consumed_topics(settings)
    rebuild = Rebuild(db, infra.bootstrap_servers, topics, infra.principal("reporting"))
    fresh = await rebuild.prepare()
    await rebuild.run_pass()
    return await differences(db, rebuild.previous.generation, fresh)


async def _no_lag(client: httpx.AsyncClient) -> bool | None:
    lags = (await client.get("/lag")).json()
    return True if lags and all(p["lag"] == 0 for p in lags) else None


def _refusals(caplog: pytest.LogCaptureFixture) -> int:
    """Batches the live consumer handed over and the projection refused (waiting)."""
    return sum(
        "CatchingUpError" in r.getMessage()
        or (r.exc_info is not None and type(r.exc_info[1]).__name__ == "CatchingUpError")
        for r in caplog.records
    )


async def _point(db: AsyncDatabase[Doc], generation: str, catching_up: bool) -> None:
    pointer = {"_id": "live", "generation": generation, "catching_up": catching_up}
    await db["generations"].replace_one({"_id": "live"}, pointer, upsert=True)


async def test_the_live_consumer_waits_while_its_generation_is_catching_up(
    infra: Infra, namespace: str, caplog: pytest.LogCaptureFixture
) -> None:
    settings = _settings(infra, namespace)
    client = connect(settings.mongodb_url)
    db = client.get_database(settings.mongodb_database)
    async with running(reporting_app(settings)) as api:
        await publish(infra, namespace, _registrations())
        await eventually(lambda: _at_versions(db, dict.fromkeys(range(SMES), 1)), within=60)
        await eventually(lambda: _no_lag(api))
        await _point(db, "g0001", catching_up=True)
        before = await _smes(db)
        await publish(
            infra,
            namespace,
            [(Context.REGISTRATION, _scale_changed(i, 2), 2) for i in range(SMES)],
        )

        async def refused_twice() -> bool | None:
            return True if _refusals(caplog) >= 2 else None

        await eventually(refused_twice)
        assert await _smes(db) == before
        lags = (await api.get("/lag")).json()
        assert sum(p["lag"] for p in lags) == SMES  # handed over, not committed
        await _point(db, "g0001", catching_up=False)
        await eventually(lambda: _at_versions(db, dict.fromkeys(range(SMES), 2)), within=60)
        await eventually(lambda: _no_lag(api))
    await client.close()


async def test_a_rebuild_that_diverges_is_not_switched_unless_forced(
    infra: Infra, namespace: str, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = _settings(infra, namespace)
    client = connect(settings.mongodb_url)
    db = client.get_database(settings.mongodb_database)
    async with running(reporting_app(settings)) as api:
        await publish(infra, namespace, _registrations())
        await eventually(lambda: _at_versions(db, dict.fromkeys(range(SMES), 1)), within=60)
        await eventually(lambda: _no_lag(api))
        # A projection bug in the live generation: other content under the same versions.
        smes = db[collection_name("smes", "g0001")]
        await smes.update_one({"_id": sme_id(0)}, {"$set": {"reg.business_name": "Rusak"}})

        assert await cli.run_rebuild(settings) == 1
        assert "smes: 1 diverged, 0 in flight" in capsys.readouterr().out
        assert (await read_pointer(db)).generation == "g0001"

        assert await cli.run_rebuild(settings, force=True) == 0
        assert await read_pointer(db) == Pointer("g0003")  # g0002 was the one not switched
        rebuilt = (await _smes(db))[sme_id(0)]
        assert rebuilt["reg"]["business_name"] == "Usaha Contoh 0"
    await client.close()
