"""The transactional outbox: events stored with the state change, published by a relay.

A writer puts pending events in the aggregate document's `outbox` array in the SAME write as
the state change (one document write is atomic on MongoDB and FerretDB, with no transaction),
then marks the aggregate as pending (`PendingMarks`) so the relay need not search for it.
The relay publishes each entry and only then removes it, so a crash in between publishes an
event twice at worst, never zero times. Consumers are idempotent for that reason.
"""

import asyncio
import contextlib
import logging
import time
from typing import Any, Protocol

from pydantic import BaseModel
from pymongo.asynchronous.collection import AsyncCollection

from umkm_shared.contracts.catalogue import event_key
from umkm_shared.contracts.envelope import CloudEvent
from umkm_shared.messaging.keyed_lock import KeyedLocks
from umkm_shared.messaging.pending import PendingMarks

log = logging.getLogger(__name__)

PENDING = {"outbox.event_id": {"$exists": True}}


class EventPublisher(Protocol):
    """Publishes one serialized event and returns once the broker has acknowledged it."""

    async def publish(
        self, topic: str, key: str, payload: bytes, correlation_id: str | None = None
    ) -> None:
        """Publish `payload` to `topic` under `key`."""


def outbox_entry(topic: str, event: CloudEvent[BaseModel]) -> dict[str, str]:
    """The stored form of one pending event; the payload is final, so a re-publish is identical."""
    return {
        "event_id": str(event.id),
        "topic": topic,
        "key": event_key(event.data),
        "correlation_id": str(event.correlationid),
        "payload": event.to_json_bytes().decode(),
    }


class OutboxRelay:
    """Drains one collection's pending outbox entries to Kafka, in order per document."""

    def __init__(
        self,
        collection: AsyncCollection[dict[str, Any]],
        publisher: EventPublisher,
        *,
        batch_size: int = 200,
        idle_interval: float = 0.2,
        max_backoff: float = 10.0,
        full_scan_every: float = 60.0,
        locks: KeyedLocks | None = None,
    ) -> None:
        self._collection = collection
        self._publisher = publisher
        self._batch_size = batch_size
        self._idle_interval = idle_interval
        self._max_backoff = max_backoff
        self._full_scan_every = full_scan_every
        self._locks = locks or KeyedLocks()
        self._marks = PendingMarks(collection)

    async def drain_once(self, *, full_scan: bool = True) -> int:
        """Publish what is pending now; return how many events went out.

        A full scan searches the aggregates themselves (slow on FerretDB at scale); otherwise
        only the aggregates writers marked are read.
        """
        if full_scan:
            cursor = self._collection.find(PENDING, {"_id": 1}).limit(self._batch_size)
            ids = [doc["_id"] async for doc in cursor]
        else:
            ids = await self._marks.marked(self._batch_size)
        sent = 0
        for aggregate_id in ids:
            async with self._locks.hold(str(aggregate_id)):
                await self._marks.clear(aggregate_id)
            try:
                sent += await self._drain(aggregate_id)
            except Exception:
                await self._marks.mark(aggregate_id)  # best effort; the full scan is the net
                raise
        return sent

    async def _drain(self, aggregate_id: object) -> int:
        doc = await self._collection.find_one({"_id": aggregate_id}, {"outbox": 1})
        entries = doc.get("outbox", []) if doc is not None else []
        for entry in entries:
            await self._publisher.publish(
                entry["topic"], entry["key"], entry["payload"].encode(), entry.get("correlation_id")
            )
            # Pull the exact stored entry: FerretDB v1's $pull matches whole values only,
            # not sub-document conditions such as {"event_id": ...}.
            async with self._locks.hold(str(aggregate_id)):
                await self._collection.update_one(
                    {"_id": aggregate_id}, {"$pull": {"outbox": entry}}
                )
        return len(entries)

    async def run(self, stop: asyncio.Event) -> None:
        """Drain until `stop` is set, backing off while Kafka or Mongo is down."""
        backoff = self._idle_interval
        last_full_scan = float("-inf")  # scan everything once at start-up
        while not stop.is_set():
            now = time.monotonic()
            full_scan = now - last_full_scan >= self._full_scan_every
            try:
                sent = await self.drain_once(full_scan=full_scan)
                last_full_scan = now if full_scan else last_full_scan
            except Exception:
                log.exception("outbox relay failed; retrying in %.1fs", backoff)
                sent = 0
                wait = backoff
                backoff = min(backoff * 2, self._max_backoff)
            else:
                backoff = self._idle_interval
                wait = 0.0 if sent else self._idle_interval
            if wait:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=wait)
