"""Start-up and shut-down: topics, Mongo, the idempotent producer, consumer and outbox relay."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import FastAPI

from registration.adapters.cohorts import CohortMemberships
from registration.bootstrap import build_service, smes
from registration.config import RegistrationSettings
from registration.entrypoints.consumer import consumed_topics, membership_consumer
from registration.importing.store import ImportStore
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
        topics = settings.topics
        await ensure_topics(
            settings.kafka_bootstrap_servers,
            settings.topic_specs(
                topics.events(Context.REGISTRATION),
                *consumed_topics(settings),
                topics.dead_letter(settings.consumer_group),
            ),
        )
        client = connect(settings.mongodb_url)
        db = client.get_database(settings.mongodb_database)
        broker = make_broker(settings, client_id="registration")
        relay = OutboxRelay(smes(settings, client), KafkaEventPublisher(broker))
        app.state.service = await build_service(settings, client, on_events=relay.notify)
        app.state.memberships = memberships = CohortMemberships(db["cohort_memberships"])
        await memberships.ensure_indexes()
        await ImportStore(db["imports"]).ensure_indexes()
        await broker.start()
        stop = asyncio.Event()
        relay_task = asyncio.create_task(relay.run(stop), name="outbox-relay")
        consumer = membership_consumer(settings, memberships, KafkaEventPublisher(broker))
        await consumer.start()
        try:
            yield
        finally:
            await consumer.stop()
            stop.set()
            await relay_task
            await broker.stop()
            await client.close()

    return lifespan
