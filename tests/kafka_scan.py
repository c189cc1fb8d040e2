"""Every message of every topic on the test broker, each read once, up to the offsets of the start.

One consumer over every partition: no consumer group, no waiting for a topic to go quiet.
Assigning all partitions before asking for offsets makes aiokafka fetch the metadata of every
topic in one request; asked cold, it learns one unknown topic per retry (a `StaleMetadata`
each), which with hundreds of test topics ran past its 40 s timeout.
"""

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import (
    KafkaTimeoutError,
    LeaderNotAvailableError,
    NotLeaderForPartitionError,
    StaleMetadata,
    UnknownTopicOrPartitionError,
)

from tests.infra import Infra

ATTEMPTS = 4
"""Tries at the offsets; between them the topics are looked up again (deleted, recreated)."""
REQUEST_MS = 15_000
"""One offsets request's bound (aiokafka retries stale metadata inside it, 40 s by default)."""
STALL_S = 30.0
"""No message for this long while some remain: look whether their topics are gone."""
METADATA_ERRORS = (
    KafkaTimeoutError,
    LeaderNotAvailableError,
    NotLeaderForPartitionError,
    StaleMetadata,
    UnknownTopicOrPartitionError,
)

Bounds = dict[TopicPartition, tuple[int, int]]
"""Partition -> (beginning offset, end offset)."""
Visit = Callable[[ConsumerRecord[bytes, bytes]], None]


@dataclass
class Scan:
    """What one scan read, and the topics it skipped because they no longer exist."""

    topics: int = 0
    partitions: int = 0
    expected: int = 0
    """Sum of end minus beginning offsets over the partitions read."""
    read: int = 0
    gone: list[str] = field(default_factory=list)
    retries: int = 0
    """Offsets asked again after stale metadata."""
    seconds: float = 0.0

    def __str__(self) -> str:
        gone = f"; skipped {len(self.gone)} deleted topic(s): {self.gone}" if self.gone else ""
        retries = f"; {self.retries} offsets retries" if self.retries else ""
        return (
            f"Kafka raw-NIK scan: {self.read} of {self.expected} messages in {self.partitions} "
            f"partitions of {self.topics} topics, {self.seconds:.1f} s{retries}{gone}"
        )


SCANS: list[Scan] = []
"""Every scan of the session, for the terminal summary."""


async def scan_all(infra: Infra, visit: Visit) -> Scan:
    """Hand every message of every topic (but Kafka's own) to `visit`."""
    started, scan = time.monotonic(), Scan()
    admin = AIOKafkaAdminClient(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=infra.bootstrap_servers,
        enable_auto_commit=False,
        request_timeout_ms=REQUEST_MS,
        **infra.kafka,
    )
    await admin.start()
    try:
        await consumer.start()
        try:
            topics = [t for t in await admin.list_topics() if not t.startswith("__")]
            bounds = await _bounds(admin, consumer, topics, scan)
            await _read(admin, consumer, bounds, visit, scan)
        finally:
            await consumer.stop()
    finally:
        await admin.close()
    scan.seconds = time.monotonic() - started
    SCANS.append(scan)
    return scan


async def _partitions(
    admin: AIOKafkaAdminClient, topics: list[str], scan: Scan
) -> list[TopicPartition]:
    """The partitions of those of `topics` that exist; the others are noted as gone."""
    described = await admin.describe_topics(topics) if topics else []
    found: list[TopicPartition] = []
    for topic in described:
        if topic["error_code"]:
            scan.gone.append(topic["topic"])
        else:
            found += [TopicPartition(topic["topic"], p["partition"]) for p in topic["partitions"]]
    return found


async def _bounds(
    admin: AIOKafkaAdminClient, consumer: AIOKafkaConsumer, topics: list[str], scan: Scan
) -> Bounds:
    """Beginning and end offsets of every partition of `topics`, retried on stale metadata."""
    failure: Exception | None = None
    for attempt in range(ATTEMPTS):
        if failure is not None:
            scan.retries += 1
            await asyncio.sleep(0.5 * 2**attempt)
        partitions = await _partitions(admin, topics, scan)
        # Assigning names every topic to the client: its next metadata request covers them all.
        consumer.assign(partitions)
        try:
            begins = await consumer.beginning_offsets(partitions)
            ends = await consumer.end_offsets(partitions)
        except METADATA_ERRORS as error:
            # Look the topics up again: one may have been deleted, or recreated differently.
            failure, topics = error, sorted({tp.topic for tp in partitions})
        else:
            return {tp: (begins[tp], ends[tp]) for tp in partitions}
    raise AssertionError(f"no offsets for {len(topics)} topics in {ATTEMPTS} tries") from failure


async def _read(
    admin: AIOKafkaAdminClient,
    consumer: AIOKafkaConsumer,
    bounds: Bounds,
    visit: Visit,
    scan: Scan,
) -> None:
    """Read each partition from its beginning to its end offset, then leave it."""
    left = {tp: end for tp, (begin, end) in bounds.items() if end > begin}
    consumer.assign(list(left))
    for tp in left:
        consumer.seek(tp, bounds[tp][0])
    read: Counter[TopicPartition] = Counter()
    quiet_since = time.monotonic()
    while left:
        batch = await consumer.getmany(timeout_ms=1000, max_records=20_000)
        for tp, records in batch.items():
            for record in records:
                if record.offset < bounds[tp][1]:
                    visit(record)
                    read[tp] += 1
            if tp in left and await consumer.position(tp) >= left[tp]:
                consumer.pause(tp)
                del left[tp]
        if batch:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > STALL_S:
            for tp in [tp for tp, end in left.items() if await consumer.position(tp) >= end]:
                del left[tp]
            if left:
                await _drop_gone(admin, left, bounds, scan)
            quiet_since = time.monotonic()
    scan.topics, scan.partitions = len({tp.topic for tp in bounds}), len(bounds)
    scan.expected = sum(end - begin for begin, end in bounds.values())
    scan.read = sum(read[tp] for tp in bounds)


async def _drop_gone(
    admin: AIOKafkaAdminClient, left: dict[TopicPartition, int], bounds: Bounds, scan: Scan
) -> None:
    """Stop waiting for topics deleted while being read; fail if every one still exists."""
    existing = set(await admin.list_topics())
    gone = sorted({tp.topic for tp in left} - existing)
    if not gone:
        raise AssertionError(f"{len(left)} partitions stopped short of their end: {list(left)}")
    scan.gone += gone
    for tp in [tp for tp in bounds if tp.topic in gone]:
        left.pop(tp, None)
        del bounds[tp]
