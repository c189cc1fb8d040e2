"""The transactional outbox: events stored with the state change, published by a relay.

A writer appends pending events to the aggregate document's `outbox` array in the SAME write
as the state change (one document write is atomic, no transaction needed). The relay finds
aggregates with pending entries with one indexed query (or, when a writer in this process
named them, by `_id`), publishes them all (every send
enqueued in order, then every acknowledgement awaited), and only then pulls them by event id
with one bulk write. A crash in between publishes an event twice at worst, never zero times;
consumers are idempotent for that reason. No lock is needed: `$push` and `$pull` are atomic,
and a second replica's relay at worst publishes an entry twice.
"""

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import Awaitable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection

from umkm_shared.auth.audit import current_actor
from umkm_shared.contracts.audit import Audited
from umkm_shared.contracts.catalogue import event_key, make_event
from umkm_shared.contracts.envelope import CloudEvent
from umkm_shared.messaging.publishing import BatchPublisher, EventPublisher, OutgoingEvent
from umkm_shared.observability.context import causation_id
from umkm_shared.observability.context import correlation_id as correlation_id_var
from umkm_shared.observability.metrics import observe_backlog
from umkm_shared.observability.tracing import current_traceparent

__all__ = [
    "PENDING",
    "BatchPublisher",
    "EventPublisher",
    "OutboxRelay",
    "OutgoingEvent",
    "ensure_pending_index",
    "outbox_entries",
    "outbox_entry",
]

log = logging.getLogger(__name__)
T = TypeVar("T")

PENDING = {"outbox.event_id": {"$exists": True}}
PENDING_INDEX = "outbox_pending"


def outbox_entry(topic: str, event: CloudEvent[BaseModel]) -> dict[str, str]:
    """The stored form of one pending event; the payload is final, so a re-publish is identical.

    With tracing on, the current trace context goes along (`traceparent`), so the relay's
    send continues the trace of the request or event that caused this one.
    """
    entry = {
        "event_id": str(event.id),
        "topic": topic,
        "key": event_key(event.data),
        "correlation_id": str(event.correlationid),
        "time": event.time.isoformat(),
        "payload": event.to_json_bytes().decode(),
    }
    traceparent = current_traceparent()
    if traceparent:
        entry["traceparent"] = traceparent
    return entry


def outbox_entries(
    events: Sequence[tuple[str, BaseModel]],
    last_versions: Mapping[str, int],
    correlation_id: str | None = None,
) -> list[dict[str, str]]:
    """The outbox entries of ONE write: each event as `(topic, contract payload)`, in order.

    The one version convention of the platform: `last_versions[topic]` is the aggregate's
    version on that topic BEFORE this write (0 for a new aggregate, or a topic it never
    published on); the write's events on a topic get the next numbers in order. A stream with
    its own sequence (the Bank Jabar feed's pseudonymous subject) is a topic of its own.
    All events of one write share a correlation id: the given one, else the one of the request
    or event being handled (`observability.context`), else the first event's. Each names the
    event before it as its cause; the first names the event being handled, if any.
    Events that declare an `actor` get the actor of the command being handled
    (`umkm_shared.auth.audit`), unless the payload names one already.
    """
    actor = current_actor()
    versions = dict(last_versions)
    entries = []
    correlation = correlation_id or correlation_id_var.get()
    chained: dict[str, object] = {"correlationid": correlation} if correlation else {}
    if causation_id.get():
        chained["causationid"] = causation_id.get()
    for topic, declared in events:
        payload = declared
        if actor is not None and isinstance(declared, Audited) and declared.actor is None:
            payload = declared.model_copy(update={"actor": actor})
        versions[topic] = versions.get(topic, 0) + 1
        envelope = make_event(payload, versions[topic], **chained)
        chained = {"correlationid": envelope.correlationid, "causationid": envelope.id}
        entries.append(outbox_entry(topic, envelope))
    return entries


async def ensure_pending_index(collection: AsyncCollection[dict[str, Any]]) -> None:
    """A partial index holding only aggregates with pending entries: the relay's query uses it."""
    await collection.create_index(
        [("outbox.event_id", ASCENDING)], name=PENDING_INDEX, partialFilterExpression=PENDING
    )


def _outgoing(entry: dict[str, Any]) -> OutgoingEvent:
    return OutgoingEvent(
        entry["topic"],
        entry["key"],
        entry["payload"].encode(),
        entry.get("correlation_id"),
        entry.get("traceparent"),
    )


def _mark_sent(doc: dict[str, Any]) -> UpdateOne:
    """Pull the published entries by event id: entries a writer appended meanwhile stay."""
    sent = [entry["event_id"] for entry in doc["outbox"]]
    return UpdateOne({"_id": doc["_id"]}, {"$pull": {"outbox": {"event_id": {"$in": sent}}}})


