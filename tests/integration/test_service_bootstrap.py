"""The shared bootstrap over the real broker and server: one tiny service, started and stopped.

The probe service stores one aggregate through `Store[M]`, publishes through its relay,
consumes a topic through `subscribe_with_dead_letters`, and owns a background loop and a
one-off task, all declared the way the four services declare theirs.
"""

import asyncio
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
from aiokafka import AIOKafkaProducer
from fastapi import APIRouter, FastAPI, Request
from pydantic import BaseModel

from tests.apps import running
from tests.infra import Infra
from tests.kafka_reader import read_all
from tests.polling import eventually
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.contracts.registration import SMEWithdrawn
from umkm_shared.contracts.topics import Context
from umkm_shared.messaging.batch_consumer import Delivery
from umkm_shared.messaging.outbox import outbox_entries
from umkm_shared.service import bootstrap, problems
from umkm_shared.service.bootstrap import Runtime, ServiceDefinition, Subscription
from umkm_shared.settings import ConsumerSettings
from umkm_shared.store import Store

SME = "sme-0a1b2c3d4e5f"


class Tally(BaseModel):
    """The probe's aggregate: how often an SME was counted."""

    count: int = 0


@dataclass
class Probe:
    """What the probe's assemble built, for the routes and for the test to look at."""

    store: Store[Tally]
    topic: str
    received: list[Delivery] = field(default_factory=list)
    stopped: list[str] = field(default_factory=list)
    job: asyncio.Task[object] | None = None


routes = APIRouter()


@routes.post("/tallies/{sme_id}", status_code=201, responses=problems.responses(409))
async def count(sme_id: str, revision: int, request: Request) -> dict[str, int]:
    """Count the SME once more, deciding from `revision` (stale on purpose in one test)."""
    probe: Probe = request.app.state.probe
    tally, _ = await probe.store.load(sme_id)
    state = Tally(count=(tally.count if tally else 0) + 1)
    withdrawn = SMEWithdrawn(
        sme_id=sme_id, reason=f"count {state.count}", withdrawn_at=datetime.now(UTC)
    )
    outbox = outbox_entries([(probe.topic, withdrawn)], last_versions={probe.topic: revision})
    return {"revision": await probe.store.save(sme_id, state, revision, outbox)}


async def assemble(runtime: Runtime[ConsumerSettings]) -> None:
    """The probe's parts, registered on the runtime as a service registers its own."""
    store = Store(runtime.db["tallies"], Tally)
    await store.ensure_indexes()
    store.notify = runtime.relay(store.collection).notify
    probe = Probe(store, runtime.settings.topics.events(Context.REGISTRATION))

    async def handle(batch: Sequence[Delivery]) -> None:
        probe.received.extend(batch)

    async def heartbeat(stop: asyncio.Event) -> None:
        await stop.wait()
        probe.stopped.append("heartbeat")

    async def closed() -> None:
        probe.stopped.append("on_stop")

    runtime.subscribe_with_dead_letters(handle)
    runtime.background("probe-heartbeat", heartbeat)
    probe.job = runtime.spawn(asyncio.Event().wait(), "probe-import-job")
    runtime.on_stop(closed)
    runtime.app.state.probe = probe


PROBE: ServiceDefinition[ConsumerSettings] = ServiceDefinition(
    name="probe",
    summary="A tiny service that exercises the shared bootstrap.",
    publishes=(Context.REGISTRATION,),
    routers=(routes,),
    assemble=assemble,
    subscription=Subscription(
        contexts=(Context.MENTORING,), title="mentoring events", description="Recorded."
    ),
)


def _app(infra: Infra, namespace: str) -> FastAPI:
    settings = ConsumerSettings(
        kafka_bootstrap_servers=infra.bootstrap_servers,
        mongodb_url=infra.mongodb_url,
        topic_namespace=namespace,
        mongodb_database=f"{namespace}probe",
        consumer_group=f"{namespace}probe",
        profile="test",
        **infra.settings("admin"),  # a probe service, not one of the platform's
    )
    return bootstrap.create_app(PROBE, settings)


async def _count(client: httpx.AsyncClient, revision: int) -> httpx.Response:
    return await client.post(f"/tallies/{SME}", params={"revision": revision})


async def test_a_write_through_the_store_reaches_kafka_through_the_relay(
    infra: Infra, namespace: str
) -> None:
    topic = f"{namespace}umkm-juara.registration.v1"
    async with running(_app(infra, namespace)) as client:
        first = await _count(client, revision=0)
        second = await _count(client, revision=1)

        async def both_published() -> list[bytes] | None:
            values = [r.value for r in await read_all(infra, topic, 500)]
            return values if len(values) == 2 else None

        published = await eventually(both_published, within=60)

    assert (first.status_code, second.status_code) == (201, 201)
    assert [json.loads(v)["aggregateversion"] for v in published] == [1, 2]
    assert {json.loads(v)["subject"] for v in published} == {SME}


async def test_a_write_from_a_stale_revision_is_refused_as_a_409_problem(
    infra: Infra, namespace: str
) -> None:
    async with running(_app(infra, namespace)) as client:
        await _count(client, revision=0)
        stale = await _count(client, revision=0)  # another writer got there first
        stale_update = await _count(client, revision=5)

    assert stale.status_code == 409
    assert stale.headers["content-type"] == problems.MEDIA_TYPE
    assert stale.json()["type"] == "urn:umkmjuara:problem:conflict"
    assert stale_update.status_code == 409


async def test_a_running_service_is_ready_and_consumes_its_subscription(
    infra: Infra, namespace: str
) -> None:
    app = _app(infra, namespace)
    async with running(app) as client:
        ready = await client.get("/ready")
        event = make_event(SMEWithdrawn(sme_id=SME, reason="x", withdrawn_at=datetime.now(UTC)), 1)
        producer = AIOKafkaProducer(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
        await producer.start()
        try:
            await producer.send_and_wait(
                f"{namespace}umkm-juara.mentoring.v1", event.to_json_bytes(), key=SME.encode()
            )
        finally:
            await producer.stop()
        probe: Probe = app.state.probe

        async def consumed() -> bool | None:
            return True if probe.received else None

        await eventually(consumed, within=60)

    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "checks": {"mongodb": True, "kafka": True}}
    assert [d.event.id for d in probe.received] == [event.id]


async def test_shutting_down_stops_every_task_the_service_started(
    infra: Infra, namespace: str
) -> None:
    before = asyncio.all_tasks()
    app = _app(infra, namespace)
    async with running(app) as client:
        started = asyncio.all_tasks() - before
        await _count(client, revision=0)
    probe: Probe = app.state.probe

    async def all_ended() -> bool | None:
        return True if all(task.done() for task in started) else None

    await eventually(all_ended, within=10)
    names = {task.get_name() for task in started}
    assert {"probe-heartbeat", "probe-import-job", "outbox-relay-tallies"} <= names
    assert probe.job is not None
    assert probe.job.cancelled()
    assert probe.stopped == ["heartbeat", "on_stop"]
    assert (asyncio.all_tasks() - before) - {asyncio.current_task()} == set()
