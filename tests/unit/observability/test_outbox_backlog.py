"""The relay's search also measures the outbox backlog: no query of its own."""

from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest
from prometheus_client import REGISTRY
from pymongo.asynchronous.collection import AsyncCollection

from umkm_shared.messaging.outbox import OutboxRelay, OutgoingEvent


class Unreachable:
    """A broker that is away: publishing fails after the search."""

    async def publish_all(self, events: Sequence[OutgoingEvent]) -> None:
        raise ConnectionError("broker away")


class Pending:
    """A collection whose search finds these aggregates."""

    name = "backlog_smes"

    def __init__(self, docs: list[dict[str, Any]]) -> None:
        self.docs = docs

    def find(self, query: object, projection: object) -> "Pending":
        return self

    def limit(self, count: int) -> "Pending":
        return self

    async def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        for doc in self.docs:
            yield doc


ZERO = timedelta(0)


def _entry(event_id: str, age: timedelta) -> dict[str, str]:
    stored = datetime.now(UTC) - age
    return {
        "event_id": event_id,
        "topic": "t",
        "key": "k",
        "payload": "{}",
        "time": stored.isoformat(),
    }


def _gauge(name: str) -> float | None:
    return REGISTRY.get_sample_value(name, {"collection": "backlog_smes"})


async def test_the_backlog_and_its_oldest_age_are_measured_even_when_publishing_fails() -> None:
    docs = [
        {
            "_id": "sme-1",
            "outbox": [_entry("e1", timedelta(minutes=5)), _entry("e2", timedelta(0))],
        },
        {"_id": "sme-2", "outbox": [_entry("e3", timedelta(minutes=1))]},
    ]
    relay = OutboxRelay(cast("AsyncCollection[dict[str, Any]]", Pending(docs)), Unreachable())

    with pytest.raises(ConnectionError):
        await relay.drain_once()

    assert _gauge("umkm_outbox_backlog") == 3
    age = _gauge("umkm_outbox_oldest_pending_age_seconds")
    assert age is not None
    assert 300 <= age < 360
