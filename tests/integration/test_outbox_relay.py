"""The outbox relay over the real broker and server: at least once, never zero times."""

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from faststream.kafka import KafkaBroker
from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection

from tests.infra import Infra
from tests.kafka_reader import read_all
from tests.polling import eventually
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher
from umkm_shared.messaging.outbox import (
    PENDING,
    BatchPublisher,
    OutboxRelay,
    OutgoingEvent,
    ensure_pending_index,
)
from umkm_shared.messaging.topics_admin import TopicSpec, ensure_topics

Collection = AsyncCollection[dict[str, Any]]


class CrashAfterPublishError(RuntimeError):
    """Stands in for the process dying between the publish and marking the entries sent."""


class CrashingOncePublisher:
    """Publishes for real, then 'crashes' the first time, before the relay can mark it sent."""

    def __init__(self, inner: BatchPublisher) -> None:
        self._inner = inner
        self.crashed = False

    async def publish_all(self, events: Sequence[OutgoingEvent]) -> None:
        await self._inner.publish_all(events)
        if not self.crashed:
            self.crashed = True
            raise CrashAfterPublishError


class WriterDuringPublish:
    """While the relay publishes, a writer appends one more event to the aggregate."""

    def __init__(self, inner: BatchPublisher, col: Collection, late: dict[str, str]) -> None:
        self._inner, self._col = inner, col
        self._late: dict[str, str] | None = late

    async def publish_all(self, events: Sequence[OutgoingEvent]) -> None:
        await self._inner.publish_all(events)
        if self._late is not None:
            await self._col.update_one({"_id": "a"}, {"$push": {"outbox": self._late}})
            self._late = None


def _entry(topic: str, n: int, key: str = "sme-000000000001") -> dict[str, str]:
    return {"event_id": str(uuid.uuid4()), "topic": topic, "key": key, "payload": f'{{"n": {n}}}'}


@dataclass
class Setup:
    """A topic, a started broker and a fresh collection with the relay's index."""

    topic: str
    broker: KafkaBroker
    col: Collection


@contextlib.asynccontextmanager
async def setup(infra: Infra, namespace: str, partitions: int = 1) -> AsyncIterator[Setup]:
    """The test's topic, broker and collection; everything closed afterwards."""
    topic = f"{namespace}relay"
    await ensure_topics(infra.bootstrap_servers, [TopicSpec(topic, partitions)])
    broker = KafkaBroker(infra.bootstrap_servers, enable_idempotence=True, acks="all")
    await broker.start()
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(infra.mongodb_url)
    col = client[f"{namespace}relay"]["aggregates"]
    await ensure_pending_index(col)
    try:
        yield Setup(topic, broker, col)
    finally:
        await broker.stop()
        await client.close()


async def _values(infra: Infra, topic: str) -> list[bytes]:
    return [r.value for r in await read_all(infra.bootstrap_servers, topic)]


async def test_the_relay_publishes_pending_events_in_order_and_clears_them(
    infra: Infra, namespace: str
) -> None:
    async with setup(infra, namespace) as s:
        await s.col.insert_one({"_id": "a", "outbox": [_entry(s.topic, 1), _entry(s.topic, 2)]})
        sent = await OutboxRelay(s.col, KafkaEventPublisher(s.broker)).drain_once()
        records = await read_all(infra.bootstrap_servers, s.topic)
        doc = await s.col.find_one({"_id": "a"})

    assert sent == 2
    assert [r.value for r in records] == [b'{"n": 1}', b'{"n": 2}']
    assert {r.key for r in records} == {b"sme-000000000001"}
    assert doc is not None
    assert doc["outbox"] == []


async def test_a_crash_between_publish_and_mark_publishes_twice_never_zero_times(
    infra: Infra, namespace: str
) -> None:
    async with setup(infra, namespace) as s:
        await s.col.insert_one({"_id": "a", "outbox": [_entry(s.topic, 1)]})
        publisher = CrashingOncePublisher(KafkaEventPublisher(s.broker))
        with contextlib.suppress(CrashAfterPublishError):
            await OutboxRelay(s.col, publisher).drain_once()
        still_pending = await s.col.find_one({"_id": "a"})
        await OutboxRelay(s.col, publisher).drain_once()  # the restarted relay
        values = await _values(infra, s.topic)
        doc = await s.col.find_one({"_id": "a"})

    assert still_pending is not None
    assert len(still_pending["outbox"]) == 1
    assert values == [b'{"n": 1}', b'{"n": 1}']
    assert doc is not None
    assert doc["outbox"] == []


