"""Start-up and shut-down: Mongo, topics, the idempotent producer and the outbox relay."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime

from fastapi import FastAPI

from registration.adapters.nik_vault import NikVault
from registration.adapters.repository import SmeRepository
from registration.config import RegistrationSettings
from registration.service import RegistrationService
from umkm_shared.contracts.topics import Context
from umkm_shared.messaging.broker import make_broker
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher
from umkm_shared.messaging.outbox import OutboxRelay
from umkm_shared.messaging.topics_admin import ensure_topics
from umkm_shared.mongo import connect


def build_lifespan(
    settings: RegistrationSettings,
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """A lifespan bound to `settings`."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await ensure_topics(
            settings.kafka_bootstrap_servers,
            settings.topic_specs(settings.topics.events(Context.REGISTRATION)),
        )
        client = connect(settings.mongodb_url)
        broker = make_broker(settings, client_id="registration")
        await broker.start()
        repository = SmeRepository(
            client.get_database(settings.mongodb_database)["smes"],
            NikVault(settings.nik_encryption_key.get_secret_value()),
        )
        await repository.ensure_indexes()
        app.state.service = RegistrationService(
            repository=repository,
            topics=settings.topics,
            pseudonym_key=settings.nik_pseudonym_key.get_secret_value().encode(),
            clock=lambda: datetime.now(UTC),
        )
        relay = OutboxRelay(repository.collection, KafkaEventPublisher(broker))
        stop = asyncio.Event()
        relay_task = asyncio.create_task(relay.run(stop), name="outbox-relay")
        try:
            yield
        finally:
            stop.set()
            await relay_task
            await broker.stop()
            await client.close()

    return lifespan
