"""The reporting service as the shared bootstrap runs it: its routes and its assembly."""

import gc

from fastapi import FastAPI

from reporting.adapters.generations import LiveGeneration
from reporting.adapters.indexes import ensure_indexes
from reporting.adapters.lag import LagProbe
from reporting.adapters.mongo_store import LiveProjection
from reporting.adapters.queries.source import ReadModels
from reporting.config import ReportingSettings
from reporting.entrypoints import (
    compliance,
    dashboard,
    exports,
    labels,
    ops,
    record_exports,
    reports,
    smes,
    targets,
)
from umkm_shared.contracts.topics import Context
from umkm_shared.service import bootstrap
from umkm_shared.service.bootstrap import Runtime, ServiceDefinition, Subscription


async def assemble(runtime: Runtime[ReportingSettings]) -> None:
    """Read models of the live generation, the projector fed by the consumer, the lag probe.

    One writer per SME document: every topic is keyed by SME id with the same partition
    count, and the range assignor gives partition p of all topics to one member.
    """
    settings, db = runtime.settings, runtime.db
    live = LiveGeneration(db, settings.generation_refresh_seconds)
    await ensure_indexes(db, await live.current())
    lag = LagProbe(
        settings.kafka_bootstrap_servers,
        settings.consumer_group,
        SERVICE.consumed_topics(settings),
        settings.kafka_security,
    )
    await lag.start()
    runtime.on_stop(lag.stop)
    runtime.app.state.models = ReadModels(db, live)
    runtime.app.state.lag = lag
    runtime.subscribe_with_dead_letters(LiveProjection(db).apply_batch)
    # What start-up built lives as long as the process: keep it out of the collector's
    # full passes, which otherwise took a fifth of a projection backlog's time.
    gc.collect()
    gc.freeze()


SERVICE: ServiceDefinition[ReportingSettings] = ServiceDefinition(
    name="reporting",
    summary="Consumes every event topic and projects it into MongoDB read models.",
    publishes=(),
    routers=[
        ops.router,
        smes.router,
        reports.router,
        compliance.router,
        record_exports.router,  # before exports: /exports/lag.{fmt} is not a level's table
        exports.router,
        dashboard.router,
        targets.router,
        labels.router,
    ],
    assemble=assemble,
    subscription=Subscription(
        # Every event topic except the Bank Jabar feed (a pseudonymised copy of mentoring).
        contexts=(Context.REGISTRATION, Context.MENTORING, Context.PARTNERSHIP),
        title="reporting projections",
        description="Projects every event into the read models.",
    ),
)


def create_app(settings: ReportingSettings) -> FastAPI:
    """The ASGI app; the projections run in the same process, started by its lifespan."""
    return bootstrap.create_app(SERVICE, settings)
