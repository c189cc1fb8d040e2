"""Start-up and shut-down: topics, Mongo, the idempotent producer, consumer and outbox relays."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime

from fastapi import FastAPI
from pymongo.asynchronous.database import AsyncDatabase

from mentoring.adapters.loads import MentorLoads
from mentoring.adapters.mentees import PENDING_MOVES, MenteeStore
from mentoring.adapters.repository import CohortStore, MentorStore
from mentoring.adapters.summaries import CohortSummaries
from mentoring.config import MentoringSettings
from mentoring.domain.cohort import Cohort, Mentor
from mentoring.domain.mentee import Mentee
from mentoring.entrypoints.consumer import consumed_topics, upstream_consumer
from mentoring.repair import keep_repairing, repair_moves
from mentoring.service import MentoringService
from mentoring.writer import MenteeWriter
from umkm_shared.contracts.topics import Context
from umkm_shared.messaging.broker import make_broker
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher
from umkm_shared.messaging.outbox import OutboxRelay, ensure_pending_index
from umkm_shared.messaging.topics_admin import ensure_topics
from umkm_shared.mongo import Document, connect


async def build_service(
    db: AsyncDatabase[Document], settings: MentoringSettings
) -> MentoringService:
    """The service over `db`, with its indexes (MongoDB uses them; requests read by `_id`)."""
    clock = lambda: datetime.now(UTC)  # noqa: E731 - one expression, named for reading
    writer = MenteeWriter(
        mentees=MenteeStore(db["smes"], Mentee),
        loads=MentorLoads(db["mentor_loads"]),
        summaries=CohortSummaries(db["cohort_summaries"]),
        topics=settings.topics,
        hard_cap=settings.mentor_hard_cap,
        clock=clock,
    )
    service = MentoringService(
        writer=writer,
        cohorts=CohortStore(db["cohorts"], Cohort),
        mentors=MentorStore(db["mentors"], Mentor),
        topics=settings.topics,
        rules=settings.rules(),
        clock=clock,
    )
    for store in (writer.mentees, service.cohorts, service.mentors):
        await ensure_pending_index(store.collection)
    await writer.mentees.ensure_indexes(PENDING_MOVES)
    await writer.loads.ensure_indexes()
    return service


def build_lifespan(
    settings: MentoringSettings,
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """A lifespan bound to `settings`."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        topics = settings.topics
        await ensure_topics(
            settings.kafka_bootstrap_servers,
            settings.topic_specs(
                topics.events(Context.MENTORING),
                topics.events(Context.BANK_FEED),
                *consumed_topics(settings),
                topics.dead_letter(settings.consumer_group),
            ),
        )
        client = connect(settings.mongodb_url)
        app.state.service = service = await build_service(
            client.get_database(settings.mongodb_database), settings
        )
        await repair_moves(service.writer)
        broker = make_broker(settings, client_id="mentoring")
        await broker.start()
        publisher = KafkaEventPublisher(broker)
        stop = asyncio.Event()
        tasks = []
        for store in (service.writer.mentees, service.cohorts, service.mentors):
            relay = OutboxRelay(store.collection, publisher)
            store.notify = relay.notify
            name = f"outbox-relay-{store.collection.name}"
            tasks.append(asyncio.create_task(relay.run(stop), name=name))
        tasks.append(asyncio.create_task(keep_repairing(service.writer, stop), name="repair"))
        consumer = upstream_consumer(settings, service, publisher)
        await consumer.start()
        try:
            yield
        finally:
            await consumer.stop()
            stop.set()
            await asyncio.gather(*tasks)
            await broker.stop()
            await client.close()

    return lifespan
