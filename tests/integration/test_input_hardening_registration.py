"""Bad input to registration is refused with a 422 (never a 500), and nothing echoes a NIK."""

import asyncio
import contextlib
import io
import json
import logging
import socket
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import uvicorn

from registration.entrypoints.app import create_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.settings import registration_settings
from tests.polling import eventually
from tests.privacy import raw_niks
from tests.samples import SARI_REQUEST
from umkm_shared.observability.logs import json_handler

NIK = "3216014506900001"
OTHER_NIK = "3216011306900002"  # a plausible NIK that is nobody's on the register
SARI: dict[str, Any] = {**SARI_REQUEST, "owner_nik": NIK}


@pytest.fixture
async def api(infra: Infra, namespace: str) -> AsyncIterator[httpx.AsyncClient]:
    async with running(create_app(registration_settings(infra, namespace))) as client:
        yield client


def _refused(response: httpx.Response, *fields: str) -> None:
    """A 422 problem naming exactly `fields`, echoing no NIK."""
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [p["field"] for p in response.json().get("errors", [])] == list(fields)
    assert raw_niks(response.text) == []


@pytest.mark.parametrize(
    "params",
    [
        {"offset": "1e20"},
        {"offset": str(10**20)},
        {"offset": 1_000_001},
        {"limit": str(10**12)},
        {"offset": -1},
    ],
)
async def test_a_page_out_of_bounds_is_refused_not_a_server_error(
    api: httpx.AsyncClient, params: dict[str, Any]
) -> None:
    response = await api.get("/smes", params=params)
    _refused(response, *params)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"business_name": "Keripik\x00Tempe"}, "business_name"),
        ({"business_name": "Keripik\x1b[31mTempe"}, "business_name"),
        ({"business_name": "Keripik\ufffeTempe"}, "business_name"),
        ({"business_name": f"Keripik {OTHER_NIK}"}, "business_name"),
        ({"email": "sari\x07@example.com"}, "email"),
        ({"email": f"{OTHER_NIK}@example.com"}, "email"),
        ({"kabupaten_code": "31.71", "kecamatan_code": "31.71.01"}, "kabupaten_code"),
        ({"kabupaten_code": OTHER_NIK}, "kabupaten_code"),
        ({"business_name": "x" * 201}, "business_name"),
        ({"nik": OTHER_NIK}, "nik"),
        ({"financials": {**SARI["financials"], "employee": 4}}, "financials.employee"),
        ({"financials": {**SARI["financials"], "employees": "4"}}, "financials.employees"),
        ({"financials": {**SARI["financials"], "annual_sales": 9e8}}, "financials.annual_sales"),
    ],
)
async def test_a_registration_with_bad_text_or_unknown_fields_is_refused_naming_the_field(
    api: httpx.AsyncClient, change: dict[str, Any], field: str
) -> None:
    response = await api.post("/smes", json={**SARI, **change})
    listing = await api.get("/smes")
    _refused(response, field)
    assert listing.json()["total"] == 0


async def test_a_lone_surrogate_in_a_name_is_refused_not_a_server_error(
    api: httpx.AsyncClient,
) -> None:
    body = json.dumps({**SARI, "business_name": "Keripik\ud800Tempe"})  # escaped: valid JSON
    response = await api.post("/smes", content=body, headers={"content-type": "application/json"})
    _refused(response, "business_name")


async def test_an_unknown_field_named_like_a_nik_is_named_masked(api: httpx.AsyncClient) -> None:
    response = await api.post("/smes", json={**SARI, OTHER_NIK: 1})
    _refused(response, "3216********0002")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"business_name": "Keripik\x0bTempe"}, "business_name"),
        ({"licences": {"halal_certificate": "ID3211\x00"}}, "licences.halal_certificate"),
        ({"licences": {"pirt": f"P-{OTHER_NIK}"}}, "licences.pirt"),
        ({"contacts": {"phone": "0812-3456-7890", "email": "a\x7f@b.id"}}, "contacts.email"),
        ({"kbli": "10792", "owner_nik": OTHER_NIK}, "owner_nik"),
        ({"licences": {"nib": "9120001234567", "siup": "1"}}, "licences.siup"),
    ],
)
async def test_a_profile_update_with_bad_text_or_unknown_fields_is_refused(
    api: httpx.AsyncClient, change: dict[str, Any], field: str
) -> None:
    sme_id = (await api.post("/smes", json=SARI)).json()["sme_id"]
    response = await api.patch(f"/smes/{sme_id}", json=change)
    _refused(response, field)
    assert (await api.get(f"/smes/{sme_id}")).json()["version"] == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"granted": "yes"}, "granted"),
        ({"granted": 1}, "granted"),
        ({"granted": True, "legal_basis": "persetujuan\x00"}, "legal_basis"),
        ({"granted": True, "scope": "all"}, "scope"),
    ],
)
async def test_a_consent_is_given_only_by_a_real_boolean_and_clean_text(
    api: httpx.AsyncClient, body: dict[str, Any], field: str
) -> None:
    sme_id = (await api.post("/smes", json=SARI)).json()["sme_id"]
    response = await api.put(f"/smes/{sme_id}/consents/bank_jabar_mentoring_feed", json=body)
    _refused(response, field)
    assert (await api.get(f"/smes/{sme_id}")).json()["consents"] == []


