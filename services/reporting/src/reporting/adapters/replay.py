"""Rebuild every read model from the start of the topics into a new generation, then switch.

The live generation keeps serving (and the live consumer keeps writing to it) until the
switch. The switch has two steps: the pointer names the new generation with `catching_up`
set, which stops the live consumer before its next write; the rebuild then reads to the end
offsets as they are after that pointer write, and clears `catching_up`. A batch the live
consumer wrote to the old generation was fetched before it read the pointer, hence before the
switch: the last pass has it. A batch after the switch lands in order on top of that pass.

A rebuild run by the CLI holds the rebuild lease throughout (adapters/rebuild_lease.py): it
checks the lease before every batch it writes and before switching, and every pointer write
is fenced by the lease's token. Its generation is one no other rebuild is given, so a batch it
writes after stalling past that check lands only there, never in a newer rebuild's. A Rebuild
used on its own (tests, benches) takes the lease just for its switch.
"""

import asyncio
import contextlib
import gc
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from pymongo.asynchronous.database import AsyncDatabase

from reporting.adapters.generations import (
    FencedError,
    Pointer,
    check_fence,
    collection_name,
    drop_generations,
    fixed,
    issue_generation,
    read_pointer,
    write_pointer,
)
from reporting.adapters.indexes import ensure_indexes
from reporting.adapters.mongo_store import MongoStore, without_revision
from reporting.adapters.rebuild_lease import HeldLease, holding
from reporting.domain.routing import COLLECTIONS
from reporting.domain.values import Doc
from reporting.service import Projector
from umkm_shared.messaging.batch_consumer import Delivery, decode_delivery
from umkm_shared.messaging.dead_letters import Origin, PoisonMessageError
from umkm_shared.messaging.failures import describe, is_transient
from umkm_shared.messaging.kafka_security import KafkaSecurity
from umkm_shared.messaging.topics_admin import topic_partitions

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""Called with (events read so far, events to read in this pass)."""

BATCH = 2000
"""Events per projected batch; measured against 5,000 and 10,000, this overlaps reading the
next batch with writing the last one best."""
MAX_RETRY_DELAY = 30.0


def _quiet(_done: int, _todo: int) -> None:
    pass


class Rebuild:
    """One rebuild into a fresh generation."""

    def __init__(
        self,
        db: AsyncDatabase[Doc],
        bootstrap_servers: str,
        topics: list[str],
        security: KafkaSecurity | None = None,
        lease: HeldLease | None = None,
    ) -> None:
        self.db = db
        self.lease = lease
        self._security = (security or KafkaSecurity()).client_kwargs()
        self._bootstrap = bootstrap_servers
        self._topics = topics
        self._positions: dict[TopicPartition, int] = {}
        self.previous = Pointer("")
        self.generation = ""
        self.dropped: list[str] = []
        """Generations left by earlier rebuilds that `prepare` dropped."""
        self.events = 0

    async def prepare(self) -> str:
        """Take a generation no rebuild had before; drop every other one but the live one."""
        self._check()
        token = None if self.lease is None else self.lease.token
        self.generation = await issue_generation(self.db, token)
        self.previous = await read_pointer(self.db)
        self.dropped = await drop_generations(self.db, keep={self.previous.generation})
        await ensure_indexes(self.db, self.generation)
        return self.generation

    async def replay(self, group: str, progress: Progress = _quiet) -> None:
        """Passes from the start until the new generation has read what `group` committed;
        FencedError if a newer rebuild took the lease meanwhile."""
        await self.run_pass(progress)
        async with self._admin() as admin:
            parts = await topic_partitions(admin, self._topics)
            offsets = await admin.list_consumer_group_offsets(group, partitions=parts)
        committed = {tp: meta.offset for tp, meta in offsets.items() if meta.offset >= 0}
        # Each pass reads to end offsets taken after `committed`: one more pass is enough.
        while any(self._positions.get(tp, 0) < at for tp, at in committed.items()):
            await self.run_pass(progress)
        if self.lease is not None:
            # A newer rebuild may have dropped this generation: comparing it would mislead.
            await check_fence(self.db, self.lease.token)

    async def run_pass(self, progress: Progress = _quiet) -> float:
        """Read from where the last pass stopped to the current end offsets; events/s."""
        gc.collect()
        gc.freeze()  # start-up objects live on: keep them out of the collector's full passes
        projector = Projector(MongoStore(self.db, fixed(self.generation)))
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self._bootstrap, enable_auto_commit=False, **self._security
        )
        await consumer.start()
        started, read = time.monotonic(), 0
        writing: asyncio.Task[None] | None = None
        try:
            async with self._admin() as admin:
                parts = await topic_partitions(admin, self._topics)
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
                self._check()
                writing = asyncio.create_task(apply_until_done(projector, batch))
                progress(read, todo)
            if writing is not None:
                await writing
        finally:
            if writing is not None and not writing.done():
                writing.cancel()
            await consumer.stop()
        self.events += read
        return read / max(time.monotonic() - started, 1e-6)

    @contextlib.asynccontextmanager
    async def _admin(self) -> AsyncIterator[AIOKafkaAdminClient]:
        admin = AIOKafkaAdminClient(bootstrap_servers=self._bootstrap, **self._security)
        await admin.start()
        try:
            yield admin
        finally:
            await admin.close()

    def _check(self) -> None:
        if self.lease is not None:
            self.lease.check()

    async def switch(self, progress: Progress = _quiet) -> None:
        """Make the rebuilt generation live: point at it catching up, read to the end, open it.

        Only while holding the lease, and only if the pointer still names the generation it
        named at `prepare` (FencedError otherwise). If the last pass fails, the pointer goes
        back to the previous generation: the live consumer wrote nothing since the switch, so
        that one is still whole.
        """
        if self.lease is None:
            async with holding(self.db) as lease:
                await self._switch(lease.token, progress)
            return
        self.lease.check()
        await self._switch(self.lease.token, progress)

    async def _switch(self, token: int, progress: Progress) -> None:
        catching_up = Pointer(self.generation, catching_up=True)
        await write_pointer(self.db, catching_up, token, expected=self.previous.generation)
        try:
            await self.run_pass(progress)  # end offsets taken after the pointer write
        except BaseException:
            # Fenced: a newer rebuild took the lease and owns the pointer now.
            with contextlib.suppress(FencedError):
                await write_pointer(self.db, self.previous, token)
            raise
        await write_pointer(self.db, Pointer(self.generation), token)


async def apply_until_done(
    projector: Projector, batch: Sequence[Delivery], delay: float = 0.5
) -> None:
    """Apply one batch, again while it fails transiently (applying twice changes nothing)."""
    while True:
        try:
            await projector.apply_batch(batch)
        except Exception as error:
            if not is_transient(error):
                raise
            log.warning("replaying a batch failed (%s); retrying in %.1fs", describe(error), delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_RETRY_DELAY)
        else:
            return


def _decoded(records: list[ConsumerRecord[bytes, bytes]]) -> list[Delivery]:
    batch = []
    for r in records:
        # Poison was dead-lettered by the live consumer; skip it here too.
        with contextlib.suppress(PoisonMessageError):
            origin = Origin(r.topic, r.partition, r.offset, r.key)
            batch.append(decode_delivery(origin, r.value or b""))
    return batch


@dataclass(frozen=True)
class Difference:
    """How one read model differs between two generations."""

    diverged: int = 0
    """Documents with the same versions applied and different content: a projection bug."""
    in_flight: int = 0
    """Documents one generation has applied other versions to (lag): not a bug."""


def compare(left: Mapping[str, Doc], right: Mapping[str, Doc]) -> Difference:
    """Documents by id in two generations (revisions left out), classified."""
    diverged = in_flight = 0
    for key in left.keys() | right.keys():
        a, b = left.get(key), right.get(key)
        if a == b:
            continue
        if a is not None and b is not None and a.get("applied") == b.get("applied"):
            diverged += 1
        else:
            in_flight += 1
    return Difference(diverged, in_flight)


async def differences(db: AsyncDatabase[Doc], left: str, right: str) -> dict[str, Difference]:
    """Per read model, how two generations differ."""
    result = {}
    for name in COLLECTIONS:
        a = {d["_id"]: without_revision(d) async for d in db[collection_name(name, left)].find()}
        b = {d["_id"]: without_revision(d) async for d in db[collection_name(name, right)].find()}
        result[name] = compare(a, b)
    return result
