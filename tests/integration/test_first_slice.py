"""The first slice through the real parts: POST -> outbox -> Kafka -> projection -> GET."""

import httpx

from registration.entrypoints.http import create_app as registration_app
from reporting.http import create_app as reporting_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.settings import registration_settings, reporting_settings
from tests.kafka_reader import read_all
from tests.polling import eventually

SARI = {
    "business_name": "Keripik Tempe Bu Sari",
    "owner_nik": "3216014506900001",
    "kbli": "10792",
    "kabupaten_code": "32.16",
    "kecamatan_code": "32.16.01",
    "nib": "9120001234567",
}


async def _projected(client: httpx.AsyncClient, sme_id: str) -> dict[str, object] | None:
    resp = await client.get(f"/smes/{sme_id}")
    return resp.json() if resp.status_code == 200 else None


async def test_a_registered_sme_reaches_the_reporting_read_model(
    infra: Infra, namespace: str
) -> None:
    async with (
        running(registration_app(registration_settings(infra, namespace))) as registration,
        running(reporting_app(reporting_settings(infra, namespace))) as reporting,
    ):
        created = await registration.post("/smes", json=SARI)
        assert created.status_code == 201, created.text
        sme_id = created.json()["sme_id"]

        row = await eventually(lambda: _projected(reporting, sme_id))
    published = await read_all(infra.bootstrap_servers, f"{namespace}umkm-juara.registration.v1")

    assert len(published) == 1
    assert published[0].key == sme_id.encode()
    assert b"3216014506900001" not in published[0].value
    assert row["business_name"] == "Keripik Tempe Bu Sari"
    assert row["kecamatan_code"] == "32.16.01"
    assert row["nik_masked"] == "3216********0001"


async def test_a_retried_post_with_the_same_idempotency_key_creates_one_sme(
    infra: Infra, namespace: str
) -> None:
    async with running(registration_app(registration_settings(infra, namespace))) as registration:
        headers = {"Idempotency-Key": "form-42"}
        first = await registration.post("/smes", json=SARI, headers=headers)
        again = await registration.post("/smes", json=SARI, headers=headers)

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["sme_id"] == first.json()["sme_id"]


async def test_a_second_sme_with_the_same_nib_is_refused_and_pointed_at_the_first(
    infra: Infra, namespace: str
) -> None:
    async with running(registration_app(registration_settings(infra, namespace))) as registration:
        first = await registration.post("/smes", json=SARI)
        dup = await registration.post("/smes", json={**SARI, "business_name": "Lain"})

    assert dup.status_code == 409
    assert dup.json()["existing_sme_id"] == first.json()["sme_id"]
    assert dup.headers["location"] == f"/smes/{first.json()['sme_id']}"


async def test_invalid_input_gets_field_errors_and_never_echoes_the_nik(
    infra: Infra, namespace: str
) -> None:
    async with running(registration_app(registration_settings(infra, namespace))) as registration:
        bad = await registration.post(
            "/smes", json={**SARI, "owner_nik": "3299999999999999", "kecamatan_code": "32.73.01"}
        )

    assert bad.status_code == 422
    fields = {e["field"] for e in bad.json()["errors"]}
    assert fields == {"nik", "kecamatan_code"}
    assert "3299999999999999" not in bad.text
