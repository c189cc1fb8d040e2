"""The registration service as the shared bootstrap runs it: what it is and how it is built."""

from datetime import UTC, datetime

from fastapi import FastAPI
from pymongo.asynchronous.database import AsyncDatabase

from registration.adapters.cohorts import CohortMemberships
from registration.adapters.importing.store import ImportStore
from registration.adapters.nik_vault import NikVault
from registration.adapters.regions import LokalReference
from registration.adapters.repository import SmeRepository
from registration.config import RegistrationSettings
from registration.entrypoints import import_routes, routes
from registration.entrypoints.consumer import record_enrollments
from registration.service import ImportJobs, RegistrationService
from umkm_shared.contracts.topics import Context
from umkm_shared.mongo import Document
from umkm_shared.service import bootstrap
from umkm_shared.service.bootstrap import Runtime, ServiceDefinition, Subscription


async def build_service(
    settings: RegistrationSettings, db: AsyncDatabase[Document]
) -> RegistrationService:
    """The service over the SME collection, its indexes ensured (the API and the CLI)."""
    repository = SmeRepository(db["smes"], NikVault(settings.nik_encryption_key.get_secret_value()))
    await repository.ensure_indexes()
    return RegistrationService(
        repository=repository,
        reference=LokalReference(),
        topics=settings.topics,
        pseudonym_key=settings.nik_pseudonym_key.get_secret_value().encode(),
        clock=lambda: datetime.now(UTC),
    )


async def assemble(runtime: Runtime[RegistrationSettings]) -> None:
    """Service, stores and indexes, the outbox relay, the cohort-membership consumer."""
    db = runtime.db
    service = await build_service(runtime.settings, db)
    service.repository.on_events = runtime.relay(service.repository.collection).notify
    memberships = CohortMemberships(db["cohort_memberships"])
    await memberships.ensure_indexes()
    imports = ImportStore(db["imports"])
    await imports.ensure_indexes()
    runtime.subscribe_with_dead_letters(record_enrollments(memberships))
    runtime.app.state.service = service
    runtime.app.state.memberships = memberships
    jobs = ImportJobs(service, imports, runtime.spawn)
    runtime.background("abandoned-imports", jobs.fail_abandoned)
    runtime.app.state.imports = jobs


SERVICE = ServiceDefinition[RegistrationSettings](
    name="registration",
    summary="Registers UMKM and publishes the registration context's events. "
    "The NIK is stored encrypted and never leaves this service.",
    publishes=(Context.REGISTRATION,),
    routers=(routes.router, import_routes.router),
    assemble=assemble,
    subscription=Subscription(
        contexts=(Context.MENTORING,),
        title="registration: cohort membership",
        description="Keeps which SMEs are in which cohort, for search.",
    ),
)


def create_app(settings: RegistrationSettings) -> FastAPI:
    """The ASGI app; every client is built in its lifespan, none at import."""
    return bootstrap.create_app(SERVICE, settings)
