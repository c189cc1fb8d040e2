"""The transactional outbox: events stored with the state change, published by a relay.

A writer puts pending events in the aggregate document's `outbox` array in the SAME write as
the state change (one document write is atomic on MongoDB and FerretDB, with no transaction).
The relay publishes each entry and only then removes it, so a crash in between publishes an
event twice at worst, never zero times. Consumers are idempotent for that reason.
"""

import asyncio
import contextlib
import logging
from typing import Any, Protocol

from pydantic import BaseModel
from pymongo.asynchronous.collection import AsyncCollection

from umkm_shared.contracts.catalogue import event_key
from umkm_shared.contracts.envelope import CloudEvent
from umkm_shared.messaging.keyed_lock import KeyedLocks

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
    """Drains every collection's pending outbox entries to Kafka, in order per document."""

    def __init__(
        self,
        collection: AsyncCollection[dict[str, Any]],
        publisher: EventPublisher,
        *,
        batch_size: int = 200,
        idle_interval: float = 0.2,
        max_backoff: float = 10.0,
        locks: KeyedLocks | None = None,
    ) -> None:
        self._collection = collection
        self._publisher = publisher
        self._batch_size = batch_size
        self._idle_interval = idle_interval
        self._max_backoff = max_backoff
        self._locks = locks or KeyedLocks()

    async def drain_once(self) -> int:
        """Publish what is pending now; return how many events went out."""
        sent = 0
        cursor = self._collection.find(PENDING, {"outbox": 1}).limit(self._batch_size)
        async for doc in cursor:
            for entry in doc.get("outbox", []):
                await self._publisher.publish(
                    entry["topic"],
                    entry["key"],
                    entry["payload"].encode(),
                    entry.get("correlation_id"),
                )
                # Pull the exact stored entry: FerretDB v1's $pull matches whole values only,
                # not sub-document conditions such as {"event_id": ...}.
                async with self._locks.hold(str(doc["_id"])):
                    await self._collection.update_one(
                        {"_id": doc["_id"]}, {"$pull": {"outbox": entry}}
                    )
                sent += 1
        return sent

    async def run(self, stop: asyncio.Event) -> None:
        """Drain until `stop` is set, backing off while Kafka or Mongo is down."""
        backoff = self._idle_interval
        while not stop.is_set():
            try:
                sent = await self.drain_once()
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
