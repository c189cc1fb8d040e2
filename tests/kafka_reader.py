"""Read a topic from the beginning until it goes quiet, publish to one, and read a consumer
group's committed offsets, as plain clients."""

import time
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from tests.infra import Infra
from umkm_shared.messaging.kafka_security import KafkaSecurity


@dataclass(frozen=True)
class Record:
    """One message as read back."""

    key: bytes | None
    value: bytes
    partition: int
    offset: int
    headers: dict[str, bytes]


async def read_all(
    servers: Infra | str, topic: str, idle_ms: int = 1500, security: KafkaSecurity | None = None
) -> list[Record]:
    """Every message on `topic` (no consumer group, nothing committed).

    Reads at least up to the end offsets the topic had when its partitions were assigned
    (a slow first fetch on a busy machine or a just-restarted broker is no end), then
    until it goes quiet for `idle_ms`. Reads as the test infrastructure's super user, or as
    `security` on a bare address.
    """
    if isinstance(servers, Infra):
        bootstrap, security = servers.bootstrap_servers, servers.principal("admin")
    else:
        bootstrap = servers
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        **(security or KafkaSecurity()).client_kwargs(),
    )
    await consumer.start()
    records: list[Record] = []
    ends: dict[TopicPartition, int] | None = None
    deadline = time.monotonic() + UNASSIGNED_PATIENCE_S
    try:
        while True:
            batch = await consumer.getmany(timeout_ms=idle_ms)
            if ends is None and consumer.assignment():
                ends = await consumer.end_offsets(list(consumer.assignment()))
            if not batch and await _reached(consumer, ends, deadline):
                return records
            for messages in batch.values():
                records.extend(
                    Record(m.key, m.value, m.partition, m.offset, dict(m.headers)) for m in messages
                )
    finally:
        await consumer.stop()


UNASSIGNED_PATIENCE_S = 30.0
"""How long a topic that never gets a partition assigned (absent) is waited for."""


async def _reached(
    consumer: AIOKafkaConsumer, ends: dict[TopicPartition, int] | None, deadline: float
) -> bool:
    if ends is None:
        return time.monotonic() > deadline
    return all([await consumer.position(tp) >= end for tp, end in ends.items()])


async def committed_offsets(infra: Infra, group: str) -> dict[TopicPartition, int]:
    """The offsets `group` has committed, per partition (those it never committed left out)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
    await admin.start()
    try:
        offsets = await admin.list_consumer_group_offsets(group)
    finally:
        await admin.close()
    return {tp: meta.offset for tp, meta in offsets.items() if meta.offset >= 0}


class PlainPublisher:
    """An `EventPublisher` over a plain producer: the dead-letter publisher of tests."""

    def __init__(self, producer: AIOKafkaProducer) -> None:
        self._producer = producer

    async def publish(
        self, topic: str, key: str, payload: bytes, correlation_id: str | None = None
    ) -> None:
        """Send and wait for the broker's acknowledgement."""
        await self._producer.send_and_wait(topic, payload, key=key.encode())
