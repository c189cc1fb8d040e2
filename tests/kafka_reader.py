"""Read a topic from the beginning, as an outside consumer would, until it goes quiet."""

from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer


@dataclass(frozen=True)
class Record:
    """One message as read back."""

    key: bytes | None
    value: bytes
    partition: int
    offset: int
    headers: dict[str, bytes]


async def read_all(bootstrap: str, topic: str, idle_ms: int = 1500) -> list[Record]:
    """Every message on `topic` (no consumer group, nothing committed)."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False
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
