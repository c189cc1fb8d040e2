"""Every registration endpoint over real Kafka and a Mongo-wire server: rules, dedupe, consents."""

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from registration.entrypoints.app import create_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.settings import registration_settings
from tests.kafka_reader import read_all
from tests.polling import eventually
from tests.samples import SARI_REQUEST
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.contracts.mentoring import SMEEnrolled

SARI: dict[str, Any] = {**SARI_REQUEST, "desa_code": "32.16.01.2001", "nib": "9120001234567"}


@pytest.fixture
async def api(infra: Infra, namespace: str) -> AsyncIterator[httpx.AsyncClient]:
    async with running(create_app(registration_settings(infra, namespace))) as client:
        yield client


async def _events(infra: Infra, namespace: str, count: int) -> list[dict[str, Any]]:
    topic = f"{namespace}umkm-juara.registration.v1"

    async def enough() -> list[dict[str, Any]] | None:
        records = await read_all(infra, topic, idle_ms=300)
        return [json.loads(r.value) for r in records] if len(records) >= count else None

    return await eventually(enough)


async def test_registering_returns_the_sme_with_a_masked_nik_and_its_class(
    api: httpx.AsyncClient,
) -> None:
    created = await api.post("/smes", json=SARI)
    body = created.json()
    assert created.status_code == 201
    assert body["nik_masked"] == "3216********0001"
    assert "owner_nik" not in body
    assert body["contacts"]["phone"] == "+6281234567890"
    assert body["scale"]["scale_class"] == "mikro"
    assert body["status"] == "active"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"owner_nik": "321601450690000"}, "owner_nik"),
        ({"owner_nik": "3216017206900001"}, "owner_nik"),  # day 72: no such birth date
        ({"nib": "12345"}, "nib"),
        ({"kbli": "1079"}, "kbli"),
        ({"kabupaten_code": "32.99"}, "kabupaten_code"),
        ({"kecamatan_code": "32.17.01"}, "kecamatan_code"),
        ({"desa_code": "32.16.02.2001"}, "desa_code"),
        ({"phone": "12"}, "contacts.phone"),
        ({"financials": {**SARI["financials"], "annual_sales": -5}}, "financials.annual_sales"),
        (
            {"financials": {**SARI["financials"], "business_capital": "banyak"}},
            "financials.business_capital",
        ),
        ({"business_name": "  "}, "business_name"),
        ({"joined_on": "2099-01-01"}, "joined_on"),
        ({"joined_on": "2018-12-31"}, "joined_on"),
        ({"joined_on": "2022-02-30"}, "joined_on"),
    ],
)
async def test_each_bad_field_gets_a_422_naming_it_in_both_languages_and_nothing_is_written(
    api: httpx.AsyncClient, change: dict[str, Any], field: str
) -> None:
    bad = await api.post("/smes", json={**SARI, **change})
    listing = await api.get("/smes")
    assert bad.status_code == 422
    assert bad.headers["content-type"] == "application/problem+json"
    assert bad.json()["pesan"]
    assert bad.json()["message"]
    problems = bad.json()["errors"]
    assert [p["field"] for p in problems] == [field]
    assert problems[0]["pesan"]
    assert problems[0]["message"]
    assert listing.json()["total"] == 0


async def test_a_registered_sme_s_event_carries_the_day_it_joined_the_programme(
    api: httpx.AsyncClient, infra: Infra, namespace: str
) -> None:
    migrated = await api.post("/smes", json={**SARI, "joined_on": "2022-06-13"})
    new = await api.post("/smes", json={**SARI_REQUEST, "business_name": "Warung Baru"})
    shown = await api.get(f"/smes/{migrated.json()['sme_id']}")
    events = await _events(infra, namespace, 2)
    today = datetime.now(timezone(timedelta(hours=7))).date().isoformat()

    assert (migrated.status_code, new.status_code) == (201, 201)
    assert shown.json()["joined_on"] == "2022-06-13"
    assert new.json()["joined_on"] in {today, _yesterday(today)}  # midnight WIB in between
    joined = {e["data"]["sme_id"]: e["data"]["joined_on"] for e in events}
    assert joined == {
        migrated.json()["sme_id"]: "2022-06-13",
        new.json()["sme_id"]: new.json()["joined_on"],
    }


def _yesterday(day: str) -> str:
    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


