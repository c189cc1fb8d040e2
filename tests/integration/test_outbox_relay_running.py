"""The relay's run loop over the real broker and server: wake-ups, polling and two replicas."""

from tests.infra import Infra
from tests.integration.outbox_support import entry, published, running, setup
from tests.polling import eventually
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher
from umkm_shared.messaging.outbox import PENDING, OutboxRelay


async def test_a_notified_relay_drains_at_once_without_waiting_for_its_poll(
    infra: Infra, namespace: str
) -> None:
    async with setup(infra, namespace) as s:
        await s.col.insert_one({"_id": "a", "outbox": [entry(s.topic, 1)]})
        relay = OutboxRelay(s.col, KafkaEventPublisher(s.broker), poll_interval=3600)
        async with running(relay):
            await eventually(s.drained)  # the round at start; then it waits an hour
            await s.col.insert_one({"_id": "b", "outbox": [entry(s.topic, 2)]})
            relay.notify()  # naming no aggregate: the relay searches
            await eventually(s.drained)
        values = await published(infra, s.topic)

    assert values == [b'{"n": 1}', b'{"n": 2}']


async def test_a_relay_told_which_aggregates_changed_drains_just_those_at_once(
    infra: Infra, namespace: str
) -> None:
    async with setup(infra, namespace) as s:

        async def pending(doc_id: str) -> int:
            return await s.col.count_documents({"_id": doc_id, **PENDING})

        async def named_sent() -> bool | None:
            return True if await pending("named") == 0 else None

        await s.col.insert_one({"_id": "first", "outbox": [entry(s.topic, 0)]})
        relay = OutboxRelay(s.col, KafkaEventPublisher(s.broker), poll_interval=3600)
        async with running(relay):
            await eventually(s.drained)  # the search at start; the next is in an hour
            await s.col.insert_one({"_id": "other", "outbox": [entry(s.topic, 1)]})
            await s.col.insert_one({"_id": "named", "outbox": [entry(s.topic, 2)]})
            relay.notify(["named"])  # as a repository does after its write with events
            await eventually(named_sent)
            still_pending = await pending("other")  # nobody named it and no search ran yet
        values = await published(infra, s.topic)

    assert still_pending == 1
    assert values == [b'{"n": 0}', b'{"n": 2}']


async def test_two_relays_on_one_collection_publish_every_event_at_least_once(
    infra: Infra, namespace: str
) -> None:
    async with setup(infra, namespace, partitions=3) as s:
        entries = [entry(s.topic, i, f"agg-{i}") for i in range(600)]
        await s.col.insert_many([{"_id": f"agg-{i}", "outbox": [e]} for i, e in enumerate(entries)])
        replicas = [
            OutboxRelay(s.col, KafkaEventPublisher(s.broker), batch_size=50) for _ in range(2)
        ]
        async with running(*replicas):
            await eventually(s.drained, within=60)
        values = set(await published(infra, s.topic))

    assert values == {f'{{"n": {i}}}'.encode() for i in range(600)}
