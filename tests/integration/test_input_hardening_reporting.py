"""Bad query strings to reporting are refused with a 422 (never a 500); exports survive any text."""

import csv
import io
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from reporting.entrypoints.app import create_app as reporting_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.reporting_support import publish
from tests.integration.settings import reporting_settings
from tests.polling import eventually
from tests.privacy import raw_niks
from tests.unit.reporting.journeys import Versioned, sme_journey
from umkm_shared.contracts.registration import SMERegistered
from umkm_shared.contracts.topics import Context

NIK = "3216014506900001"
DIRTY_NAME = "Keripik\x00Tempe\x1b[31m Bu\x0bSari\ufffe"


@pytest.fixture
async def api(infra: Infra, namespace: str) -> AsyncIterator[httpx.AsyncClient]:
    async with running(reporting_app(reporting_settings(infra, namespace))) as client:
        yield client


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/smes", {"offset": "1e20"}, "offset"),
        ("/smes", {"offset": str(10**20)}, "offset"),
        ("/smes", {"offset": 1_000_001}, "offset"),
        ("/smes", {"limit": str(10**12)}, "limit"),
        ("/smes", {"offset": -1}, "offset"),
        ("/smes", {"status": "gone"}, "status"),
        ("/smes", {"graduated": "maybe"}, "graduated"),
        ("/smes", {"kabupaten_code": "x" * 10_000}, "kabupaten_code"),
        ("/smes", {"nik": NIK}, "nik"),
        ("/partnerships", {"offset": str(10**20)}, "offset"),
        ("/partnerships", {"limit": str(10**12)}, "limit"),
        ("/partnerships", {"status": "gone"}, "status"),
        ("/partnerships", {"pattern": "barter"}, "pattern"),
        ("/partnerships", {"sme_id": "x" * 10_000}, "sme_id"),
        ("/partnerships", {"partner": "p-1"}, "partner"),
        ("/mentors", {"as_of": "0001-01-01"}, "as_of"),
        ("/mentors", {"as_of": "9999-12-31"}, "as_of"),
        ("/mentors", {"cohort_id": "x" * 10_000}, "cohort_id"),
        ("/regions", {"kabupaten_code": "x" * 10_000}, "kabupaten_code"),
        ("/regions", {"region": "32.1x"}, "region"),
        ("/totals", {"region": "x" * 10_000}, "region"),
        ("/totals", {"cohort_id": "x" * 10_000}, "cohort_id"),
        ("/totals/daily", {"time": "now"}, "time"),
        ("/partnerships/summary/sector", {}, "by"),
        ("/partnerships/compliance/partners", {"kabupaten_code": "32.1x"}, "kabupaten_code"),
    ],
)
async def test_a_bad_query_string_is_refused_naming_the_parameter(
    api: httpx.AsyncClient, path: str, params: dict[str, Any], field: str
) -> None:
    response = await api.get(path, params=params)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [p["field"] for p in response.json()["errors"]] == [field]
    assert raw_niks(response.text) == []


@pytest.mark.parametrize("path", [f"/smes/{NIK}", f"/exports/{NIK}.csv", f"/nowhere/{NIK}"])
async def test_an_unknown_id_shaped_like_a_nik_is_not_echoed(
    api: httpx.AsyncClient, path: str
) -> None:
    response = await api.get(path)
    assert response.status_code == 404
    assert raw_niks(response.text) == []


def _dirty_sme() -> list[Versioned]:
    """An SME registered (before names were checked) with control characters in its name."""
    [(context, data, version), *_] = sme_journey(0, graduate=False)[Context.REGISTRATION]
    assert isinstance(data, SMERegistered)
    return [(context, data.model_copy(update={"business_name": DIRTY_NAME}), version)]


async def _projected(api: httpx.AsyncClient) -> bool | None:
    return True if (await api.get("/totals")).json()["registered"] == 1 else None


async def test_exports_stay_readable_when_a_stored_name_holds_control_characters(
    infra: Infra, namespace: str, api: httpx.AsyncClient
) -> None:
    await publish(infra, namespace, _dirty_sme())
    await eventually(lambda: _projected(api), within=60)
    xlsx = await api.get("/exports/smes.xlsx")
    text = await api.get("/exports/smes.csv")
    assert (xlsx.status_code, text.status_code) == (200, 200)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)]
    rows = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig")), delimiter=";"))
    assert names == ["KeripikTempe[31m BuSari"]
    assert rows[4][1] == "KeripikTempe[31m BuSari"
