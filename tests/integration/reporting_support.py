"""Publishing the reporting tests' events to the real Kafka broker, and the app projecting them."""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import date

from aiokafka import AIOKafkaProducer

from reporting.entrypoints.app import create_app as reporting_app
from tests.apps import AppClient, running
from tests.infra import Infra
from tests.integration.settings import reporting_settings
from tests.polling import eventually
from tests.unit.reporting.journeys import Versioned
from umkm_shared.contracts.catalogue import event_key, make_event
from umkm_shared.contracts.mentoring import CohortOpened
from umkm_shared.contracts.topics import Context


async def publish(infra: Infra, namespace: str, events: list[Versioned]) -> None:
    """Publish the events as their contracts, keyed as the catalogue says (as the admin)."""
    producer = AIOKafkaProducer(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
    await producer.start()
    try:
        for context, data, version in events:
            await producer.send(
                f"{namespace}umkm-juara.{context.value}.v1",
                make_event(data, version).to_json_bytes(),
                key=event_key(data).encode(),
            )
        await producer.flush()
    finally:
        await producer.stop()


@asynccontextmanager
async def projected(
    infra: Infra, events: list[Versioned], ready: Callable[[AppClient], Awaitable[bool | None]]
) -> AsyncIterator[AppClient]:
    """The reporting app in a namespace of its own once `ready` says the events are projected;
    no token unless a request brings one."""
    namespace = f"t{uuid.uuid4().hex[:10]}-"
    await infra.grant(namespace)
    async with running(reporting_app(reporting_settings(infra, namespace)), user=None) as client:
        await publish(infra, namespace, events)
        await eventually(lambda: ready(client), within=90)
        await eventually(lambda: caught_up(client), within=90)
        yield client


async def caught_up(client: AppClient) -> bool | None:
    """True once every published event is committed, so projected (for `eventually`).

    A readiness check names some figures only; an event it does not count (a month's sales
    after its agreement, on the same partition) may still be a batch behind.
    """
    lags = (await client.get("/lag", headers=await client.as_user("admin.provinsi"))).json()
    return True if lags and all(p["lag"] == 0 for p in lags) else None


def bandung_opened(cohort_id: str) -> Versioned:
    """Kabupaten Bandung's 2022 cohort opening (another kabupaten than the journeys' Bekasi)."""
    opened = CohortOpened(
        cohort_id=cohort_id,
        name="UMKM Juara 2022 Kabupaten Bandung",
        kabupaten_code="32.04",
        start_date=date(2022, 6, 20),
        end_date=date(2022, 10, 20),
        target_graduates=40,
        mentor_norm=20,
    )
    return (Context.MENTORING, opened, 1)
