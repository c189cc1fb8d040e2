"""Who may do what to which SME: the roles matrix and each caller's region (OWASP API1, API5)."""

import csv
import io
import json
from collections.abc import AsyncIterator
from typing import Any

import jwt
import pytest

from registration.domain.importing.template import HEADERS
from registration.entrypoints.app import create_app
from tests.apps import AppClient, running
from tests.infra import Infra
from tests.integration.settings import registration_settings
from tests.kafka_reader import read_all
from tests.polling import eventually
from tests.privacy import raw_niks
from umkm_shared.auth.endpoints import ENDPOINTS

BEKASI: dict[str, Any] = {
    "business_name": "Keripik Tempe Bu Sari",
    "owner_nik": "3216014506900001",
    "kbli": "10792",
    "kabupaten_code": "32.16",
    "kecamatan_code": "32.16.01",
    "nib": "9120001234567",
}
BANDUNG: dict[str, Any] = {
    "business_name": "Kopi Gunung Puntang",
    "owner_nik": "3204054506900002",
    "kbli": "10761",
    "kabupaten_code": "32.04",
    "kecamatan_code": "32.04.05",
}
FEED = "bank_jabar_mentoring_feed"


@pytest.fixture
async def api(infra: Infra, namespace: str) -> AsyncIterator[AppClient]:
    """The registration API, called as the provincial admin unless a test says otherwise."""
    async with running(create_app(registration_settings(infra, namespace))) as client:
        yield client


async def _register(api: AppClient, body: dict[str, Any], user: str | None = None) -> str:
    headers = await api.as_user(user) if user else None
    created = await api.post("/smes", json=body, headers=headers)
    assert created.status_code == 201, created.text
    return str(created.json()["sme_id"])


def _forbidden(response: Any) -> None:
    assert response.status_code == 403, response.text
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_dinas_registers_in_its_own_kabupaten_but_not_in_another(
    api: AppClient,
) -> None:
    await api.login("dinas.bekasi")
    own = await api.post("/smes", json=BEKASI)
    other = await api.post("/smes", json=BANDUNG)
    await api.login("admin.provinsi")
    listed = (await api.get("/smes")).json()

    assert own.status_code == 201
    _forbidden(other)
    assert [item["kabupaten_code"] for item in listed["items"]] == ["32.16"]


async def test_the_registered_event_names_the_dinas_that_registered_the_sme(
    api: AppClient, infra: Infra, namespace: str
) -> None:
    headers = await api.as_user("dinas.bekasi")
    subject = jwt.decode(
        headers["Authorization"].removeprefix("Bearer "), options={"verify_signature": False}
    )["sub"]
    sme_id = (await api.post("/smes", json=BEKASI, headers=headers)).json()["sme_id"]

    async def registered() -> dict[str, Any] | None:
        records = await read_all(infra, f"{namespace}umkm-juara.registration.v1", idle_ms=300)
        events = [json.loads(r.value) for r in records]
        return next((e for e in events if e["data"]["sme_id"] == sme_id), None)

    event = await eventually(registered)
    assert event["type"] == "umkmjuara.registration.SMERegistered.v1"
    assert event["data"]["actor"]["subject"] == subject
    assert event["data"]["actor"]["role"] == "dinas_kabupaten"


async def test_a_dinas_of_another_kabupaten_can_neither_see_nor_change_an_sme(
    api: AppClient,
) -> None:
    sme_id = await _register(api, BEKASI)
    await api.login("dinas.bandung")
    answers = [
        await api.get(f"/smes/{sme_id}"),
        await api.patch(f"/smes/{sme_id}", json={"kbli": "10799"}),
        await api.put(f"/smes/{sme_id}/consents/{FEED}", json={"granted": True}),
        await api.post(f"/smes/{sme_id}/withdrawal", json={"reason": "Usaha tutup"}),
    ]
    await api.login("dinas.bekasi")
    unchanged = (await api.get(f"/smes/{sme_id}")).json()

    for answer in answers:
        _forbidden(answer)
        assert "Keripik" not in answer.text
    assert (unchanged["version"], unchanged["status"], unchanged["consents"]) == (1, "active", [])


async def test_a_search_lists_only_the_callers_region_with_totals_and_pages_to_match(
    api: AppClient,
) -> None:
    await _register(api, BEKASI)
    for n in range(3):
        await _register(api, {**BANDUNG, "business_name": f"Kopi {n}"})
    await api.login("dinas.bandung")
    everything = (await api.get("/smes")).json()
    second_page = (await api.get("/smes?limit=2&offset=2")).json()
    asked_for_bekasi = (await api.get("/smes?kabupaten_code=32.16")).json()
    await api.login("admin.provinsi")
    province = (await api.get("/smes")).json()

    assert everything["total"] == 3
    assert {item["kabupaten_code"] for item in everything["items"]} == {"32.04"}
    assert (second_page["total"], len(second_page["items"])) == (3, 1)
    assert (asked_for_bekasi["total"], asked_for_bekasi["items"]) == (0, [])
    assert province["total"] == 4


