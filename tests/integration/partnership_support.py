"""Helpers for the partnership integration tests: settings, upstream events, API steps."""

import contextlib
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer
from pydantic import BaseModel

from partnership.config import PartnershipSettings
from partnership.entrypoints.app import create_app
from tests import samples
from tests.apps import AppClient, running
from tests.infra import Infra
from tests.kafka_reader import read_all
from tests.polling import eventually
from tests.samples import new_sme_id
from umkm_shared.contracts.catalogue import event_key, make_event
from umkm_shared.contracts.envelope import CloudEvent
from umkm_shared.contracts.mentoring_progress import MilestoneAchieved
from umkm_shared.contracts.registration import (
    Licences,
    SMEProfileUpdated,
    SMERegistered,
    SMEWithdrawn,
)

TODAY = datetime.now(UTC).date()
START = TODAY.replace(day=1) - timedelta(days=62)
MONTHS = [(START + timedelta(days=31 * n)).strftime("%Y-%m") for n in range(2)]
OUTLETS = ["Indomaret Cikarang Baru", "Indomaret Tambun"]


def partnership_settings(infra: Infra, namespace: str) -> PartnershipSettings:
    """Partnership settings for one test; its consumer group is namespaced too."""
    return PartnershipSettings(
        kafka_bootstrap_servers=infra.bootstrap_servers,
        mongodb_url=infra.mongodb_url,
        topic_namespace=namespace,
        mongodb_database=f"{namespace}partnership",
        consumer_group=f"{namespace}partnership",
        profile="test",
        **infra.settings("partnership"),
        retry_delay_seconds=0.2,
    )


def registered(sme_id: str, kecamatan: str = "32.16.01") -> SMERegistered:
    """SMERegistered of a mikro business with a NIB."""
    return samples.registered(sme_id, kecamatan, nib="9120001234567")


def licensed(sme_id: str, halal: bool) -> SMEProfileUpdated:
    """The SME's complete current licences: NIB and PIRT, halal if told."""
    return SMEProfileUpdated(
        sme_id=sme_id,
        licences=Licences(
            nib="9120001234567",
            pirt="2063216010123-27",
            halal_certificate="ID32110000123450922" if halal else None,
        ),
    )


def halal_milestone(sme_id: str) -> MilestoneAchieved:
    """Mentoring recorded the halal certificate."""
    return MilestoneAchieved(
        cohort_id="cohort-2022b3c4d5e6",
        sme_id=sme_id,
        milestone="halal_certified",
        achieved_on=TODAY,
        evidence="doc://dinas-kukm-bekasi/sertifikat-halal-0042",
    )


def withdrawn(sme_id: str) -> SMEWithdrawn:
    """The SME left the programme."""
    return SMEWithdrawn(sme_id=sme_id, reason="Usaha tutup", withdrawn_at=datetime.now(UTC))


