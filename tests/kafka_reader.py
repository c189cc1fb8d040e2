"""Read a topic from the beginning until it goes quiet, and publish to one, as plain clients."""

from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

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


class PlainPublisher:
    """An `EventPublisher` over a plain producer: the dead-letter publisher of tests."""

    def __init__(self, producer: AIOKafkaProducer) -> None:
        self._producer = producer

    async def publish(
        self, topic: str, key: str, payload: bytes, correlation_id: str | None = None
    ) -> None:
        """Send and wait for the broker's acknowledgement."""
        await self._producer.send_and_wait(topic, payload, key=key.encode())
