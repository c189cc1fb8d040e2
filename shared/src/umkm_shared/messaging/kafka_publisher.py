"""The Kafka side of the outbox: publish through the broker's idempotent producer."""

from faststream.kafka import KafkaBroker

from umkm_shared.contracts.envelope import CLOUDEVENTS_CONTENT_TYPE


class KafkaEventPublisher:
    """Publishes structured-mode CloudEvents, keyed by the SME (or aggregate) id."""

    def __init__(self, broker: KafkaBroker) -> None:
        self._broker = broker

    async def publish(
        self, topic: str, key: str, payload: bytes, correlation_id: str | None = None
    ) -> None:
        """Publish and wait for the broker's acknowledgement (acks=all).

        The `correlation_id` header carries the envelope's `correlationid`, so both agree.
        """
        await self._broker.publish(
            payload,
            topic=topic,
            key=key.encode(),
            headers={"content-type": CLOUDEVENTS_CONTENT_TYPE},
            correlation_id=correlation_id,
        )
