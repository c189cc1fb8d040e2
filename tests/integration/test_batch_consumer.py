"""The shared batch consumer over the real broker: order, poison, retries and the one commit."""

import asyncio
import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from aiokafka import AIOKafkaProducer, TopicPartition

from tests.infra import Infra
from tests.kafka_reader import PlainPublisher, Record, committed_offsets, read_all
from tests.polling import eventually
from tests.samples import DATA
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.messaging.batch_consumer import BatchConsumer, BatchSettings, Delivery
from umkm_shared.messaging.topics_admin import TopicSpec, ensure_topics

EVENTS = 60


class Recorder:
    """A handler that records every batch, fails its first `failures` calls, may hold.

    `bug_at` makes every batch holding that offset of partition 0 fail with a KeyError, as a
    deterministic bug in a fold would.
    """

    def __init__(self, failures: int = 0, bug_at: int | None = None) -> None:
        self.batches: list[list[Delivery]] = []
        self.failures = failures
        self.bug_at = bug_at
        self.release = asyncio.Event()
        self.release.set()

    async def __call__(self, batch: Sequence[Delivery]) -> None:
        self.batches.append(list(batch))
        if self.failures:
            self.failures -= 1
            raise ConnectionError("the store is down")
        if any(d.origin.partition == 0 and d.origin.offset == self.bug_at for d in batch):
            raise KeyError("scale_class")
        await self.release.wait()

    def seen(self) -> list[Delivery]:
        return [d for batch in self.batches for d in batch]


def _topics(namespace: str) -> tuple[str, str]:
    return f"{namespace}umkm-juara.registration.v1", f"{namespace}umkm-juara.dlt.batch"


