"""What the outbox needs of a broker: publish one event, or many with their acks awaited once."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class EventPublisher(Protocol):
    """Publishes one serialized event and returns once the broker has acknowledged it."""

    async def publish(
        self, topic: str, key: str, payload: bytes, correlation_id: str | None = None
    ) -> None:
        """Publish `payload` to `topic` under `key`."""


@dataclass(frozen=True)
class OutgoingEvent:
    """One stored outbox entry, ready to send."""

    topic: str
    key: str
    payload: bytes
    correlation_id: str | None = None
    traceparent: str | None = None
    """The W3C trace context of the work that stored the event; sent as a Kafka header."""


class BatchPublisher(Protocol):
    """Publishes many events: all sends enqueued in order, then all acknowledgements awaited."""

    async def publish_all(self, events: Sequence[OutgoingEvent]) -> None:
        """Return once the broker acknowledged every event; raise if any was not."""