class Upstream:
    """Publishes registration and mentoring events as those services would."""

    def __init__(self, infra: Infra, namespace: str) -> None:
        self._producer = AIOKafkaProducer(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
        self._namespace = namespace
        self._versions: dict[str, int] = {}

    async def __aenter__(self) -> "Upstream":
        await self._producer.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self._producer.stop()

    async def publish(
        self, data: BaseModel, context: str = "registration"
    ) -> CloudEvent[BaseModel]:
        """The next event of its subject on the context's topic."""
        stream = f"{context}|{make_event(data, 1).subject}"
        version = self._versions[stream] = self._versions.get(stream, 0) + 1
        event = make_event(data, version)
        await self.send(context, event_key(data).encode(), event.to_json_bytes())
        return event

    async def send(self, context: str, key: bytes, value: bytes) -> None:
        """Send bytes (again): what an at-least-once producer does after a crash."""
        topic = f"{self._namespace}umkm-juara.{context}.v1"
        await self._producer.send_and_wait(topic, value, key=key)


async def known(client: httpx.AsyncClient, sme_id: str, **expected: Any) -> dict[str, Any]:
    """The SME facts, once the consumer has learned what `expected` says."""

    async def probe() -> dict[str, Any] | None:
        resp = await client.get(f"/smes/{sme_id}")
        if resp.status_code != 200:
            return None
        facts: dict[str, Any] = resp.json()
        return facts if all(facts.get(k) == v for k, v in expected.items()) else None

    return await eventually(probe)


@contextlib.asynccontextmanager
async def serving(infra: Infra, namespace: str) -> AsyncIterator[tuple[AppClient, Upstream]]:
    """The partnership app (as the provincial admin) and the upstream services' publisher."""
    async with (
        running(create_app(partnership_settings(infra, namespace))) as client,
        Upstream(infra, namespace) as upstream,
    ):
        yield client, upstream


async def licensed_sme(client: httpx.AsyncClient, upstream: Upstream, halal: bool = True) -> str:
    """A new SME, registered and licensed upstream, once the service has learned its licences."""
    sme = new_sme_id()
    await upstream.publish(registered(sme))
    await upstream.publish(licensed(sme, halal=halal))
    await known(client, sme, licences=sorted(["nib", "pirt", *(["halal"] if halal else [])]))
    return sme


async def register_partner(
    client: httpx.AsyncClient, name: str = "Indomaret", **changes: str
) -> str:
    """A modern retailer of Kabupaten Bekasi (unless `changes` say otherwise)."""
    body: dict[str, Any] = {
        "name": name,
        "company_type": "usaha_besar",
        "sector": "ritel_modern",
        "nib": f"{uuid.uuid4().int % 10**13:013d}",
        "kabupaten_code": "32.16",
        "kecamatan_code": "32.16.05",
        "contact_person": {"name": "Budi Santoso", "phone": "+6281298765432"},
        **changes,
    }
    resp = await client.post("/partners", json=body)
    assert resp.status_code == 201, resp.text
    return str(resp.json()["partner_id"])


async def propose(client: httpx.AsyncClient, partner_id: str, sme_id: str) -> str:
    """A perdagangan-umum proposal; its id."""
    body = {
        "sme_id": sme_id,
        "pattern": "perdagangan_umum",
        "products": ["Keripik Tempe 100 g"],
        "outlets": OUTLETS,
    }
    resp = await client.post(f"/partners/{partner_id}/partnerships", json=body)
    assert resp.status_code == 201, resp.text
    return str(resp.json()["partnership_id"])


AGREEMENT = {
    "agreement_number": "PKS/IDM-UMKM/032/VIII/2022",
    "start_date": START.isoformat(),
    "end_date": (START + timedelta(days=365)).isoformat(),
    "outlets": OUTLETS,
    "payment_terms_days": 14,
    "no_ownership_or_control": True,
}
PRODUCT = {
    "sku": "IDM-000123",
    "name": "Keripik Tempe 100 g",
    "unit_price": 12500,
    "outlets": OUTLETS,
}
PASSING = {"standard_packaging": True, "steady_supply": True}


async def partnership_events(infra: Infra, namespace: str, quiet_ms: int = 1500) -> list[Any]:
    """Every envelope on the partnership topic, with its key."""
    records = await read_all(infra, f"{namespace}umkm-juara.partnership.v1", quiet_ms)
    return [{**json.loads(r.value), "key": (r.key or b"").decode()} for r in records]


async def published(infra: Infra, namespace: str, name: str, count: int) -> list[Any]:
    """The partnership events of one name, once at least `count` were relayed."""

    async def enough() -> list[Any] | None:
        events = [
            e
            for e in await partnership_events(infra, namespace, 500)
            if e["type"].split(".")[2] == name
        ]
        return events if len(events) >= count else None

    return await eventually(enough)


def name_of(event: dict[str, Any]) -> str:
    """The event's name, e.g. PartnershipEnded."""
    return str(event["type"].split(".")[2])
