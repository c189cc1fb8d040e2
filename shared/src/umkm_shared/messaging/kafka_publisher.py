"""The Kafka side of the outbox: publish through the broker's idempotent producer."""

import asyncio
from collections.abc import Sequence

from aiokafka.structs import RecordMetadata
from faststream.kafka import KafkaBroker

from umkm_shared.contracts.envelope import CLOUDEVENTS_CONTENT_TYPE
from umkm_shared.messaging.publishing import OutgoingEvent
from umkm_shared.observability.metrics import MESSAGES_PRODUCED
from umkm_shared.observability.tracing import TRACEPARENT


def _headers(traceparent: str | None = None) -> dict[str, str]:
    headers = {"content-type": CLOUDEVENTS_CONTENT_TYPE}  # fresh: FastStream may add to it
    if traceparent:
        headers[TRACEPARENT] = traceparent
    return headers


class KafkaEventPublisher:
    """Publishes structured-mode CloudEvents, keyed by the SME (or aggregate) id."""

    def __init__(self, broker: KafkaBroker) -> None:
        self._broker = broker

    async def publish(
        self, topic: str, key: str, payload: bytes, correlation_id: str | None = None
    ) -> None:
        """Publish and wait for the broker's acknowledgement (acks=all).

        The `correlation_id` header carries the envelope's `correlationid`, so both agree.
        (One-off sends: dead letters. Events carry their trace context through `publish_all`.)
        """
        await self._broker.publish(
            payload,
            topic=topic,
            key=key.encode(),
            headers=_headers(),
            correlation_id=correlation_id,
        )
        MESSAGES_PRODUCED.labels(topic).inc()

    async def publish_all(self, events: Sequence[OutgoingEvent]) -> None:
        """Enqueue every send in order, then await every acknowledgement.

        `no_confirm` returns the producer's delivery future once the record is in its buffer;
        enqueuing one after the other keeps each key's order (the producer is idempotent, so
        its retries neither reorder nor duplicate).
        """
        deliveries: list[asyncio.Future[RecordMetadata]] = []
        try:
            for event in events:
                delivery = await self._broker.publish(
                    event.payload,
                    topic=event.topic,
                    key=event.key.encode(),
                    headers=_headers(event.traceparent),
                    correlation_id=event.correlation_id,
                    no_confirm=True,
                )
                deliveries.append(delivery)
        finally:
            # Collects every outcome, also of sends left behind by a failure or a cancel
            # (the relay publishes those again); shielded, so a cancel never waits for acks.
            settled = asyncio.gather(*deliveries, return_exceptions=True)
        outcomes = await asyncio.shield(settled)
        failed = next((o for o in outcomes if isinstance(o, BaseException)), None)
        if failed is not None:
            raise failed
        for event in events:
            MESSAGES_PRODUCED.labels(event.topic).inc()
