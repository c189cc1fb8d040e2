"""Helpers for the mentoring integration tests: settings, upstream events, API shortcuts."""

import contextlib
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer
from pydantic import BaseModel

from mentoring.adapters.stores import open_stores
from mentoring.adapters.upstream import upstream_decision
from mentoring.config import MentoringSettings
from mentoring.domain.commands import OpenCohort, RegisterMentor
from mentoring.entrypoints.app import build_service
from mentoring.service import MentoringService
from tests.infra import Infra
from tests.kafka_reader import read_all
from tests.polling import eventually
from tests.samples import new_sme_id, registered
from umkm_shared.auth import Caller
from umkm_shared.contracts.catalogue import event_key, make_event
from umkm_shared.contracts.envelope import CloudEvent, RawCloudEvent
from umkm_shared.contracts.partnership import PartnershipEstablished
from umkm_shared.contracts.registration import (
    SMEConsentChanged,
    SMEScaleChanged,
    SMEWithdrawn,
)
from umkm_shared.messaging.consumer import typed_data
from umkm_shared.messaging.dead_letters import decode_envelope
from umkm_shared.mongo import connect

ADMIN = Caller(subject="admin", roles=frozenset({"admin_provinsi"}), kabupaten_code="32")
"""A provincial administrator, for tests that call the service directly."""
TODAY = datetime.now(UTC).date()
START, END = TODAY - timedelta(days=90), TODAY + timedelta(days=30)


def mentoring_settings(infra: Infra, namespace: str, **overrides: Any) -> MentoringSettings:
    """Mentoring settings for one test; its consumer group is namespaced too."""
    return MentoringSettings(
        kafka_bootstrap_servers=infra.bootstrap_servers,
        mongodb_url=infra.mongodb_url,
        topic_namespace=namespace,
        mongodb_database=f"{namespace}mentoring",
        consumer_group=f"{namespace}mentoring",
        profile="test",
        **(infra.settings("mentoring") | overrides),
    )


def scale_up(sme_id: str) -> SMEScaleChanged:
    return SMEScaleChanged(
        sme_id=sme_id,
        from_class="mikro",
        to_class="kecil",
        business_capital=1_500_000_000,
        annual_sales=2_600_000_000,
        figures_as_of=TODAY - timedelta(days=5),
        rule_version="PP7-2021.v1",
    )


def consent(sme_id: str, granted: bool) -> SMEConsentChanged:
    return SMEConsentChanged(
        sme_id=sme_id,
        purpose="bank_jabar_mentoring_feed",
        granted=granted,
        legal_basis="persetujuan (UU 27/2022 Pasal 20 ayat 2 huruf a)",
        changed_at=datetime.now(UTC),
    )


def withdrawn(sme_id: str) -> SMEWithdrawn:
    return SMEWithdrawn(sme_id=sme_id, reason="Usaha tutup", withdrawn_at=datetime.now(UTC))


def partnership(sme_id: str) -> PartnershipEstablished:
    return PartnershipEstablished(
        partnership_id=f"partnership-{uuid.uuid4().hex[:12]}",
        partner_id="partner-9d4e2f1a0c37",
        sme_id=sme_id,
        pattern="perdagangan_umum",
        agreement_number="PKS/IDM-UMKM/032/VIII/2022",
        start_date=TODAY - timedelta(days=10),
        payment_terms_days=14,
    )


