"""The Kafka side of the outbox: publish through the broker's idempotent producer."""

from faststream.kafka import KafkaBroker

from umkm_shared.contracts.envelope import CLOUDEVENTS_CONTENT_TYPE


class KafkaEventPublisher:
    """Publishes structured-mode CloudEvents, keyed by the SME (or aggregate) id."""

    def __init__(self, broker: KafkaBroker) -> None:
        self._broker = broker

    async def publish(self, topic: str, key: str, payload: bytes) -> None:
        """Publish and wait for the broker's acknowledgement (acks=all)."""
        await self._broker.publish(
            payload,
            topic=topic,
            key=key.encode(),
            headers={"content-type": CLOUDEVENTS_CONTENT_TYPE},
        )