async def test_an_event_written_while_the_relay_publishes_stays_pending_for_the_next_round(
    infra: Infra, namespace: str
) -> None:
    async with setup(infra, namespace) as s:
        await s.col.insert_one({"_id": "a", "outbox": [_entry(s.topic, 1)]})
        late = _entry(s.topic, 2)
        relay = OutboxRelay(s.col, WriterDuringPublish(KafkaEventPublisher(s.broker), s.col, late))
        first = await relay.drain_once()
        between = await s.col.find_one({"_id": "a"})
        second = await relay.drain_once()
        values = await _values(infra, s.topic)

    assert (first, second) == (1, 1)
    assert between is not None
    assert [e["event_id"] for e in between["outbox"]] == [late["event_id"]]
    assert values == [b'{"n": 1}', b'{"n": 2}']


async def test_one_round_publishes_many_aggregates_keeping_each_ones_order(
    infra: Infra, namespace: str
) -> None:
    async with setup(infra, namespace, partitions=3) as s:
        docs = [
            {"_id": f"agg-{i}", "outbox": [_entry(s.topic, n, f"agg-{i}") for n in range(3)]}
            for i in range(400)
        ]
        await s.col.insert_many(docs)
        sent = await OutboxRelay(s.col, KafkaEventPublisher(s.broker), batch_size=500).drain_once()
        records = await read_all(infra.bootstrap_servers, s.topic)
        left = await s.col.count_documents(PENDING)

    assert sent == 1200
    assert left == 0
    by_key: dict[bytes | None, list[bytes]] = {}
    for record in sorted(records, key=lambda r: (r.partition, r.offset)):
        by_key.setdefault(record.key, []).append(record.value)
    assert len(by_key) == 400
    assert all(v == [b'{"n": 0}', b'{"n": 1}', b'{"n": 2}'] for v in by_key.values())


async def test_a_notified_relay_drains_at_once_without_waiting_for_its_poll(
    infra: Infra, namespace: str
) -> None:
    async with setup(infra, namespace) as s:

        async def drained() -> bool | None:
            return True if await s.col.count_documents(PENDING) == 0 else None

        await s.col.insert_one({"_id": "a", "outbox": [_entry(s.topic, 1)]})
        relay = OutboxRelay(s.col, KafkaEventPublisher(s.broker), poll_interval=3600)
        stop = asyncio.Event()
        task = asyncio.create_task(relay.run(stop))
        try:
            await eventually(drained, within=30)  # the round at start; then it waits an hour
            await s.col.insert_one({"_id": "b", "outbox": [_entry(s.topic, 2)]})
            relay.notify()  # naming no aggregate: the relay searches
            await eventually(drained, within=30)
        finally:
            stop.set()
            await task
        values = await _values(infra, s.topic)

    assert values == [b'{"n": 1}', b'{"n": 2}']


async def test_a_relay_told_which_aggregates_changed_drains_just_those_at_once(
    infra: Infra, namespace: str
) -> None:
    async with setup(infra, namespace) as s:

        async def pending(doc_id: str) -> int:
            return await s.col.count_documents({"_id": doc_id, **PENDING})

        async def drained() -> bool | None:
            return True if await s.col.count_documents(PENDING) == 0 else None

        await s.col.insert_one({"_id": "first", "outbox": [_entry(s.topic, 0)]})
        relay = OutboxRelay(s.col, KafkaEventPublisher(s.broker), poll_interval=3600)
        stop = asyncio.Event()
        task = asyncio.create_task(relay.run(stop))
        try:
            await eventually(drained, within=30)  # the search at start; the next is in an hour
            await s.col.insert_one({"_id": "other", "outbox": [_entry(s.topic, 1)]})
            await s.col.insert_one({"_id": "named", "outbox": [_entry(s.topic, 2)]})
            relay.notify(["named"])  # as a repository does after its write with events

            async def named_sent() -> bool | None:
                return True if await pending("named") == 0 else None

            await eventually(named_sent, within=30)
            still_pending = await pending("other")  # nobody named it and no search ran yet
        finally:
            stop.set()
            await task
        values = await _values(infra, s.topic)

    assert still_pending == 1
    assert values == [b'{"n": 0}', b'{"n": 2}']


async def test_two_relays_on_one_collection_publish_every_event_at_least_once(
    infra: Infra, namespace: str
) -> None:
    async with setup(infra, namespace, partitions=3) as s:
        entries = [_entry(s.topic, i, f"agg-{i}") for i in range(600)]
        await s.col.insert_many([{"_id": f"agg-{i}", "outbox": [e]} for i, e in enumerate(entries)])
        stop = asyncio.Event()
        replicas = [
            asyncio.create_task(
                OutboxRelay(s.col, KafkaEventPublisher(s.broker), batch_size=50).run(stop)
            )
            for _ in range(2)
        ]
        try:

            async def drained() -> bool | None:
                return True if await s.col.count_documents(PENDING) == 0 else None

            await eventually(drained, within=60)
        finally:
            stop.set()
            await asyncio.gather(*replicas)
        values = set(await _values(infra, s.topic))

    assert values == {f'{{"n": {i}}}'.encode() for i in range(600)}
