"""The mentoring service as the shared bootstrap runs it: definition, assembly, ASGI app."""

from collections.abc import Callable
from datetime import UTC, datetime

from fastapi import FastAPI

from mentoring.adapters.repair import keep_repairing, repair_moves
from mentoring.adapters.sme_writer import MenteeWriter
from mentoring.adapters.stores import Stores, open_stores
from mentoring.config import MentoringSettings
from mentoring.entrypoints import progress_routes, routes
from mentoring.entrypoints.consumer import DESCRIPTION, TITLE, apply_batch
from mentoring.service import MentoringService
from umkm_shared.contracts.topics import Context
from umkm_shared.service import bootstrap
from umkm_shared.service.bootstrap import Runtime, ServiceDefinition, Subscription


def utc_now() -> datetime:
    """The service's clock."""
    return datetime.now(UTC)


def build_service(
    stores: Stores, settings: MentoringSettings, clock: Callable[[], datetime] = utc_now
) -> MentoringService:
    """The application service over `stores`."""
    writer = MenteeWriter(
        mentees=stores.mentees,
        loads=stores.loads,
        summaries=stores.summaries,
        topics=settings.topics,
        hard_cap=settings.mentor_hard_cap,
        clock=clock,
        cohorts=stores.cohorts,
    )
    return MentoringService(
        writer=writer,
        cohorts=stores.cohorts,
        mentors=stores.mentors,
        topics=settings.topics,
        rules=settings.rules(),
        clock=clock,
    )


async def assemble(runtime: Runtime[MentoringSettings]) -> None:
    """Stores, the service, its relays, the repair loop and the upstream consumer."""
    stores = await open_stores(runtime.db)
    runtime.app.state.service = service = build_service(stores, runtime.settings)
    await repair_moves(service.writer)  # what a process that died left undone
    for store in stores.with_outbox:
        relay = runtime.relay(store.collection)
        store.notify = relay.notify
    runtime.background("repair", lambda stop: keep_repairing(service.writer, stop))
    runtime.subscribe_with_dead_letters(apply_batch(service))


SERVICE = ServiceDefinition[MentoringSettings](
    name="mentoring",
    summary=(
        "Cohorts, mentors, session logs, milestones and graduation; "
        "also publishes the Bank Jabar mentoring feed."
    ),
    publishes=(Context.MENTORING, Context.BANK_FEED),
    routers=(routes.router, progress_routes.router),
    assemble=assemble,
    subscription=Subscription(
        contexts=(Context.REGISTRATION, Context.PARTNERSHIP),
        title=TITLE,
        description=DESCRIPTION,
    ),
)


def create_app(settings: MentoringSettings) -> FastAPI:
    """The ASGI app; clients are built in its lifespan, not at import."""
    return bootstrap.create_app(SERVICE, settings)
