"""The partnership service as the shared bootstrap runs it: what it is and how it is built."""

from datetime import UTC, datetime

from fastapi import FastAPI

from partnership.adapters.stores import open_stores
from partnership.config import PartnershipSettings
from partnership.entrypoints import routes
from partnership.entrypoints.consumer import learn_from
from partnership.service import PartnershipService
from umkm_shared.contracts.topics import Context
from umkm_shared.service import bootstrap
from umkm_shared.service.bootstrap import Runtime, ServiceDefinition, Subscription


async def assemble(runtime: Runtime[PartnershipSettings]) -> None:
    """Stores and indexes, one outbox relay per publishing store, the upstream consumer."""
    partners, partnerships, smes = await open_stores(runtime.db)
    for publishing in (partners.store, partnerships.store):
        publishing.notify = runtime.relay(publishing.collection).notify
    service = PartnershipService(
        partners, partnerships, smes, runtime.settings.topics, clock=lambda: datetime.now(UTC)
    )
    runtime.subscribe_with_dead_letters(learn_from(service))
    runtime.app.state.service = service


SERVICE = ServiceDefinition[PartnershipSettings](
    name="partnership",
    summary="Large-enterprise partners and their PP 7/2021 partnerships with UMKM: proposal, "
    "curation, agreement, product listings, monthly sales, and the regency's compliance view.",
    publishes=(Context.PARTNERSHIP,),
    routers=(routes.router,),
    assemble=assemble,
    subscription=Subscription(
        contexts=(Context.REGISTRATION, Context.MENTORING),
        title="partnership: SME facts",
        description="Learns each SME's region, licences, scale class and withdrawal for "
        "curation; a withdrawal ends the SME's open partnerships.",
    ),
)


def create_app(settings: PartnershipSettings) -> FastAPI:
    """The ASGI app; every client is built in its lifespan, none at import."""
    return bootstrap.create_app(SERVICE, settings)
