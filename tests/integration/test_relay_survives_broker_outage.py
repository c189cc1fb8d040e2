"""The outbox relay rides out a real broker outage and drains once Kafka is back.

This test stops and restarts a broker of its own (same ports, same log directory), so the
session's shared broker is left alone.
"""

import asyncio
import contextlib
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from faststream.kafka import KafkaBroker
from pymongo import AsyncMongoClient

from devstack.kafka import MECHANISM, KafkaPorts, start_kafka
from devstack.ports import free_port
from devstack.readiness import kafka_probe, wait_until
from tests.infra import Infra
from tests.kafka_reader import read_all
from tests.polling import eventually
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher
from umkm_shared.messaging.kafka_security import KafkaSecurity
from umkm_shared.messaging.outbox import BatchPublisher, OutboxRelay, OutgoingEvent
from umkm_shared.messaging.topics_admin import TopicSpec, ensure_topics


class AttemptCounter:
    """Counts the relay's attempts to publish, so the test can wait for one instead of sleeping."""

    def __init__(self, inner: BatchPublisher) -> None:
        self._inner = inner
        self.attempts = 0

    async def publish_all(self, events: Sequence[OutgoingEvent]) -> None:
        self.attempts += 1
        await self._inner.publish_all(events)


async def test_events_written_while_kafka_is_down_are_published_when_it_returns(
    infra: Infra, namespace: str, tmp_path: Path
) -> None:
    ports = KafkaPorts(free_port(), free_port())
    bootstrap = f"127.0.0.1:{ports.broker}"
    kafka, passwords = start_kafka(tmp_path, ports)
    admin = KafkaSecurity("SASL_PLAINTEXT", MECHANISM, "admin", passwords["admin"])
    await wait_until("Kafka", kafka_probe(bootstrap, admin), kafka)
    await ensure_topics(bootstrap, [TopicSpec("relay-outage", 1)], admin)
    broker = KafkaBroker(
        bootstrap,
        security=admin.faststream(),
        enable_idempotence=True,
        acks="all",
        request_timeout_ms=3000,
    )
    await broker.start()
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(infra.mongodb_url)
    col = client[f"{namespace}outage"]["aggregates"]
    publisher = AttemptCounter(KafkaEventPublisher(broker))
    relay = OutboxRelay(col, publisher, poll_interval=0.1, max_backoff=1.0)
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    try:
        kafka.stop()  # the broker goes away while the service keeps accepting writes
        entry = {
            "event_id": str(uuid.uuid4()),
            "topic": "relay-outage",
            "key": "sme-1",
            "payload": '{"written": "during the outage"}',
        }
        await col.insert_one({"_id": "sme-1", "outbox": [entry]})

        async def tried() -> bool | None:
            return True if publisher.attempts else None

        await eventually(tried, within=60)  # the relay has the event but no broker to take it
        during = await col.find_one({"_id": "sme-1"})

        kafka, _ = start_kafka(tmp_path, ports)  # back, same ports and log directory
        await wait_until("Kafka", kafka_probe(bootstrap, admin), kafka)

        async def drained() -> bool | None:
            doc = await col.find_one({"_id": "sme-1"})
            return True if doc is not None and doc["outbox"] == [] else None

        await eventually(drained, within=60)
        records = await read_all(bootstrap, "relay-outage", security=admin)
    finally:
        stop.set()
        with contextlib.suppress(Exception):
            await task
        await broker.stop()
        await client.close()
        kafka.stop()

    assert during is not None
    assert len(during["outbox"]) == 1
    assert [r.value for r in records] == [b'{"written": "during the outage"}']