@asynccontextmanager
async def consuming(infra: Infra, namespace: str, handler: Recorder) -> AsyncIterator[None]:
    topic, dlt = _topics(namespace)
    await ensure_topics(
        infra.bootstrap_servers, [TopicSpec(topic, 3), TopicSpec(dlt, 1)], infra.principal("admin")
    )
    producer = AIOKafkaProducer(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
    await producer.start()
    settings = BatchSettings(
        infra.bootstrap_servers,
        f"{namespace}batch",
        (topic,),
        dlt,
        retry_delay=0.05,
        max_retry_delay=0.2,
        max_attempts=3,
        security=infra.principal("admin"),
    )
    consumer = BatchConsumer(settings, handler, PlainPublisher(producer))
    await consumer.start()
    try:
        yield
    finally:
        await consumer.stop()
        await producer.stop()


async def _publish(infra: Infra, topic: str, values: list[tuple[bytes, bytes]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
    await producer.start()
    try:
        for key, value in values:
            await producer.send(topic, value, key=key)
        await producer.flush()
    finally:
        await producer.stop()


def _events() -> list[tuple[bytes, bytes]]:
    """EVENTS registrations of seven SMEs, keyed by SME as the platform keys them."""
    events = []
    for i in range(EVENTS):
        sme_id = f"sme-{i % 7:012x}"
        data = DATA.model_copy(update={"sme_id": sme_id})
        events.append((sme_id.encode(), make_event(data, i + 1).to_json_bytes()))
    return events


async def test_batches_arrive_in_partition_order_and_are_committed_after_the_handler_returns(
    infra: Infra, namespace: str
) -> None:
    topic, _ = _topics(namespace)
    handler = Recorder()
    handler.release.clear()
    async with consuming(infra, namespace, handler):
        await _publish(infra, topic, _events())
        await eventually(lambda: _some(handler.batches), within=60)
        held = await committed_offsets(infra, f"{namespace}batch")
        handler.release.set()
        await eventually(lambda: _count(handler, EVENTS), within=60)
        done = await eventually(lambda: _all_committed(infra, namespace), within=60)

    assert held == {}  # nothing committed while the first batch's handler had not returned
    assert sum(done.values()) == EVENTS
    for batch in handler.batches:
        order = [(d.origin.partition, d.origin.offset) for d in batch]
        assert order == sorted(order)
    assert all(d.origin.key == d.event.subject.encode() for d in handler.seen())


async def test_poison_goes_to_the_dead_letter_topic_and_the_rest_of_the_batch_is_handled(
    infra: Infra, namespace: str
) -> None:
    topic, dlt = _topics(namespace)
    bad = json.loads(make_event(DATA, 1).to_json_bytes())
    bad["data"]["kbli"] = "not-a-kbli"
    handler = Recorder()
    async with consuming(infra, namespace, handler):
        await _publish(
            infra,
            topic,
            [(b"sme-0", b"{not json"), (b"sme-0", json.dumps(bad).encode()), *_events()],
        )
        await eventually(lambda: _count(handler, EVENTS), within=60)
        await eventually(lambda: _all_committed(infra, namespace, EVENTS + 2), within=60)
    parked = await read_all(infra, dlt)
    reasons = sorted(json.loads(r.value)["reason"] for r in parked)
    assert len(reasons) == 2
    assert reasons[0].startswith("not a valid CloudEvent")
    assert "kbli: string_pattern_mismatch" in reasons[1]
    assert len(handler.seen()) == EVENTS


async def test_a_failing_handler_gets_the_same_batch_again_and_nothing_is_committed_meanwhile(
    infra: Infra, namespace: str
) -> None:
    topic, _ = _topics(namespace)
    handler = Recorder(failures=3)
    async with consuming(infra, namespace, handler):
        await _publish(infra, topic, _events())
        await eventually(lambda: _all_committed(infra, namespace), within=60)
    first, *retries = handler.batches[:4]
    assert [[d.origin for d in b] for b in retries] == [[d.origin for d in first]] * 3
    assert len({d.origin for d in handler.seen()}) == EVENTS


async def test_a_message_that_always_fails_goes_to_the_dead_letter_topic_and_the_rest_flow(
    infra: Infra, namespace: str
) -> None:
    topic, dlt = _topics(namespace)
    handler = Recorder(bug_at=2)
    async with consuming(infra, namespace, handler):
        await _publish(infra, topic, _events())
        await eventually(lambda: _all_committed(infra, namespace), within=60)
        parked = await eventually(lambda: _some_records(infra, dlt), within=60)

    assert len(parked) == 1
    record = json.loads(parked[0].value)
    assert (record["topic"], record["partition"], record["offset"]) == (topic, 0, 2)
    assert (record["error"], record["attempts"]) == ("KeyError", 3)
    assert record["reason"] == "the handler failed 3 times: KeyError: 'scale_class'"
    assert json.loads(record["payload"])["aggregateversion"] > 0
    assert len({d.origin for d in handler.seen()}) == EVENTS


async def test_a_store_outage_longer_than_the_attempts_dead_letters_nothing(
    infra: Infra, namespace: str
) -> None:
    topic, dlt = _topics(namespace)
    handler = Recorder(failures=8)  # ConnectionError: transient, more failures than max_attempts
    async with consuming(infra, namespace, handler):
        await _publish(infra, topic, _events())
        await eventually(lambda: _all_committed(infra, namespace), within=60)

    assert await read_all(infra, dlt) == []
    assert len({d.origin for d in handler.seen()}) == EVENTS


async def _some_records(infra: Infra, topic: str) -> list[Record] | None:
    return await read_all(infra, topic) or None


async def _some(batches: list[list[Delivery]]) -> bool | None:
    return True if batches else None


async def _count(handler: Recorder, n: int) -> bool | None:
    return True if len({d.origin for d in handler.seen()}) >= n else None


async def _all_committed(
    infra: Infra, namespace: str, n: int = EVENTS
) -> dict[TopicPartition, int] | None:
    done = await committed_offsets(infra, f"{namespace}batch")
    return done if sum(done.values()) == n else None
