"""Rebuild every read model from the start of the topics into a new generation, then switch.

The live generation keeps serving (and the live consumer keeps writing to it) until the
pointer flips. After the flip the rebuild reads to the end once more, so events the live
consumer applied to the old generation just before it noticed the switch are in the new one.
"""

import asyncio
import contextlib
import gc
import time
from collections.abc import Callable

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from pymongo.asynchronous.database import AsyncDatabase

from reporting.adapters.generations import LiveGeneration, collection_name, next_generation
from reporting.adapters.indexes import ensure_indexes
from reporting.adapters.mongo_store import MongoStore, without_revision
from reporting.domain.routing import COLLECTIONS
from reporting.domain.values import Doc
from reporting.service import Projector
from umkm_shared.messaging.batch_consumer import Delivery, decode_delivery
from umkm_shared.messaging.dead_letters import Origin, PoisonMessageError
from umkm_shared.messaging.kafka_security import KafkaSecurity
from umkm_shared.messaging.topics_admin import topic_partitions

Progress = Callable[[int, int], None]
"""Called with (events read so far, events to read in this pass)."""

BATCH = 2000
"""Events per projected batch; measured against 5,000 and 10,000, this overlaps reading the
next batch with writing the last one best."""


async def _generation_of(name: str) -> str:
    return name


class Rebuild:
    """One rebuild into a fresh generation."""

    def __init__(
        self,
        db: AsyncDatabase[Doc],
        bootstrap_servers: str,
        topics: list[str],
        security: KafkaSecurity | None = None,
    ) -> None:
        self.db = db
        self._security = (security or KafkaSecurity()).client_kwargs()
        self.live = LiveGeneration(db, refresh=0)
        self._bootstrap = bootstrap_servers
        self._topics = topics
        self._positions: dict[TopicPartition, int] = {}
        self.generation = ""
        self.events = 0

    async def prepare(self) -> str:
        """Pick the next generation name and drop any leftover of it."""
        self.generation = next_generation(await self.live.current())
        for name in COLLECTIONS:
            await self.db.drop_collection(collection_name(name, self.generation))
        await ensure_indexes(self.db, self.generation)
        return self.generation

    async def run_pass(self, progress: Progress) -> float:
        """Read from where the last pass stopped to the current end offsets; events/s."""
        gc.collect()
        gc.freeze()  # start-up objects live on: keep them out of the collector's full passes
        projector = Projector(MongoStore(self.db, lambda: _generation_of(self.generation)))
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self._bootstrap, enable_auto_commit=False, **self._security
        )
        await consumer.start()
        started, read = time.monotonic(), 0
        writing: asyncio.Task[None] | None = None
        try:
            parts = await self._partitions()
            consumer.assign(parts)
            ends = await consumer.end_offsets(parts)
            todo = sum(ends[tp] - self._positions.get(tp, 0) for tp in parts)
            for tp in parts:
                consumer.seek(tp, self._positions.get(tp, 0))
            while any(self._positions.get(tp, 0) < ends[tp] for tp in parts):
                fetched = await consumer.getmany(timeout_ms=1000, max_records=BATCH)
                batch: list[Delivery] = []
                for tp in sorted(fetched, key=lambda tp: (tp.partition, tp.topic)):
                    records = [r for r in fetched[tp] if r.offset < ends[tp]]
                    batch += _decoded(records)
                    if records:
                        self._positions[tp] = records[-1].offset + 1
                        read += len(records)
                # Batches are written in order; the next one is read while this one is written.
                if writing is not None:
                    await writing
                writing = asyncio.create_task(projector.apply_batch(batch))
                progress(read, todo)
            if writing is not None:
                await writing
        finally:
            if writing is not None and not writing.done():
                writing.cancel()
            await consumer.stop()
        self.events += read
        return read / max(time.monotonic() - started, 1e-6)

    async def _partitions(self) -> list[TopicPartition]:
        admin = AIOKafkaAdminClient(bootstrap_servers=self._bootstrap, **self._security)
        await admin.start()
        try:
            return await topic_partitions(admin, self._topics)
        finally:
            await admin.close()

    async def switch(self) -> None:
        """Make the rebuilt generation live (one pointer write)."""
        await self.live.switch_to(self.generation)


def _decoded(records: list[ConsumerRecord[bytes, bytes]]) -> list[Delivery]:
    batch = []
    for r in records:
        # Poison was dead-lettered by the live consumer; skip it here too.
        with contextlib.suppress(PoisonMessageError):
            origin = Origin(r.topic, r.partition, r.offset, r.key)
            batch.append(decode_delivery(origin, r.value or b""))
    return batch


async def differences(db: AsyncDatabase[Doc], left: str, right: str) -> dict[str, int]:
    """Per read model, how many documents differ between two generations (0 = equal)."""
    result = {}
    for name in COLLECTIONS:
        a = {d["_id"]: without_revision(d) async for d in db[collection_name(name, left)].find()}
        b = {d["_id"]: without_revision(d) async for d in db[collection_name(name, right)].find()}
        result[name] = sum(a.get(k) != b.get(k) for k in set(a) | set(b))
    return result