async def test_a_viewer_may_not_read_the_register(api: AppClient) -> None:
    sme_id = await _register(api, BEKASI)
    await api.login("viewer.bekasi")
    _forbidden(await api.get("/smes"))
    _forbidden(await api.get(f"/smes/{sme_id}"))
    _forbidden(await api.post("/smes", json=BEKASI))


def _concrete(path: str) -> str:
    return path.format(
        sme_id="sme-000000000000", purpose=FEED, import_id="imp-000000000000", fmt="csv"
    )


GUARDED = [route for route, action in ENDPOINTS["registration"].items() if action]


@pytest.mark.parametrize(("method", "path"), GUARDED, ids=str)
async def test_without_a_token_every_guarded_route_answers_401_asking_for_one(
    api: AppClient, method: str, path: str
) -> None:
    api.logout()
    answer = await api.request(method, _concrete(path), json={})
    assert answer.status_code == 401, answer.text
    assert answer.headers["www-authenticate"].startswith("Bearer")
    assert answer.headers["content-type"] == "application/problem+json"


async def test_the_import_template_stays_open(api: AppClient) -> None:
    api.logout()
    assert (await api.get("/imports/template.csv")).status_code == 200


def _csv(*rows: dict[str, object]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADERS)
    writer.writeheader()
    writer.writerows({h: row.get(h, "") for h in HEADERS} for row in rows)
    return out.getvalue().encode()


def _row(body: dict[str, Any]) -> dict[str, object]:
    return {
        "nama_usaha": body["business_name"],
        "nik_pemilik": body["owner_nik"],
        "kbli": body["kbli"],
        "kode_kabupaten": body["kabupaten_code"],
        "kode_kecamatan": body["kecamatan_code"],
    }


async def _import(api: AppClient, content: bytes) -> dict[str, Any]:
    started = await api.post("/imports", files={"file": ("peserta.csv", content, "text/csv")})
    assert started.status_code == 201, started.text
    body: dict[str, Any] = started.json()
    return body


async def test_an_import_refuses_the_rows_of_another_region_and_imports_the_rest(
    api: AppClient,
) -> None:
    await api.login("dinas.bandung")
    summary = await _import(api, _csv(_row(BANDUNG), _row(BEKASI)))
    report = await api.get(f"/imports/{summary['import_id']}/report.csv")
    listed = (await api.get("/smes")).json()
    await api.login("admin.provinsi")
    province = (await api.get("/smes")).json()

    assert (summary["imported"], summary["rejected"]) == (1, 1)
    lines = list(csv.DictReader(io.StringIO(report.content.decode("utf-8-sig"))))
    refused = [line for line in lines if line["status"] == "ditolak"]
    assert [(line["baris"], line["kolom"]) for line in refused] == [("3", "kode_kabupaten")]
    assert "wilayah" in refused[0]["pesan"]
    assert "region" in refused[0]["message"]
    assert raw_niks(report.text) == []
    assert [item["kabupaten_code"] for item in listed["items"]] == ["32.04"]
    assert province["total"] == 1


async def test_an_import_can_be_followed_only_from_within_its_region(api: AppClient) -> None:
    await api.login("dinas.bekasi")
    import_id = (await _import(api, _csv(_row(BEKASI))))["import_id"]
    own = await api.get(f"/imports/{import_id}")
    await api.login("dinas.bandung")
    other_status = await api.get(f"/imports/{import_id}")
    other_report = await api.get(f"/imports/{import_id}/report.csv")
    await api.login("admin.provinsi")
    province = await api.get(f"/imports/{import_id}/report.csv")

    assert own.status_code == 200
    _forbidden(other_status)
    _forbidden(other_report)
    assert province.status_code == 200


async def test_an_import_started_by_the_province_is_not_shown_to_a_dinas(api: AppClient) -> None:
    import_id = (await _import(api, _csv(_row(BEKASI))))["import_id"]
    await api.login("dinas.bekasi")
    _forbidden(await api.get(f"/imports/{import_id}"))


async def test_a_profile_update_cannot_move_an_sme_to_another_kabupaten(api: AppClient) -> None:
    sme_id = await _register(api, BEKASI)
    moved = await api.patch(f"/smes/{sme_id}", json={"kabupaten_code": "32.04"})
    assert moved.status_code == 422
    assert [e["field"] for e in moved.json()["errors"]] == ["kabupaten_code"]
