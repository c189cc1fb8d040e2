"""The outbox relay over the real broker and server: at least once, never zero times."""

import contextlib
import uuid

from faststream.kafka import KafkaBroker
from pymongo import AsyncMongoClient

from tests.infra import Infra
from tests.kafka_reader import read_all
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher
from umkm_shared.messaging.outbox import OutboxRelay
from umkm_shared.messaging.pending import PendingMarks
from umkm_shared.messaging.topics_admin import TopicSpec, ensure_topics


class CrashAfterPublishError(RuntimeError):
    """Stands in for the process dying between the publish and marking the entry sent."""


class CrashingOncePublisher:
    """Publishes for real, then 'crashes' the first time, before the relay can mark it sent."""

    def __init__(self, inner: KafkaEventPublisher) -> None:
        self._inner = inner
        self.crashed = False

    async def publish(
        self, topic: str, key: str, payload: bytes, correlation_id: str | None = None
    ) -> None:
        await self._inner.publish(topic, key, payload, correlation_id)
        if not self.crashed:
            self.crashed = True
            raise CrashAfterPublishError


def _entry(topic: str, n: int) -> dict[str, str]:
    return {
        "event_id": str(uuid.uuid4()),
        "topic": topic,
        "key": "sme-000000000001",
        "payload": f'{{"n": {n}}}',
    }


async def _setup(infra: Infra, namespace: str) -> tuple[str, KafkaBroker, AsyncMongoClient]:  # type: ignore[type-arg]
    topic = f"{namespace}relay"
    await ensure_topics(infra.bootstrap_servers, [TopicSpec(topic, 1)])
    broker = KafkaBroker(infra.bootstrap_servers, enable_idempotence=True, acks="all")
    await broker.start()
    return topic, broker, AsyncMongoClient(infra.mongodb_url)


async def test_the_relay_publishes_pending_events_in_order_and_clears_them(
    infra: Infra, namespace: str
) -> None:
    topic, broker, client = await _setup(infra, namespace)
    col = client[f"{namespace}relay"]["aggregates"]
    await col.insert_one({"_id": "a", "outbox": [_entry(topic, 1), _entry(topic, 2)]})
    try:
        sent = await OutboxRelay(col, KafkaEventPublisher(broker)).drain_once()
        records = await read_all(infra.bootstrap_servers, topic)
        doc = await col.find_one({"_id": "a"})
    finally:
        await broker.stop()
        await client.close()

    assert sent == 2
    assert [r.value for r in records] == [b'{"n": 1}', b'{"n": 2}']
    assert {r.key for r in records} == {b"sme-000000000001"}
    assert doc is not None
    assert doc["outbox"] == []


async def test_a_crash_between_publish_and_mark_publishes_twice_never_zero_times(
    infra: Infra, namespace: str
) -> None:
    topic, broker, client = await _setup(infra, namespace)
    col = client[f"{namespace}relay"]["aggregates"]
    await col.insert_one({"_id": "a", "outbox": [_entry(topic, 1)]})
    publisher = CrashingOncePublisher(KafkaEventPublisher(broker))
    try:
        crashed_run = OutboxRelay(col, publisher)
        with contextlib.suppress(CrashAfterPublishError):
            await crashed_run.drain_once()
        still_pending = await col.find_one({"_id": "a"})
        await OutboxRelay(col, publisher).drain_once()  # the restarted relay
        records = await read_all(infra.bootstrap_servers, topic)
        doc = await col.find_one({"_id": "a"})
    finally:
        await broker.stop()
        await client.close()

    assert still_pending is not None
    assert len(still_pending["outbox"]) == 1
    assert [r.value for r in records] == [b'{"n": 1}', b'{"n": 1}']
    assert doc is not None
    assert doc["outbox"] == []


async def test_the_relay_reads_only_marked_aggregates_and_a_full_scan_finds_unmarked_ones(
    infra: Infra, namespace: str
) -> None:
    topic, broker, client = await _setup(infra, namespace)
    col = client[f"{namespace}relay"]["aggregates"]
    await col.insert_one({"_id": "marked", "outbox": [_entry(topic, 1)]})
    await PendingMarks(col).mark("marked")
    await col.insert_one({"_id": "unmarked", "outbox": [_entry(topic, 2)]})  # a lost mark
    relay = OutboxRelay(col, KafkaEventPublisher(broker))
    try:
        by_marks = await relay.drain_once(full_scan=False)
        by_scan = await relay.drain_once(full_scan=True)
        records = await read_all(infra.bootstrap_servers, topic)
        left = await PendingMarks(col).marked(10)
    finally:
        await broker.stop()
        await client.close()

    assert (by_marks, by_scan) == (1, 1)
    assert [r.value for r in records] == [b'{"n": 1}', b'{"n": 2}']
    assert left == []