class Upstream:
    """Publishes registration/partnership events as those services would (versions per subject)."""

    def __init__(self, infra: Infra, namespace: str) -> None:
        self._producer = AIOKafkaProducer(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
        self._namespace = namespace
        self._versions: dict[str, int] = {}
        self.sent: list[tuple[str, bytes, bytes]] = []

    async def __aenter__(self) -> "Upstream":
        await self._producer.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self._producer.stop()

    async def publish(
        self, data: BaseModel, context: str = "registration"
    ) -> CloudEvent[BaseModel]:
        probe = make_event(data, 1)
        version = self._versions[probe.subject] = self._versions.get(probe.subject, 0) + 1
        event = make_event(data, version)
        topic = f"{self._namespace}umkm-juara.{context}.v1"
        await self.redeliver(topic, event_key(data).encode(), event.to_json_bytes())
        return event

    async def redeliver(self, topic: str, key: bytes, value: bytes) -> None:
        """Send bytes (again): what an at-least-once producer does after a crash."""
        self.sent.append((topic, key, value))
        await self._producer.send_and_wait(topic, value, key=key)


async def open_cohort(client: httpx.AsyncClient, norm: int = 27, **extra: Any) -> str:
    body = {
        "name": "UMKM Juara Kabupaten Bekasi",
        "kabupaten_code": "32.16",
        "start_date": START.isoformat(),
        "end_date": END.isoformat(),
        "target_graduates": 100,
        "mentor_norm": norm,
        **extra,
    }
    resp = await client.post("/cohorts", json=body)
    assert resp.status_code == 201, resp.text
    return str(resp.json()["cohort_id"])


DEMO_MENTOR = "mentor-00000000b001"
"""The `mentor_id` claim of the dev realm's mentor.bekasi."""
DEMO_COORDINATOR = "coordinator-00000000c001"
"""The `coordinator_id` claim of the dev realm's coordinator.bekasi."""


async def register_mentor(
    client: httpx.AsyncClient, name: str = "Dedi Kurniawan", mentor_id: str | None = None
) -> str:
    body: dict[str, Any] = {"name": name, "kabupaten_code": "32.16", "expertise": ["pemasaran"]}
    if mentor_id is not None:
        body["mentor_id"] = mentor_id
    resp = await client.post("/mentors", json=body)
    assert resp.status_code == 201, resp.text
    return str(resp.json()["mentor_id"])


async def enroll_when_known(
    client: httpx.AsyncClient, cohort_id: str, sme_id: str, **extra: Any
) -> None:
    """Enroll once the consumer has seen SMERegistered (409 with Retry-After until then)."""
    body = {"sme_id": sme_id, **extra}

    async def attempt() -> bool | None:
        resp = await client.post(f"/cohorts/{cohort_id}/enrollments", json=body)
        assert resp.status_code == 201 or "Retry-After" in resp.headers, resp.text
        return True if resp.status_code == 201 else None

    await eventually(attempt)


async def enroll_registered(
    client: httpx.AsyncClient,
    upstream: Upstream,
    cohort_id: str,
    sme_id: str | None = None,
    kecamatan: str = "32.16.01",
    **enrollment: Any,
) -> str:
    """Publish SMERegistered (of a new SME unless one is named), then enroll it once known."""
    sme_id = sme_id or new_sme_id()
    await upstream.publish(registered(sme_id, kecamatan))
    await enroll_when_known(client, cohort_id, sme_id, **enrollment)
    return sme_id


async def assign_mentor(
    client: httpx.AsyncClient, cohort_id: str, sme_id: str, mentor_id: str, **extra: Any
) -> None:
    """Assign the SME's mentor (200 expected)."""
    url = f"/cohorts/{cohort_id}/enrollments/{sme_id}/mentor"
    resp = await client.put(url, json={"mentor_id": mentor_id, **extra})
    assert resp.status_code == 200, resp.text


@dataclass(frozen=True)
class Enrolled:
    """One SME enrolled in a new cohort, with a mentor registered (and assigned, if asked)."""

    cohort: str
    mentor: str
    sme: str

    @property
    def url(self) -> str:
        """The SME's enrollment in the cohort."""
        return f"/cohorts/{self.cohort}/enrollments/{self.sme}"


async def enrolled_sme(
    client: httpx.AsyncClient, upstream: Upstream, *, assigned: bool = True, **enrollment: Any
) -> Enrolled:
    """Open a cohort, register a mentor, enroll a newly registered SME (and assign the mentor)."""
    cohort, mentor = await open_cohort(client), await register_mentor(client)
    sme = await enroll_registered(client, upstream, cohort, **enrollment)
    found = Enrolled(cohort, mentor, sme)
    if assigned:
        await assign_mentor(client, cohort, found.sme, mentor)
    return found


def session_body(days_ago: int = 1, **extra: Any) -> dict[str, Any]:
    """A session log: the mentor is the one the caller's token names, never the body's."""
    return {
        "session_date": (TODAY - timedelta(days=days_ago)).isoformat(),
        "duration_minutes": 90,
        "mode": "tatap_muka",
        "topics": ["pemasaran", "kemasan"],
        "notes": "Diskusi kemasan",
        "next_actions": "Cetak label baru",
        **extra,
    }


async def mentoring_events(infra: Infra, namespace: str, name: str | None = None) -> list[Any]:
    """Envelopes on the mentoring topic (optionally of one event name)."""
    records = await read_all(infra, f"{namespace}umkm-juara.mentoring.v1")
    events = [json.loads(r.value) for r in records]
    return [e for e in events if name is None or e["type"].split(".")[2] == name]


async def feed_events(infra: Infra, namespace: str) -> list[Any]:
    records = await read_all(infra, f"{namespace}umkm-juara.bankjabar-feed.v1")
    return [(r.key, json.loads(r.value)) for r in records]


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


async def published(infra: Infra, namespace: str, name: str, count: int) -> list[Any]:
    """The mentoring events of one name, once at least `count` have been relayed."""

    async def enough() -> list[Any] | None:
        events = await mentoring_events(infra, namespace, name)
        return events if len(events) >= count else None

    return await eventually(enough)


@contextlib.asynccontextmanager
async def replicas(
    infra: Infra, namespace: str, count: int = 2, **overrides: Any
) -> AsyncIterator[list[MentoringService]]:
    """`count` service instances on one database, each with its own client: two replicas."""
    settings = mentoring_settings(infra, namespace, **overrides)
    clients = [connect(settings.mongodb_url) for _ in range(count)]
    try:
        yield [
            build_service(
                await open_stores(client.get_database(settings.mongodb_database)), settings
            )
            for client in clients
        ]
    finally:
        for client in clients:
            await client.close()


async def apply_upstream(service: MentoringService, event: RawCloudEvent) -> None:
    """Apply one registration or partnership event as the consumer would."""
    found = upstream_decision(event, typed_data(event), service.rules, service.clock())
    if found is not None:
        await service.change(found[0], found[1], create=True)


async def registration_applied(service: MentoringService, sme_id: str, version: int) -> bool | None:
    """True once the SME's registration events up to `version` are applied (for `eventually`).

    The sign one of them was consumed: another SME's event proves nothing, as it may sit on
    another partition and be consumed first.
    """
    found = await service.mentee(sme_id)
    return True if found.applied.get(f"registration|{sme_id}", 0) >= version else None


async def known(service: MentoringService, *sme_ids: str) -> None:
    """Apply each SME's SMERegistered as the consumer would."""
    for sme_id in sme_ids:
        event = make_event(registered(sme_id), 1)
        await apply_upstream(service, decode_envelope(event.to_json_bytes()))


async def known_and_enrolled(service: MentoringService, cohort_id: str, *sme_ids: str) -> None:
    """Apply SMERegistered as the consumer would, then enroll each SME."""
    await known(service, *sme_ids)
    for sme_id in sme_ids:
        await service.enroll(ADMIN, cohort_id, sme_id)


def cohort_command(norm: int = 27) -> OpenCohort:
    return OpenCohort(
        name="UMKM Juara Kabupaten Bekasi",
        kabupaten_code="32.16",
        start_date=START,
        end_date=END,
        target_graduates=100,
        mentor_norm=norm,
    )


def mentor_command(name: str = "Dedi Kurniawan") -> RegisterMentor:
    return RegisterMentor(name=name, kabupaten_code="32.16", expertise=("pemasaran",))


async def cohort_with_smes(
    service: MentoringService, *sme_ids: str, norm: int = 27
) -> tuple[str, str]:
    """Through the service: open a cohort, register a mentor, make each SME known and enroll
    it; the cohort's and the mentor's ids."""
    cohort = (await service.open_cohort(ADMIN, cohort_command(norm))).cohort_id
    mentor = (await service.register_mentor(ADMIN, mentor_command())).mentor_id
    await known_and_enrolled(service, cohort, *sme_ids)
    return cohort, mentor
