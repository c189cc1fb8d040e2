"""Who may read reporting, and which rows: every query and export narrowed to the caller's region.

Two SMEs of Kabupaten Bekasi (32.16) and two of Kabupaten Bandung (32.04), each with its own
cohort and mentor, are projected once; then each role asks, through a real Keycloak token.
"""

import csv
import io
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from pydantic import BaseModel

from devstack.realm import client_secret
from reporting.adapters.exports.layout import TABLES
from tests.apps import AppClient
from tests.infra import Infra
from tests.integration.reporting_support import bandung_opened, projected
from tests.unit.reporting.journeys import (
    COHORT,
    Versioned,
    mentor_id,
    reference_events,
    sme_id,
    sme_journey,
)
from umkm_shared.contracts.mentoring import MentorRegistered
from umkm_shared.contracts.registration import SMERegistered
from umkm_shared.contracts.topics import Context

BEKASI, BANDUNG = (0, 1), (2, 3)
"""The SMEs (journey indexes) of each kabupaten."""
BANDUNG_COHORT, BANDUNG_MENTOR = "cohort-20223204a000", "mentor-00003204b000"
PROVINCE = "provincial-system"
"""The realm's machine caller for provincial systems: a viewer of the whole province (`32`)."""


def _bandung_references() -> list[Versioned]:
    return [
        bandung_opened(BANDUNG_COHORT),
        (
            Context.MENTORING,
            MentorRegistered(
                mentor_id=BANDUNG_MENTOR,
                name="Pendamping Bandung",
                kabupaten_code="32.04",
                expertise=["pemasaran"],
            ),
            1,
        ),
    ]


def _in_bandung(data: BaseModel) -> BaseModel:
    """The event as if the SME were registered, enrolled and mentored in Kabupaten Bandung."""
    if isinstance(data, SMERegistered):
        kecamatan = f"32.04.{data.kecamatan_code[-2:]}"
        return data.model_copy(update={"kabupaten_code": "32.04", "kecamatan_code": kecamatan})
    fields = type(data).model_fields
    update = {"cohort_id": BANDUNG_COHORT, "mentor_id": BANDUNG_MENTOR}
    return data.model_copy(update={k: v for k, v in update.items() if k in fields})


def _events() -> list[Versioned]:
    events = [*reference_events(mentors=2), *_bandung_references()]
    for index in (*BEKASI, *BANDUNG):
        journey = sme_journey(index, sessions=2, graduate=index % 2 == 0)
        for context, data, version in (e for topic in journey.values() for e in topic):
            moved = _in_bandung(data) if index in BANDUNG else data
            events.append((context, moved, version))
    return events


def _markers(smes: tuple[int, ...], cohort: str, mentor: str, kabupaten: str) -> set[str]:
    """Strings that name one kabupaten's rows: its SMEs, partnerships, cohort, mentor, codes."""
    return {
        *(sme_id(i) for i in smes),
        *(f"partnership-{i:012x}" for i in smes),
        cohort,
        mentor,
        kabupaten,
    }


OF_BEKASI = _markers(BEKASI, COHORT, mentor_id(0), "32.16")
OF_BANDUNG = _markers(BANDUNG, BANDUNG_COHORT, BANDUNG_MENTOR, "32.04")


async def _projected(api: AppClient) -> bool | None:
    admin = await api.as_user("admin.provinsi")
    totals = (await api.get("/totals", headers=admin)).json()
    expected = len(BEKASI) + len(BANDUNG)
    done = totals["registered"] == expected and totals["partnerships_active"] == expected
    return True if done and totals["sessions"] == 2 * expected else None


@pytest.fixture(scope="module")
async def api(infra: Infra) -> AsyncIterator[AppClient]:
    """The reporting app with both kabupaten projected; no token unless a request brings one."""
    async with projected(infra, _events(), _projected) as client:
        yield client


async def _provincial_headers(infra: Infra) -> dict[str, str]:
    """The provincial system's token (client credentials), as its own software gets it."""
    form = {
        "grant_type": "client_credentials",
        "client_id": PROVINCE,
        "client_secret": client_secret(PROVINCE),
    }
    async with httpx.AsyncClient(timeout=30) as http:
        answer = await http.post(infra.tokens.token_endpoint, data=form)
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


async def _as(api: AppClient, user: str, path: str, **params: Any) -> httpx.Response:
    return await api.get(path, params=params, headers=await api.as_user(user))


def _exported_text(response: httpx.Response) -> str:
    assert response.status_code == 200, response.text
    return response.content.decode("utf-8-sig")


def _kabupaten_of(rows: list[dict[str, Any]]) -> set[str]:
    return {str(row["kabupaten_code"]) for row in rows}


