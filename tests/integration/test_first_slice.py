"""The first slice through the real parts: POST -> outbox -> Kafka -> projection -> GET."""

import json

import httpx

from registration.entrypoints.app import create_app as registration_app
from reporting.entrypoints.app import create_app as reporting_app
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
    published = await read_all(infra, f"{namespace}umkm-juara.registration.v1")

    assert len(published) == 1
    assert published[0].key == sme_id.encode()
    envelope = json.loads(published[0].value)
    assert published[0].headers["correlation_id"].decode() == envelope["correlationid"]
    assert published[0].headers["content-type"] == b"application/cloudevents+json"
    assert b"3216014506900001" not in published[0].value
    assert row["business_name"] == "Keripik Tempe Bu Sari"
    assert row["kecamatan_code"] == "32.16.01"
    assert row["nik_masked"] == "3216********0001"
