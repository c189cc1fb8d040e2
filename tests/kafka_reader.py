"""Read a topic from the beginning until it goes quiet, and publish to one, as plain clients."""

from collections.abc import Callable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
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

    Reads as the test infrastructure's super user, or as `security` on a bare address.
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
    try:
        while True:
            batch = await consumer.getmany(timeout_ms=idle_ms)
            if not batch:
                return records
            for messages in batch.values():
                records.extend(
                    Record(m.key, m.value, m.partition, m.offset, dict(m.headers)) for m in messages
                )
    finally:
        await consumer.stop()


async def scan_all(infra: Infra, visit: Callable[[ConsumerRecord[bytes, bytes]], None]) -> int:
    """Hand every message of every topic (but Kafka's own) to `visit`; how many there were.

    One consumer over every partition, read up to the end offsets taken at the start: no
    waiting for a topic to go quiet, however many topics the suite made.
    """
    admin = AIOKafkaAdminClient(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
    await admin.start()
    try:
        topics = [t for t in await admin.list_topics() if not t.startswith("__")]
        described = await admin.describe_topics(topics) if topics else []
    finally:
        await admin.close()
    partitions = [
        TopicPartition(t["topic"], p["partition"])
        for t in described
        for p in t.get("partitions", [])
    ]
    if not partitions:
        return 0
    consumer = AIOKafkaConsumer(
        bootstrap_servers=infra.bootstrap_servers, enable_auto_commit=False, **infra.kafka
    )
    await consumer.start()
    seen = 0
    try:
        ends = await consumer.end_offsets(partitions)
        todo = {tp: end for tp, end in ends.items() if end > 0}
        if not todo:
            return 0
        consumer.assign(list(todo))
        await consumer.seek_to_beginning(*todo)
        while todo:
            fetched = await consumer.getmany(timeout_ms=1000, max_records=20_000)
            for tp, records in fetched.items():
                for record in records:
                    if record.offset < todo.get(tp, 0):
                        visit(record)
                        seen += 1
                if tp in todo and records and records[-1].offset + 1 >= todo[tp]:
                    del todo[tp]
    finally:
        await consumer.stop()
    return seen


class PlainPublisher:
    """An `EventPublisher` over a plain producer: the dead-letter publisher of tests."""

    def __init__(self, producer: AIOKafkaProducer) -> None:
        self._producer = producer

    async def publish(
        self, topic: str, key: str, payload: bytes, correlation_id: str | None = None
    ) -> None:
        """Send and wait for the broker's acknowledgement."""
        await self._producer.send_and_wait(topic, payload, key=key.encode())
