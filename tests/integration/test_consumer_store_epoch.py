"""A consumer whose database was emptied reads its topics again, though its offsets were committed.

The trap: offsets live in Kafka, effects in the service's database. Drop the database, keep
the group's offsets, and a plain consumer resumes where the old database left off: the views
it builds from the topics stay empty for good. The store's epoch (committed as the offsets'
metadata) tells a new store from the one the offsets were committed for.
"""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from aiokafka import AIOKafkaProducer

from tests.infra import Infra
from tests.kafka_reader import PlainPublisher, committed_offsets
from tests.polling import eventually
from tests.samples import DATA
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.messaging.batch_consumer import BatchConsumer, BatchSettings, Delivery
from umkm_shared.messaging.store_epoch import store_epoch
from umkm_shared.messaging.topics_admin import TopicSpec, ensure_topics
from umkm_shared.mongo import connect

EVENTS = 30


class Seen:
    """The offsets a consumer was handed, per partition."""

    def __init__(self) -> None:
        self.offsets: list[tuple[int, int]] = []

    async def __call__(self, batch: Sequence[Delivery]) -> None:
        self.offsets += [(d.origin.partition, d.origin.offset) for d in batch]


async def _topics(infra: Infra, namespace: str) -> tuple[str, str]:
    topic, dlt = f"{namespace}umkm-juara.registration.v1", f"{namespace}umkm-juara.dlt.epoch"
    await ensure_topics(
        infra.bootstrap_servers, [TopicSpec(topic, 3), TopicSpec(dlt, 1)], infra.principal("admin")
    )
    return topic, dlt


@asynccontextmanager
async def _consuming(
    infra: Infra, namespace: str, database: str, handler: Seen
) -> AsyncIterator[None]:
    """Two members of one group over the epoch of `database` (two replicas of one service)."""
    topic, dlt = await _topics(infra, namespace)
    client = connect(infra.mongodb_url)
    producer = AIOKafkaProducer(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
    await producer.start()
    group = f"{namespace}epoch"
    settings = BatchSettings(
        infra.bootstrap_servers, group, (topic,), dlt, security=infra.principal("admin")
    )
    db = client.get_database(database)
    members = [
        BatchConsumer(settings, handler, PlainPublisher(producer), lambda: store_epoch(db, group))
        for _ in range(2)
    ]
    try:
        for member in members:
            await member.start()
        yield
    finally:
        for member in members:
            await member.stop()
        await producer.stop()
        await client.close()


async def _publish(infra: Infra, namespace: str, first: int, count: int) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
    await producer.start()
    try:
        for version in range(first, first + count):
            await producer.send_and_wait(
                f"{namespace}umkm-juara.registration.v1",
                make_event(DATA, version).to_json_bytes(),
                key=f"sme-{version:012x}".encode(),
            )
    finally:
        await producer.stop()


async def _handed(seen: Seen, count: int) -> bool | None:
    return True if len(set(seen.offsets)) >= count else None


async def _committed(infra: Infra, group: str, count: int) -> bool | None:
    return True if sum((await committed_offsets(infra, group)).values()) >= count else None


async def test_a_consumer_on_an_emptied_database_reads_its_topics_again_from_the_beginning(
    infra: Infra, namespace: str
) -> None:
    await _topics(infra, namespace)
    await _publish(infra, namespace, 1, EVENTS)
    first = Seen()
    async with _consuming(infra, namespace, f"{namespace}svc", first):
        await eventually(lambda: _handed(first, EVENTS), within=60)
        # Handed is not committed: a batch stopped before its commit is rightly read again.
        await eventually(lambda: _committed(infra, f"{namespace}epoch", EVENTS), within=60)

    # The same database again: the committed offsets are its own, nothing is read twice.
    # (Counted as distinct offsets: the second member's join may move a partition before a
    # batch's commit, and its new owner rightly hands that batch again.)
    await _publish(infra, namespace, EVENTS + 1, 1)
    again = Seen()
    async with _consuming(infra, namespace, f"{namespace}svc", again):
        await eventually(lambda: _handed(again, 1), within=60)
        await _publish(infra, namespace, EVENTS + 2, 1)
        await eventually(lambda: _handed(again, 2), within=60)
    assert len(set(again.offsets)) == 2
    assert not set(again.offsets) & set(first.offsets)

    # The database dropped (a new, empty one): every event again, the committed offsets aside.
    client = connect(infra.mongodb_url)
    await client.drop_database(f"{namespace}svc")
    await client.close()
    emptied = Seen()
    async with _consuming(infra, namespace, f"{namespace}svc", emptied):
        await eventually(lambda: _handed(emptied, EVENTS + 2), within=60)
    assert set(emptied.offsets) == set(first.offsets) | set(again.offsets)
