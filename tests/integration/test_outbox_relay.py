"""The outbox relay over the real broker and server: at least once, never zero times."""

import contextlib
from collections.abc import Sequence

from tests.infra import Infra
from tests.integration.outbox_support import Collection, entry, published, setup
from tests.kafka_reader import read_all
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher
from umkm_shared.messaging.outbox import PENDING, BatchPublisher, OutboxRelay, OutgoingEvent


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


async def test_the_relay_publishes_pending_events_in_order_and_clears_them(
    infra: Infra, namespace: str
) -> None:
    async with setup(infra, namespace) as s:
        await s.col.insert_one({"_id": "a", "outbox": [entry(s.topic, 1), entry(s.topic, 2)]})
        sent = await OutboxRelay(s.col, KafkaEventPublisher(s.broker)).drain_once()
        records = await read_all(infra, s.topic)
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
        await s.col.insert_one({"_id": "a", "outbox": [entry(s.topic, 1)]})
        publisher = CrashingOncePublisher(KafkaEventPublisher(s.broker))
        with contextlib.suppress(CrashAfterPublishError):
            await OutboxRelay(s.col, publisher).drain_once()
        still_pending = await s.col.find_one({"_id": "a"})
        await OutboxRelay(s.col, publisher).drain_once()  # the restarted relay
        values = await published(infra, s.topic)
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
        await s.col.insert_one({"_id": "a", "outbox": [entry(s.topic, 1)]})
        late = entry(s.topic, 2)
        relay = OutboxRelay(s.col, WriterDuringPublish(KafkaEventPublisher(s.broker), s.col, late))
        first = await relay.drain_once()
        between = await s.col.find_one({"_id": "a"})
        second = await relay.drain_once()
        values = await published(infra, s.topic)

    assert (first, second) == (1, 1)
    assert between is not None
    assert [e["event_id"] for e in between["outbox"]] == [late["event_id"]]
    assert values == [b'{"n": 1}', b'{"n": 2}']


async def test_one_round_publishes_many_aggregates_keeping_each_ones_order(
    infra: Infra, namespace: str
) -> None:
    async with setup(infra, namespace, partitions=3) as s:
        docs = [
            {"_id": f"agg-{i}", "outbox": [entry(s.topic, n, f"agg-{i}") for n in range(3)]}
            for i in range(400)
        ]
        await s.col.insert_many(docs)
        sent = await OutboxRelay(s.col, KafkaEventPublisher(s.broker), batch_size=500).drain_once()
        records = await read_all(infra, s.topic)
        left = await s.col.count_documents(PENDING)

    assert sent == 1200
    assert left == 0
    by_key: dict[bytes | None, list[bytes]] = {}
    for record in sorted(records, key=lambda r: (r.partition, r.offset)):
        by_key.setdefault(record.key, []).append(record.value)
    assert len(by_key) == 400
    assert all(v == [b'{"n": 0}', b'{"n": 1}', b'{"n": 2}'] for v in by_key.values())
