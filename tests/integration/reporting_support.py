"""Publishing the reporting tests' events to the real Kafka broker."""

from aiokafka import AIOKafkaProducer

from tests.infra import Infra
from tests.unit.reporting.journeys import Versioned
from umkm_shared.contracts.catalogue import event_key, make_event


async def publish(infra: Infra, namespace: str, events: list[Versioned]) -> None:
    """Publish the events as their contracts, keyed as the catalogue says (as the admin)."""
    producer = AIOKafkaProducer(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
    await producer.start()
    try:
        for context, data, version in events:
            await producer.send(
                f"{namespace}umkm-juara.{context.value}.v1",
                make_event(data, version).to_json_bytes(),
                key=event_key(data).encode(),
            )
        await producer.flush()
    finally:
        await producer.stop()