async def test_a_retry_with_the_same_idempotency_key_returns_the_first_sme(
    api: httpx.AsyncClient,
) -> None:
    headers = {"Idempotency-Key": "form-42"}
    first = await api.post("/smes", json=SARI, headers=headers)
    again = await api.post("/smes", json=SARI, headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["sme_id"] == first.json()["sme_id"]


async def test_a_second_sme_with_the_same_nib_is_refused_and_pointed_at_the_first(
    api: httpx.AsyncClient,
) -> None:
    first = await api.post("/smes", json=SARI)
    other_owner = {**SARI, "business_name": "Lain", "owner_nik": "3216011306900002"}
    dup = await api.post("/smes", json=other_owner)
    assert dup.status_code == 409
    assert dup.json()["status"] == 409
    assert dup.json()["existing_sme_id"] == first.json()["sme_id"]
    assert dup.headers["location"] == f"/smes/{first.json()['sme_id']}"


async def test_the_same_owner_cannot_register_the_same_business_twice_without_a_nib(
    api: httpx.AsyncClient,
) -> None:
    no_nib = {k: v for k, v in SARI.items() if k != "nib"}
    first = await api.post("/smes", json=no_nib)
    again = await api.post("/smes", json={**no_nib, "business_name": " keripik  TEMPE bu sari"})
    second_business = await api.post("/smes", json={**no_nib, "business_name": "Tahu Bu Sari"})
    assert first.status_code == 201
    assert again.status_code == 409
    assert again.json()["existing_sme_id"] == first.json()["sme_id"]
    assert second_business.status_code == 201


async def test_get_returns_404_for_an_unknown_sme(api: httpx.AsyncClient) -> None:
    missing = await api.get("/smes/sme-000000000000")
    assert missing.status_code == 404


async def test_search_filters_and_pages(api: httpx.AsyncClient) -> None:
    await api.post("/smes", json=SARI)
    await api.post(
        "/smes",
        json={
            **SARI,
            "nib": None,
            "business_name": "Batik Tulis Cikarang",
            "owner_nik": "3216061203850002",
            "kecamatan_code": "32.16.06",
            "desa_code": None,
            "kbli": "13134",
        },
    )
    await api.post(
        "/smes",
        json={
            **SARI,
            "nib": "9120001234599",
            "business_name": "Kopi Gede",
            "owner_nik": "3216235201920004",
            "kecamatan_code": "32.16.23",
            "desa_code": None,
            "financials": {**SARI["financials"], "annual_sales": 3 * 10**9},
        },
    )

    async def names(query: str) -> list[str]:
        page = (await api.get(f"/smes?{query}")).json()
        return [item["business_name"] for item in page["items"]]

    assert len(await names("kabupaten_code=32.16")) == 3
    assert await names("kecamatan_code=32.16.06") == ["Batik Tulis Cikarang"]
    assert await names("kbli=13134") == ["Batik Tulis Cikarang"]
    assert await names("scale_class=kecil") == ["Kopi Gede"]
    assert await names("q=TEMPE") == ["Keripik Tempe Bu Sari"]
    page = (await api.get("/smes?limit=2&offset=2")).json()
    assert (page["total"], len(page["items"])) == (3, 1)


async def test_a_profile_update_that_moves_the_class_emits_a_scale_change(
    api: httpx.AsyncClient, infra: Infra, namespace: str
) -> None:
    sme_id = (await api.post("/smes", json=SARI)).json()["sme_id"]
    grown = {
        "business_capital": 1_500_000_000,
        "annual_sales": 2_600_000_000,
        "employees": 9,
        "as_of": "2022-09-30",
    }
    updated = await api.patch(
        f"/smes/{sme_id}",
        json={
            "financials": grown,
            "licences": {"nib": "9120001234567", "halal_certificate": "ID3211"},
            "contacts": {"phone": "+62 812 3456 7891", "email": "sari@example.com"},
        },
    )
    events = await _events(infra, namespace, 3)

    assert updated.status_code == 200
    assert updated.json()["scale"]["scale_class"] == "kecil"
    assert updated.json()["version"] == 3
    assert [e["type"].split(".")[2] for e in events] == [
        "SMERegistered",
        "SMEProfileUpdated",
        "SMEScaleChanged",
    ]
    assert [e["aggregateversion"] for e in events] == [1, 2, 3]
    change = events[2]["data"]
    assert (change["from_class"], change["to_class"], change["rule_version"]) == (
        "mikro",
        "kecil",
        "PP7-2021.v1",
    )
    assert events[1]["data"]["contacts"]["phone"] == "+6281234567891"


async def test_an_update_with_a_taken_nib_is_refused(api: httpx.AsyncClient) -> None:
    await api.post("/smes", json=SARI)
    other = (await api.post("/smes", json={**SARI, "nib": None, "business_name": "Lain"})).json()
    clash = await api.patch(f"/smes/{other['sme_id']}", json={"licences": {"nib": SARI["nib"]}})
    assert clash.status_code == 409


async def test_of_concurrent_changes_to_one_sme_each_is_stored_or_answered_409(
    api: httpx.AsyncClient, infra: Infra, namespace: str
) -> None:
    sme_id = (await api.post("/smes", json=SARI)).json()["sme_id"]
    # Every PATCH must change something: one naming the registered KBLI is a no-op (200, no
    # event, no new version) when it happens to be decided before the others land.
    kblis = [f"1079{n}" for n in range(10) if f"1079{n}" != SARI["kbli"]]
    answers = await asyncio.gather(
        *(api.patch(f"/smes/{sme_id}", json={"kbli": kbli}) for kbli in kblis)
    )
    stored = [a for a in answers if a.status_code == 200]
    final = (await api.get(f"/smes/{sme_id}")).json()

    assert {a.status_code for a in answers} <= {200, 409}
    assert stored
    assert final["version"] == 1 + len(stored)  # no change lost, none applied twice
    events = await _events(infra, namespace, 1 + len(stored))
    assert [e["aggregateversion"] for e in events] == list(range(1, 2 + len(stored)))


async def test_the_consent_flow_gives_withdraws_and_ignores_repeats(
    api: httpx.AsyncClient, infra: Infra, namespace: str
) -> None:
    sme_id = (await api.post("/smes", json=SARI)).json()["sme_id"]
    url = f"/smes/{sme_id}/consents/bank_jabar_mentoring_feed"
    given = await api.put(url, json={"granted": True})
    repeated = await api.put(url, json={"granted": True})
    withdrawn = await api.put(url, json={"granted": False})
    unknown = await api.put(f"/smes/{sme_id}/consents/marketing", json={"granted": True})
    events = await _events(infra, namespace, 3)

    assert given.json()["consents"] == ["bank_jabar_mentoring_feed"]
    assert repeated.json()["version"] == given.json()["version"]
    assert withdrawn.json()["consents"] == []
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [
        {
            "field": "purpose",
            "pesan": "Tujuan persetujuan tidak dikenal; yang ada: bank_jabar_mentoring_feed.",
            "message": "Unknown consent purpose; known: bank_jabar_mentoring_feed.",
        }
    ]
    consents = [e["data"]["granted"] for e in events if "SMEConsentChanged" in e["type"]]
    assert consents == [True, False]


async def test_withdrawal_ends_consents_and_later_changes_are_refused(
    api: httpx.AsyncClient,
) -> None:
    sme_id = (await api.post("/smes", json=SARI)).json()["sme_id"]
    await api.put(f"/smes/{sme_id}/consents/bank_jabar_mentoring_feed", json={"granted": True})
    gone = await api.post(f"/smes/{sme_id}/withdrawal", json={"reason": "Usaha tutup"})
    late = await api.patch(f"/smes/{sme_id}", json={"kbli": "10799"})
    listed = (await api.get("/smes?status=withdrawn")).json()

    assert gone.json()["status"] == "withdrawn"
    assert gone.json()["consents"] == []
    assert late.status_code == 409
    assert [i["sme_id"] for i in listed["items"]] == [sme_id]


async def test_unknown_smes_get_404_on_every_change(api: httpx.AsyncClient) -> None:
    sid = "sme-000000000000"
    answers = [
        await api.patch(f"/smes/{sid}", json={"kbli": "10799"}),
        await api.put(f"/smes/{sid}/consents/bank_jabar_mentoring_feed", json={"granted": True}),
        await api.post(f"/smes/{sid}/withdrawal", json={"reason": "x"}),
    ]
    assert [a.status_code for a in answers] == [404, 404, 404]


async def test_search_by_cohort_uses_the_enrollments_mentoring_publishes(
    api: httpx.AsyncClient, infra: Infra, namespace: str
) -> None:
    enrolled = (await api.post("/smes", json=SARI)).json()["sme_id"]
    await api.post("/smes", json={**SARI, "nib": None, "business_name": "Tidak Ikut"})
    event = make_event(
        SMEEnrolled(
            cohort_id="cohort-0000000000aa",
            sme_id=enrolled,
            enrolled_at=datetime(2022, 6, 20, 9, tzinfo=UTC),
        ),
        aggregate_version=1,
    )
    producer = AIOKafkaProducer(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
    await producer.start()
    await producer.send_and_wait(
        f"{namespace}umkm-juara.mentoring.v1", event.to_json_bytes(), key=enrolled.encode()
    )
    await producer.stop()

    async def members() -> list[str] | None:
        page = (await api.get("/smes?cohort_id=cohort-0000000000aa")).json()
        return [i["sme_id"] for i in page["items"]] or None

    assert await eventually(members) == [enrolled]
