"""The reporting service: FastAPI app whose lifespan runs the projections and the lag probe."""

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from reporting import api_exports, api_ops, api_reports, api_smes, dashboard
from reporting.config import ReportingSettings
from reporting.consumer import consumed_topics, projection_consumer
from reporting.generations import LiveGeneration
from reporting.indexes import ensure_indexes
from reporting.lag import LagProbe
from reporting.mongo_store import MongoStore
from reporting.projector import Projector
from reporting.queries.source import ReadModels
from umkm_shared.messaging.broker import make_broker
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher
from umkm_shared.messaging.topics_admin import ensure_topics
from umkm_shared.mongo import connect


def create_app(settings: ReportingSettings) -> FastAPI:
    """The ASGI app; the consumer runs inside the same process, started in the lifespan."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        topics = consumed_topics(settings)
        # Its own dead-letter topic, and the topics it reads in case it starts first.
        await ensure_topics(
            settings.kafka_bootstrap_servers,
            settings.topic_specs(*topics, settings.topics.dead_letter(settings.consumer_group)),
        )
        client = connect(settings.mongodb_url)
        db = client.get_database(settings.mongodb_database)
        live = LiveGeneration(db, settings.generation_refresh_seconds)
        await ensure_indexes(db, await live.current())
        projector = Projector(MongoStore(db, live.current))
        lag = LagProbe(settings.kafka_bootstrap_servers, settings.consumer_group, topics)
        app.state.settings = settings
        app.state.models = ReadModels(db, live)
        app.state.projector = projector
        app.state.lag = lag
        broker = make_broker(settings, client_id="reporting")  # publishes the dead letters
        consumer = projection_consumer(settings, projector, KafkaEventPublisher(broker))
        await lag.start()
        await broker.start()
        # What start-up built lives as long as the process: keep it out of the collector's
        # full passes, which otherwise took a fifth of a projection backlog's time.
        gc.collect()
        gc.freeze()
        await consumer.start()
        try:
            yield
        finally:
            await consumer.stop()
            await broker.stop()
            await lag.stop()
            await client.close()

    app = FastAPI(title="UMKM Juara: reporting", version="0.2.0", lifespan=lifespan)
    for module in (api_ops, api_smes, api_reports, api_exports, dashboard):
        app.include_router(module.router)
    return app
