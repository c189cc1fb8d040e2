"""Start-up and shut-down: topics, Mongo, the idempotent producer, consumer and outbox relays."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime

from fastapi import FastAPI

from mentoring.adapters.repository import CohortStore, MenteeStore, MentorStore
from mentoring.config import MentoringSettings
from mentoring.domain.cohort import Cohort, Mentor
from mentoring.domain.mentee import Mentee
from mentoring.entrypoints.consumer import SERVICE, consumed_topics, subscribe
from mentoring.service import MentoringService
from umkm_shared.contracts.topics import Context
from umkm_shared.messaging.broker import make_broker
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher
from umkm_shared.messaging.keyed_lock import KeyedLocks
from umkm_shared.messaging.outbox import OutboxRelay
from umkm_shared.messaging.topics_admin import ensure_topics
from umkm_shared.mongo import connect


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
        db = client.get_database(settings.mongodb_database)
        locks = KeyedLocks()
        mentees = MenteeStore(db["smes"], Mentee, locks)
        cohorts = CohortStore(db["cohorts"], Cohort, locks)
        mentors = MentorStore(db["mentors"], Mentor, locks)
        await mentees.ensure_indexes("cohort_ids", "mentor_of", "graduated_in")
        await cohorts.ensure_indexes()
        await mentors.ensure_indexes()
        app.state.service = service = MentoringService(
            mentees=mentees,
            cohorts=cohorts,
            mentors=mentors,
            topics=topics,
            rules=settings.rules(),
            clock=lambda: datetime.now(UTC),
        )
        broker = make_broker(settings, client_id="mentoring")
        subscribe(broker, settings)
        broker.context.set_global(SERVICE, service)
        await broker.start()
        publisher = KafkaEventPublisher(broker)
        stop = asyncio.Event()
        relays = [
            asyncio.create_task(
                OutboxRelay(store.collection, publisher, locks=locks).run(stop),
                name=f"outbox-relay-{store.collection.name}",
            )
            for store in (mentees, cohorts, mentors)
        ]
        try:
            yield
        finally:
            stop.set()
            await asyncio.gather(*relays)
            await broker.stop()
            await client.close()

    return lifespan