@pytest.mark.parametrize(
    ("reason", "field"),
    [("Usaha tutup\x00", "reason"), (f"NIK pemilik {OTHER_NIK}", "reason")],
)
async def test_a_withdrawal_reason_with_control_characters_or_a_nik_is_refused(
    api: httpx.AsyncClient, reason: str, field: str
) -> None:
    sme_id = (await api.post("/smes", json=SARI)).json()["sme_id"]
    response = await api.post(f"/smes/{sme_id}/withdrawal", json={"reason": reason})
    _refused(response, field)
    assert (await api.get(f"/smes/{sme_id}")).json()["status"] == "active"


async def test_a_withdrawal_reason_may_span_lines(api: httpx.AsyncClient) -> None:
    sme_id = (await api.post("/smes", json=SARI)).json()["sme_id"]
    reason = "Usaha tutup.\nPemilik pindah ke luar kota."
    response = await api.post(f"/smes/{sme_id}/withdrawal", json={"reason": reason})
    assert response.status_code == 200


async def test_an_idempotency_key_reused_with_another_body_is_refused(
    api: httpx.AsyncClient,
) -> None:
    headers = {"Idempotency-Key": "form-7"}
    first = await api.post("/smes", json=SARI, headers=headers)
    other = await api.post("/smes", json={**SARI, "kbli": "10793"}, headers=headers)
    again = await api.post("/smes", json=SARI, headers=headers)
    assert first.status_code == 201
    _refused(other, "Idempotency-Key")
    assert again.status_code == 200
    assert again.json()["sme_id"] == first.json()["sme_id"]
    assert (await api.get("/smes")).json()["total"] == 1


@pytest.mark.parametrize(
    "path",
    [
        f"/smes/{NIK}",
        f"/smes/{NIK}/consents/bank_jabar_mentoring_feed",
        f"/imports/{NIK}",
        f"/nowhere/{NIK}",
    ],
)
async def test_an_unknown_id_shaped_like_a_nik_is_not_echoed(
    api: httpx.AsyncClient, path: str
) -> None:
    response = await (
        api.put(path, json={"granted": True}) if "consents" in path else api.get(path)
    )
    assert response.status_code == 404
    assert raw_niks(response.text) == []


async def test_a_consent_purpose_shaped_like_a_nik_is_not_echoed(api: httpx.AsyncClient) -> None:
    sme_id = (await api.post("/smes", json=SARI)).json()["sme_id"]
    response = await api.put(f"/smes/{sme_id}/consents/{OTHER_NIK}", json={"granted": True})
    _refused(response, "purpose")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.asynccontextmanager
async def _served(infra: Infra, namespace: str) -> AsyncIterator[tuple[str, io.StringIO]]:
    """The app behind a real uvicorn (as `serve` runs it), its JSON log lines captured."""
    stream = io.StringIO()
    handler = json_handler(stream)
    root = logging.getLogger()
    port = _free_port()
    app = create_app(registration_settings(infra, namespace))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None))
    task = asyncio.create_task(server.serve())
    try:
        await eventually(lambda: _started(server))
        root.addHandler(handler)  # after start-up: the service's logging set-up replaces ours
        yield f"http://127.0.0.1:{port}", stream
    finally:
        server.should_exit = True
        await task
        root.removeHandler(handler)


async def _started(server: uvicorn.Server) -> bool | None:
    return True if server.started else None


async def test_no_nik_reaches_a_log_line_through_a_path_or_a_query_access_log_included(
    infra: Infra, namespace: str
) -> None:
    headers = await infra.tokens.headers_async("dinas.bekasi")
    async with (
        _served(infra, namespace) as (url, stream),
        httpx.AsyncClient(headers=headers) as client,
    ):
        missing = await client.get(f"{url}/smes/{NIK}")
        search = await client.get(f"{url}/smes", params={"q": NIK})
        await eventually(lambda: _access_lines(stream, 2))
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    access = [line["message"] for line in lines if line["logger"] == "uvicorn.access"]
    assert (missing.status_code, search.status_code) == (404, 200)
    assert raw_niks(missing.text) == []
    assert "/smes/3216********0001" in access[0]
    assert "q=3216********0001" in access[1]
    assert [line for line in stream.getvalue().splitlines() if raw_niks(line)] == []


async def _access_lines(stream: io.StringIO, count: int) -> bool | None:
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    return True if sum(line["logger"] == "uvicorn.access" for line in lines) >= count else None