@pytest.mark.parametrize(
    ("viewer", "own", "other", "foreign_sme"),
    [
        ("viewer.bekasi", "32.16", "32.04", sme_id(BANDUNG[0])),
        ("viewer.bandung", "32.04", "32.16", sme_id(BEKASI[0])),
    ],
)
async def test_a_kabupaten_viewer_reads_only_its_kabupaten(
    api: AppClient, viewer: str, own: str, other: str, foreign_sme: str
) -> None:
    smes = (await _as(api, viewer, "/smes")).json()
    assert (smes["total"], _kabupaten_of(smes["items"])) == (2, {own})
    refused = await _as(api, viewer, f"/smes/{foreign_sme}")
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert "Usaha Contoh" not in refused.text  # nothing of the SME but the id asked for
    totals = (await _as(api, viewer, "/totals")).json()
    assert (totals["registered"], totals["sessions"], totals["graduated"]) == (2, 4, 1)
    assert (totals["partnerships_active"], totals["gross_sales"]) == (2, 12_000_000)
    assert [r["code"] for r in (await _as(api, viewer, "/regions")).json()] == [own]
    kecamatan = (await _as(api, viewer, "/regions", kabupaten_code=own)).json()
    assert {r["code"][:5] for r in kecamatan} == {own}
    assert (await _as(api, viewer, "/regions", kabupaten_code=other)).status_code == 403
    assert (await _as(api, viewer, "/smes", kabupaten_code=other)).status_code == 403
    assert _kabupaten_of((await _as(api, viewer, "/cohorts")).json()) == {own}
    assert _kabupaten_of((await _as(api, viewer, "/mentors")).json()) == {own}
    assert (await _as(api, viewer, "/totals/daily")).json()[-1]["registered_total"] == 2
    partnerships = (await _as(api, viewer, "/partnerships")).json()
    assert partnerships["total"] == 2
    assert not {p["sme_id"] for p in partnerships["items"]} & {foreign_sme}
    by_status = (await _as(api, viewer, "/partnerships/summary/status")).json()
    assert [(g["key"], g["partnerships"]) for g in by_status] == [("active", 2)]
    compliance = (await _as(api, viewer, "/partnerships/compliance/kecamatan")).json()
    assert _kabupaten_of(compliance) == {own}
    partners = (await _as(api, viewer, "/partnerships/compliance/partners")).json()
    assert sum(p["umkm_partnered"] for p in partners) == 2
    other_partners = {"kabupaten_code": other}
    refused = await _as(api, viewer, "/partnerships/compliance/partners", **other_partners)
    assert refused.status_code == 403


@pytest.mark.parametrize(
    ("viewer", "theirs", "not_theirs"),
    [("viewer.bekasi", OF_BEKASI, OF_BANDUNG), ("viewer.bandung", OF_BANDUNG, OF_BEKASI)],
)
async def test_every_export_of_a_kabupaten_viewer_holds_only_its_kabupaten(
    api: AppClient, viewer: str, theirs: set[str], not_theirs: set[str]
) -> None:
    exported = {
        table: _exported_text(await _as(api, viewer, f"/exports/{table}.csv")) for table in TABLES
    }
    for table, text in exported.items():
        assert not [m for m in not_theirs if m in text], table
    assert all(m in "".join(exported.values()) for m in theirs)
    rows = list(csv.reader(io.StringIO(exported["smes"]), delimiter=";"))[4:]
    assert sorted(row[0] for row in rows) == sorted(m for m in theirs if m.startswith("sme-"))
    xlsx = await _as(api, viewer, "/exports/smes.xlsx")
    assert (xlsx.status_code, xlsx.content[:2]) == (200, b"PK")


async def test_the_admin_and_a_provincial_viewer_read_the_whole_province(
    api: AppClient, infra: Infra
) -> None:
    callers = {
        "admin.provinsi": await api.as_user("admin.provinsi"),
        PROVINCE: await _provincial_headers(infra),
    }
    for caller, headers in callers.items():
        smes = (await api.get("/smes", headers=headers)).json()
        assert _kabupaten_of(smes["items"]) == {"32.16", "32.04"}, caller
        assert (await api.get("/totals", headers=headers)).json()["registered"] == 4
        regions = (await api.get("/regions", headers=headers)).json()
        assert [r["code"] for r in regions] == ["32.04", "32.16"]
        for index in (*BEKASI, *BANDUNG):
            answer = await api.get(f"/smes/{sme_id(index)}", headers=headers)
            assert answer.status_code == 200, caller
        export = _exported_text(await api.get("/exports/regions.csv", headers=headers))
        assert ("32.16" in export, "32.04" in export) == (True, True), caller


@pytest.mark.parametrize("path", ["/lag", "/generation"])
async def test_only_the_admin_sees_how_the_projections_run(api: AppClient, path: str) -> None:
    assert (await _as(api, "viewer.bekasi", path)).status_code == 403
    assert (await _as(api, "dinas.bekasi", path)).status_code == 403
    assert (await _as(api, "admin.provinsi", path)).status_code == 200


@pytest.mark.parametrize(
    "path", ["/totals", "/smes", f"/smes/{sme_id(0)}", "/partnerships", "/exports/smes.csv"]
)
async def test_roles_without_reporting_are_refused_and_no_token_is_unauthenticated(
    api: AppClient, path: str
) -> None:
    for user in ("bank.jabar", "mentor.bekasi", "partner.indomaret"):
        refused = await _as(api, user, path)
        assert refused.status_code == 403, user
        assert refused.headers["content-type"] == "application/problem+json"
    anonymous = await api.get(path)
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"].startswith("Bearer")


async def test_the_dashboard_page_itself_stays_open(api: AppClient) -> None:
    for path in ("/", "/dashboard", "/static/dashboard.js"):
        assert (await api.get(path)).status_code == 200
