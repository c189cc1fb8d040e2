"""The relay's batching and shutdown, with in-memory stand-ins for the broker and the store."""

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any, cast

import pytest
from faststream.kafka import KafkaBroker
from pymongo import UpdateOne
from pymongo.asynchronous.collection import AsyncCollection

from tests.polling import eventually
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher
from umkm_shared.messaging.outbox import OutboxRelay, OutgoingEvent


class SlowBroker:
    """FastStream's broker as the publisher uses it: a delivery future per send, acked later."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, bytes, object]] = []
        self.acks: list[asyncio.Future[object]] = []

    async def publish(self, message: object, topic: str, **options: Any) -> object:
        assert options["no_confirm"] is True
        self.sent.append((topic, options["key"], message))
        self.acks.append(asyncio.get_running_loop().create_future())
        return self.acks[-1]


class Pending:
    """A collection holding aggregates with outbox entries (only what the relay calls)."""

    name = "smes"

    def __init__(self, docs: list[dict[str, Any]]) -> None:
        self.docs = docs
        self.bulk_writes: list[list[UpdateOne]] = []

    def find(self, query: object, projection: object) -> "Pending":
        return self

    def limit(self, count: int) -> "Pending":
        return self

    async def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        for doc in self.docs:
            yield doc

    async def bulk_write(self, requests: list[UpdateOne], ordered: bool) -> None:
        self.bulk_writes.append(requests)


class NeverAcked:
    """A broker that takes the events and never acknowledges them (it went away)."""

    def __init__(self) -> None:
        self.calls = 0

    async def publish_all(self, events: Sequence[OutgoingEvent]) -> None:
        self.calls += 1
        await asyncio.Event().wait()


async def _until(condition: Callable[[], bool]) -> None:
    async def met() -> bool | None:
        return True if condition() else None

    await eventually(met, within=30, every=0.01)


def _entry(event_id: str) -> dict[str, str]:
    return {"event_id": event_id, "topic": "t", "key": "k", "payload": "{}"}


def _event(n: int) -> OutgoingEvent:
    return OutgoingEvent("topic", f"sme-{n % 2}", f"{n}".encode(), None)


async def test_every_send_is_enqueued_in_order_before_any_acknowledgement_is_awaited() -> None:
    broker = SlowBroker()
    publisher = KafkaEventPublisher(cast("KafkaBroker", broker))
    publishing = asyncio.create_task(publisher.publish_all([_event(n) for n in range(5)]))
    await _until(lambda: len(broker.sent) == 5)

    assert [message for _, _, message in broker.sent] == [b"0", b"1", b"2", b"3", b"4"]
    assert not publishing.done()  # all five are in flight together
    for ack in broker.acks:
        ack.set_result(None)
    await publishing


async def test_one_refused_event_fails_the_batch_once_every_send_has_settled() -> None:
    broker = SlowBroker()
    publisher = KafkaEventPublisher(cast("KafkaBroker", broker))
    publishing = asyncio.create_task(publisher.publish_all([_event(n) for n in range(3)]))
    await _until(lambda: len(broker.acks) == 3)
    broker.acks[1].set_exception(TimeoutError("no ack"))
    broker.acks[0].set_result(None)
    await _until(lambda: all(ack.done() for ack in broker.acks[:2]))
    assert not publishing.done()  # the third is still on its way
    broker.acks[2].set_result(None)

    with pytest.raises(TimeoutError):
        await publishing


async def test_a_round_marks_every_published_aggregate_in_one_bulk_write() -> None:
    docs = [
        {"_id": f"sme-{i}", "outbox": [_entry(f"e{i}-{n}") for n in range(2)]} for i in range(3)
    ]
    store = Pending(docs)
    broker = SlowBroker()
    relay = OutboxRelay(
        cast("AsyncCollection[dict[str, Any]]", store),
        KafkaEventPublisher(cast("KafkaBroker", broker)),
    )
    draining = asyncio.create_task(relay.drain_once())
    await _until(lambda: len(broker.acks) == 6)
    assert store.bulk_writes == []  # nothing is marked before the broker acknowledged it
    for ack in broker.acks:
        ack.set_result(None)

    assert await draining == 6
    assert len(store.bulk_writes) == 1
    assert [op._filter for op in store.bulk_writes[0]] == [{"_id": d["_id"]} for d in docs]


async def test_stopping_ends_a_round_that_waits_for_a_broker_that_went_away() -> None:
    doc = {
        "_id": "sme-1",
        "outbox": [{"event_id": "e1", "topic": "t", "key": "k", "payload": "{}"}],
    }
    store = Pending([doc])
    publisher = NeverAcked()
    relay = OutboxRelay(cast("AsyncCollection[dict[str, Any]]", store), publisher)
    stop = asyncio.Event()
    running = asyncio.create_task(relay.run(stop))
    await _until(lambda: publisher.calls == 1)
    stop.set()

    await running
    assert store.bulk_writes == []  # not marked: the next relay publishes it again
