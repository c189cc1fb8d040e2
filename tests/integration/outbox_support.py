"""The outbox relay's test set-up: a topic, a started broker and a collection with its index."""

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from faststream.kafka import KafkaBroker
from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection

from tests.infra import Infra
from tests.kafka_reader import read_all
from umkm_shared.messaging.outbox import PENDING, OutboxRelay, ensure_pending_index
from umkm_shared.messaging.topics_admin import TopicSpec, ensure_topics

Collection = AsyncCollection[dict[str, Any]]


def entry(topic: str, n: int, key: str = "sme-000000000001") -> dict[str, str]:
    """One stored outbox entry whose payload is `{"n": n}`."""
    return {"event_id": str(uuid.uuid4()), "topic": topic, "key": key, "payload": f'{{"n": {n}}}'}


@dataclass
class Setup:
    """A topic, a started broker and a fresh collection with the relay's index."""

    topic: str
    broker: KafkaBroker
    col: Collection

    async def drained(self) -> bool | None:
        """True once nothing is pending (for `eventually`)."""
        return True if await self.col.count_documents(PENDING) == 0 else None


@contextlib.asynccontextmanager
async def setup(infra: Infra, namespace: str, partitions: int = 1) -> AsyncIterator[Setup]:
    """The test's topic, broker and collection; everything closed afterwards."""
    topic = f"{namespace}relay"
    admin = infra.principal("admin")
    await ensure_topics(infra.bootstrap_servers, [TopicSpec(topic, partitions)], admin)
    broker = KafkaBroker(
        infra.bootstrap_servers, security=admin.faststream(), enable_idempotence=True, acks="all"
    )
    await broker.start()
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(infra.mongodb_url)
    col = client[f"{namespace}relay"]["aggregates"]
    await ensure_pending_index(col)
    try:
        yield Setup(topic, broker, col)
    finally:
        await broker.stop()
        await client.close()


@contextlib.asynccontextmanager
async def running(*relays: OutboxRelay) -> AsyncIterator[None]:
    """The relays' run loops for the block's duration, stopped and awaited afterwards."""
    stop = asyncio.Event()
    tasks = [asyncio.create_task(relay.run(stop)) for relay in relays]
    try:
        yield
    finally:
        stop.set()
        await asyncio.gather(*tasks)


async def published(infra: Infra, topic: str) -> list[bytes]:
    """Every message value on the topic."""
    return [r.value for r in await read_all(infra, topic)]
