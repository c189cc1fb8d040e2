"""Read a consumer's dead-letter topic and put chosen messages back on their source topics.

After the bug that dead-lettered a message is fixed, republishing it hands it to every
consumer of its source topic again (they are idempotent, so the others change nothing). A
projection that already applied a later version of the same aggregate ignores the old one:
for those, rebuild the read models (`reporting-replay rebuild`) instead.
"""

import json
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from umkm_shared.messaging.kafka_security import KafkaSecurity
from umkm_shared.messaging.topics_admin import topic_partitions

REPUBLISHED_FROM = "umkm-republished-from"
"""Header on a republished message: `<dead-letter topic>:<partition>:<offset>`."""


@dataclass(frozen=True)
class DeadLetter:
    """One parked message: where it sits, where it came from, why, and the message itself."""

    dlt_topic: str
    dlt_partition: int
    dlt_offset: int
    key: bytes | None
    topic: str
    partition: int
    offset: int
    error: str
    attempts: int
    reason: str
    dead_lettered_at: str | None
    payload: str

    @property
    def where(self) -> str:
        """`<dead-letter topic>:<partition>:<offset>`."""
        return f"{self.dlt_topic}:{self.dlt_partition}:{self.dlt_offset}"


def _letter(
    dlt_topic: str, partition: int, offset: int, key: bytes | None, value: bytes
) -> DeadLetter:
    record = json.loads(value)
    return DeadLetter(
        dlt_topic,
        partition,
        offset,
        key,
        topic=record["topic"],
        partition=record["partition"],
        offset=record["offset"],
        error=record.get("error", "PoisonMessageError"),
        attempts=int(record.get("attempts", 0)),
        reason=record["reason"],
        dead_lettered_at=record.get("dead_lettered_at"),
        payload=record["payload"],
    )


async def _behind(consumer: AIOKafkaConsumer, end: dict[TopicPartition, int]) -> bool:
    for tp, last in end.items():
        if await consumer.position(tp) < last:
            return True
    return False


async def read_dead_letters(
    bootstrap_servers: str, security: KafkaSecurity, dlt_topic: str
) -> list[DeadLetter]:
    """Every message on `dlt_topic`, from the first to the last at the time of the call."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, **security.client_kwargs())
    await admin.start()
    try:
        partitions = await topic_partitions(admin, [dlt_topic])
    finally:
        await admin.close()
    if not partitions:
        return []
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers, enable_auto_commit=False, **security.client_kwargs()
    )
    await consumer.start()
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        end = await consumer.end_offsets(partitions)
        letters: list[DeadLetter] = []
        while await _behind(consumer, end):
            fetched = await consumer.getmany(timeout_ms=500)
            for records in fetched.values():
                letters.extend(
                    _letter(dlt_topic, r.partition, r.offset, r.key, r.value or b"{}")
                    for r in records
                    if r.offset < end[TopicPartition(dlt_topic, r.partition)]
                )
        return sorted(letters, key=lambda letter: (letter.dlt_partition, letter.dlt_offset))
    finally:
        await consumer.stop()


async def republish(
    bootstrap_servers: str, security: KafkaSecurity, letters: list[DeadLetter]
) -> None:
    """Each letter's message back on its source topic, with its key, in the order given."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        enable_idempotence=True,
        acks="all",
        **security.client_kwargs(),
    )
    await producer.start()
    try:
        for letter in letters:
            await producer.send_and_wait(
                letter.topic,
                letter.payload.encode(),
                key=letter.key,
                headers=[(REPUBLISHED_FROM, letter.where.encode())],
            )
    finally:
        await producer.stop()