class OutboxRelay:
    """Drains one collection's pending outbox entries to Kafka, in order per document."""

    def __init__(
        self,
        collection: AsyncCollection[dict[str, Any]],
        publisher: BatchPublisher,
        *,
        batch_size: int = 500,
        poll_interval: float = 2.0,
        max_backoff: float = 10.0,
        publish_timeout: float = 60.0,
        exit_after_batches: int | None = None,
    ) -> None:
        """`exit_after_batches` is the fault tier's test hook (profile `test` only): the
        process exits at once, as if killed, after Kafka acked that many batches and before
        the relay marked the last one sent."""
        self._collection = collection
        self._publisher = publisher
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._max_backoff = max_backoff
        self._publish_timeout = publish_timeout
        self._wake = asyncio.Event()
        self._named: set[object] = set()
        self._search_asked = False
        self._exit_after_batches = exit_after_batches
        self._acked_batches = 0

    @property
    def collection_name(self) -> str:
        """The collection this relay drains."""
        return self._collection.name

    def notify(self, aggregate_ids: Iterable[object] = ()) -> None:
        """A writer in this process stored events: drain now instead of at the next poll.

        Naming the aggregates lets the relay read just them by `_id` instead of searching;
        naming none asks for a search.
        """
        named = list(aggregate_ids)
        self._named.update(named)
        self._search_asked = self._search_asked or not named
        self._wake.set()

    async def drain_once(self, *, search: bool = True) -> int:
        """Publish what is pending in the named aggregates and, with `search`, in up to
        `batch_size` others found by query; return how many events went out."""
        named, self._named = list(self._named), set()
        try:
            docs = await self._pending(named, search=search)
        except Exception:
            self._named.update(named)  # try them again next round
            raise
        entries = [entry for doc in docs for entry in doc["outbox"]]
        if not entries:
            return 0
        # Bounded: with the broker away, a send can wait for it indefinitely instead of failing.
        async with asyncio.timeout(self._publish_timeout):
            await self._publisher.publish_all([_outgoing(entry) for entry in entries])
        self._acked_batches += 1
        if self._acked_batches == self._exit_after_batches:
            _die_before_marking(entries)
        marks = [_mark_sent(doc) for doc in docs]
        await self._collection.bulk_write(marks, ordered=False)
        return len(entries)

    async def _pending(self, named: list[object], *, search: bool) -> list[dict[str, Any]]:
        found: dict[object, dict[str, Any]] = {}
        queries: list[dict[str, Any]] = [{"_id": {"$in": named}}] if named else []
        if search:
            queries.append(PENDING)
        for query in queries:
            cursor = self._collection.find(query, {"outbox": 1}).limit(self._batch_size)
            async for doc in cursor:
                if doc.get("outbox"):
                    found.setdefault(doc["_id"], doc)
        if search:  # the backlog gauges, from what the search found: no query of their own
            observe_backlog(self.collection_name, [e for d in found.values() for e in d["outbox"]])
        return list(found.values())

    async def run(self, stop: asyncio.Event) -> None:
        """Drain until `stop` is set: at once when notified, else every `poll_interval`.

        Polling finds what other replicas' writers (or a crash) left behind; errors (Kafka or
        Mongo down) back off, doubling up to `max_backoff`. `stop` also ends a round midway:
        what it published and did not mark is published again by the next relay.
        """
        backoff = self._poll_interval
        searched_at = float("-inf")
        while not stop.is_set():
            self._wake.clear()  # before the drain: a write during it triggers another round
            # Named aggregates are read by _id at once; the search runs at most once a poll.
            search = self._search_asked or time.monotonic() - searched_at >= self._poll_interval
            self._search_asked = False
            try:
                sent = await _unless(stop, self.drain_once(search=search))
                searched_at = time.monotonic() if search else searched_at
            except Exception:
                log.exception("outbox relay failed; retrying in %.1fs", backoff)
                await _wait_any(stop, seconds=backoff)
                backoff = min(backoff * 2, self._max_backoff)
                continue
            backoff = self._poll_interval
            if not sent:
                await _wait_any(stop, self._wake, seconds=self._poll_interval)


def _die_before_marking(entries: list[dict[str, Any]]) -> None:
    """The test hook: die like a kill -9 between Kafka's acknowledgement and the marks."""
    ids = " ".join(entry["event_id"] for entry in entries)
    log.warning(
        "test hook: exiting after Kafka acked %d events, before marking them sent: %s",
        len(entries),
        ids,
    )
    os._exit(137)


async def _unless(stop: asyncio.Event, work: Awaitable[T]) -> T | None:
    """The result of `work`, or None if `stop` is set first (then `work` is cancelled)."""
    task = asyncio.ensure_future(work)
    stopping = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({task, stopping}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    return None if task.cancelled() else task.result()


async def _wait_any(*events: asyncio.Event, seconds: float) -> None:
    """Until one of `events` is set or `seconds` pass."""
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
