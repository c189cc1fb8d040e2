"""Kafka plumbing for the suite: create topics, produce a stream fast, a consumer group's lag."""

import asyncio
import time
from collections.abc import Iterable
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from bench.backlog import Record
from umkm_shared.contracts.topics import Context, TopicNames
from umkm_shared.messaging.kafka_security import KafkaSecurity
from umkm_shared.messaging.topics_admin import TopicSpec, ensure_topics
from umkm_shared.settings import KafkaClientSettings

PARTITIONS = 3
"""As the services create them (TOPIC_PARTITIONS' default)."""
EVENT_CONTEXTS = (Context.REGISTRATION, Context.MENTORING, Context.PARTNERSHIP)


def admin() -> KafkaSecurity:
    """The suite's own Kafka login: `ADMIN_KAFKA_USERNAME`/`_PASSWORD` and the transport."""
    return KafkaClientSettings(_env_prefix="ADMIN_").kafka_security


def auth() -> dict[str, Any]:
    """aiokafka arguments of the suite's admin login."""
    return admin().client_kwargs()


def event_topics(namespace: str) -> list[str]:
    """The three event topics reporting projects, under `namespace`."""
    return [TopicNames(namespace).events(c) for c in EVENT_CONTEXTS]


async def create_event_topics(bootstrap: str, namespace: str) -> None:
    """Create the event topics as the services would (they do not exist before a service)."""
    specs = [TopicSpec(t, PARTITIONS) for t in event_topics(namespace)]
    await ensure_topics(bootstrap, specs, admin())


async def produce(bootstrap: str, records: Iterable[Record], window: int = 5_000) -> float:
    """Send every record (acks from the leader), `window` in flight at most; seconds taken."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, linger_ms=5, max_batch_size=256 * 1024, acks=1, **auth()
    )
    await producer.start()
    started = time.monotonic()
    try:
        pending: list[asyncio.Future[object]] = []
        for record in records:
            pending.append(await producer.send(record.topic, record.value, key=record.key))
            if len(pending) >= window:
                await asyncio.gather(*pending)
                pending.clear()
        await asyncio.gather(*pending)
    finally:
        await producer.stop()
    return time.monotonic() - started


async def partitions_of(bootstrap: str, topics: list[str]) -> list[TopicPartition]:
    """Every partition of `topics`, from the broker's metadata."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **auth())
    await admin.start()
    try:
        described = await admin.describe_topics(topics)
    finally:
        await admin.close()
    return sorted(
        TopicPartition(t["topic"], p["partition"])
        for t in described
        for p in t.get("partitions", [])
    )


async def group_lag(bootstrap: str, group: str, topics: list[str]) -> int:
    """Records on `topics` that `group` has not committed yet."""
    parts = await partitions_of(bootstrap, topics)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, **auth())
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **auth())
    await consumer.start()
    await admin.start()
    try:
        ends = await consumer.end_offsets(parts)
        committed = await admin.list_consumer_group_offsets(group)
    finally:
        await consumer.stop()
        await admin.close()
    done = {tp: meta.offset for tp, meta in committed.items() if meta.offset >= 0}
    return sum(max(ends[tp] - done.get(tp, 0), 0) for tp in parts)
