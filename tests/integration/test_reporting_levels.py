"""The dashboard's levels over the real Kafka and Mongo-wire server, through real tokens.

Two SMEs of Kabupaten Bekasi (32.16) in its 2022 cohort, which then closes, and two SMEs of
Kabupaten Bandung (32.04) in its own cohort; one Bekasi SME joined on a programme day long
before the system processed it.
"""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from pydantic import BaseModel

from reporting.entrypoints.app import create_app as reporting_app
from tests.apps import AppClient, running
from tests.infra import Infra
from tests.integration.reporting_support import bandung_opened, caught_up, publish
from tests.integration.settings import reporting_settings
from tests.polling import eventually
from tests.unit.reporting.journeys import (
    COHORT,
    Versioned,
    mentor_id,
    reference_events,
    sme_id,
    sme_journey,
)
from umkm_shared.contracts.mentoring import CohortClosed
from umkm_shared.contracts.mentoring_progress import MentorSessionLogged
from umkm_shared.contracts.registration import SMERegistered
from umkm_shared.contracts.topics import Context

BANDUNG_COHORT = "cohort-20223204a000"
JOINED = date(2022, 6, 2)
CLOSED_ON = date(2022, 10, 20)


def _moved(index: int, data: BaseModel) -> BaseModel:
    """SME 0 joined on JOINED; SMEs 2 and 3 are Bandung's, in Bandung's cohort."""
    if isinstance(data, SMERegistered) and index == 0:
        return data.model_copy(update={"joined_on": JOINED})
    if index < 2:  # SMEs 0 and 1 are Bekasi's
        return data
    if isinstance(data, SMERegistered):
        kecamatan = f"32.04.{data.kecamatan_code[-2:]}"
        return data.model_copy(update={"kabupaten_code": "32.04", "kecamatan_code": kecamatan})
    fields = type(data).model_fields
    return data.model_copy(update={"cohort_id": BANDUNG_COHORT} if "cohort_id" in fields else {})


def _events() -> list[Versioned]:
    events = [*reference_events(mentors=2), bandung_opened(BANDUNG_COHORT)]
    for index in range(4):
        journey = sme_journey(index, sessions=2, graduate=index % 2 == 0, partner=False)
        events += [(c, _moved(index, d), v) for topic in journey.values() for c, d, v in topic]
    return events


def _closing() -> Versioned:
    closed = CohortClosed(
        cohort_id=COHORT,
        kabupaten_code="32.16",
        closed_on=CLOSED_ON,
        closed_at=datetime.now(UTC),
        enrolled=2,
        graduated=1,
    )
    return (Context.MENTORING, closed, 2)


LATE_SESSION = MentorSessionLogged(
    session_id="session-00000000000a",
    cohort_id=COHORT,
    sme_id=sme_id(1),
    mentor_id=mentor_id(1),
    session_date=date(2022, 10, 10),
    duration_minutes=60,
    mode="daring",
    topics=["ekspor"],
)


async def _as(api: AppClient, user: str | None, path: str, **params: Any) -> httpx.Response:
    headers = await api.as_user(user) if user else {}
    return await api.get(path, params=params, headers=headers)


async def _totals_of(api: AppClient, registered: int) -> bool | None:
    totals = (await _as(api, "admin.provinsi", "/totals")).json()
    return True if totals["registered"] == registered and totals["sessions"] == 8 else None


async def _closed(api: AppClient) -> bool | None:
    rows = (await _as(api, "admin.provinsi", "/cohorts", cohort_id=COHORT)).json()
    return True if rows and rows[0]["status"] == "closed" else None


async def _late_projected(api: AppClient) -> bool | None:
    sme = (await _as(api, "admin.provinsi", f"/smes/{sme_id(1)}")).json()
    ids = {s["session_id"] for s in sme.get("sessions", [])}
    return True if LATE_SESSION.session_id in ids else None


@pytest.fixture(scope="module")
async def api(infra: Infra) -> AsyncIterator[AppClient]:
    """The reporting app with both kabupaten projected, Bekasi's cohort closed, then a late
    session of it projected; no token unless a request brings one."""
    namespace = f"t{uuid.uuid4().hex[:10]}-"
    await infra.grant(namespace)
    async with running(reporting_app(reporting_settings(infra, namespace)), user=None) as client:
        await publish(infra, namespace, _events())
        await eventually(lambda: _totals_of(client, 4), within=90)
        await publish(infra, namespace, [_closing()])
        await eventually(lambda: _closed(client), within=60)
        await publish(infra, namespace, [(Context.MENTORING, LATE_SESSION, 99)])
        await eventually(lambda: _late_projected(client), within=60)
        await eventually(lambda: caught_up(client), within=60)  # and what no check above counts
        yield client


async def test_a_kabupaten_caller_reads_its_levels_and_is_refused_any_other_region(
    api: AppClient,
) -> None:
    own = (await _as(api, "dinas.bekasi", "/totals")).json()
    assert (own["level"], own["region"], own["registered"]) == ("kabupaten", "32.16", 2)
    assert own["region_name"] == "Kabupaten Bekasi"
    assert set(own["graduated_by_dimension"]) >= {"scale_class", "digital_onboarding"}
    assert own["milestones"]["halal_certified"] == 1
    assert own["mentors"] == 2
    for region in ("32.04", "32", "32.04.01"):
        refused = await _as(api, "dinas.bekasi", "/totals", region=region)
        assert refused.status_code == 403, region
        assert refused.headers["content-type"] == "application/problem+json"
    kecamatan = (await _as(api, "viewer.bekasi", "/totals", region="32.16.01")).json()
    assert (kecamatan["level"], kecamatan["registered"], kecamatan["target"]) == (
        "kecamatan",
        1,
        None,
    )
    other_cohort = (await _as(api, "dinas.bekasi", "/totals", cohort_id=BANDUNG_COHORT)).json()
    assert (other_cohort["level"], other_cohort["registered"]) == ("cohort", 0)
    smes = (await _as(api, "dinas.bekasi", "/smes", region="32.16.01")).json()
    assert [s["sme_id"] for s in smes["items"]] == [sme_id(0)]
    assert (await _as(api, "dinas.bekasi", "/smes", region="32.04")).status_code == 403


async def test_a_kabupaten_reads_per_kecamatan_with_names_and_every_row_names_its_ids(
    api: AppClient,
) -> None:
    rows = (await _as(api, "viewer.bekasi", "/regions", region="32.16")).json()
    assert [(r["code"], r["level"]) for r in rows] == [
        ("32.16.01", "kecamatan"),
        ("32.16.02", "kecamatan"),
    ]
    assert all(r["name"] and r["name"] != r["code"] for r in rows)
    assert [r["code"] for r in (await _as(api, "viewer.bekasi", "/regions")).json()] == ["32.16"]
    [sme] = (await _as(api, "viewer.bekasi", "/smes", region="32.16.01")).json()["items"]
    assert sme["cohort_name"] == "UMKM Juara 2022 Kabupaten Bekasi"
    assert sme["mentor_name"] == "Pendamping 1"
    assert sme["kecamatan_name"] == rows[0]["name"]
    assert sme["joined_on"] == JOINED.isoformat()
    [cohort] = (await _as(api, "viewer.bekasi", "/cohorts")).json()
    assert cohort["kabupaten_name"] == "Kabupaten Bekasi"


async def test_a_closed_cohort_shows_closed_and_a_late_session_changes_none_of_its_figures(
    api: AppClient,
) -> None:
    [cohort] = (await _as(api, "dinas.bekasi", "/cohorts", cohort_id=COHORT)).json()
    assert (cohort["status"], cohort["closed_on"]) == ("closed", CLOSED_ON.isoformat())
    assert cohort["sessions"] == 4  # the late session is projected but not counted
    totals = (await _as(api, "dinas.bekasi", "/totals", cohort_id=COHORT)).json()
    assert (totals["cohort_status"], totals["sessions"]) == ("closed", 4)
    mentors = (await _as(api, "dinas.bekasi", "/mentors", cohort_id=COHORT)).json()
    assert {m["as_of"] for m in mentors} == {CLOSED_ON.isoformat()}
    assert {m["name"] for m in mentors} == {"Pendamping 1", "Pendamping 2"}


async def test_the_daily_series_runs_in_programme_time_unless_processing_time_is_asked(
    api: AppClient,
) -> None:
    programme = (await _as(api, "dinas.bekasi", "/totals/daily")).json()
    assert programme[0]["day"] == JOINED.isoformat()
    assert programme[-1]["day"] < "2023-01-01"
    processing = (await _as(api, "dinas.bekasi", "/totals/daily", time="processing")).json()
    assert processing[-1]["day"] > "2025-01-01"
    assert processing[-1]["registered_total"] == programme[-1]["registered_total"] == 2


async def test_targets_are_set_where_they_are_decided_and_read_at_every_level(
    api: AppClient,
) -> None:
    body = {"naik_kelas": 300, "year": 2022, "decided_by": "Perbup/Bupati Bekasi"}
    dinas = await api.as_user("dinas.bekasi")
    assert (await api.put("/targets/32.16", json=body, headers=dinas)).status_code == 200
    assert (await api.put("/targets/32.04", json=body, headers=dinas)).status_code == 403
    viewer = await api.as_user("viewer.bekasi")
    assert (await api.put("/targets/32.16", json=body, headers=viewer)).status_code == 403
    admin = await api.as_user("admin.provinsi")
    bandung = {**body, "naik_kelas": 100, "decided_by": "Bupati Bandung"}
    assert (await api.put("/targets/32.04", json=bandung, headers=admin)).status_code == 200
    assert (await api.put("/targets/99.99", json=body, headers=admin)).status_code == 404
    own = (await _as(api, "viewer.bekasi", "/totals")).json()
    assert own["target"]["naik_kelas"] == 300
    assert (own["target"]["source"], own["target"]["decided_by"]) == (
        "kabupaten",
        "Perbup/Bupati Bekasi",
    )
    assert own["progress_pct"] == round(100 * own["graduated"] / 300, 1)
    province = (await _as(api, "admin.provinsi", "/totals")).json()
    assert (province["level"], province["target"]["naik_kelas"]) == ("province", 400)
    cohort = (await _as(api, "viewer.bekasi", "/totals", cohort_id=COHORT)).json()
    assert (cohort["target"]["source"], cohort["target"]["naik_kelas"]) == ("cohort", 162)
    listed = (await _as(api, "viewer.bekasi", "/targets")).json()
    assert [(t["kabupaten_code"], t["set_by"] is not None) for t in listed] == [("32.16", True)]


async def test_labels_are_open_and_freshness_tells_every_reader_how_old_the_data_is(
    api: AppClient,
) -> None:
    labels = (await _as(api, None, "/labels")).json()
    assert labels["dimension"]["digital_onboarding"]["id"]
    assert labels["cohort_status"]["closed"]["en"] == "Closed"
    fresh = (await _as(api, "viewer.bekasi", "/freshness")).json()
    assert fresh["data_as_of"] > "2025"
    assert isinstance(fresh["lag"], int)
    assert fresh["lag_high"] is False
    assert (await _as(api, None, "/freshness")).status_code == 401


async def test_exports_take_the_filters_of_their_tables(api: AppClient) -> None:
    regions = await _as(api, "viewer.bekasi", "/exports/regions.csv", region="32.16")
    text = regions.content.decode("utf-8-sig")
    assert "32.16.01" in text
    assert "32.16;" not in text
    cards = await _as(api, "viewer.bekasi", "/exports/totals.csv", cohort_id=COHORT)
    lines = cards.content.decode("utf-8-sig").splitlines()
    assert lines[3] == "Indikator;Nilai"
    assert "Sesi pendampingan;4" in lines
    refused = await _as(api, "viewer.bekasi", "/exports/smes.csv", region="32.04")
    assert refused.status_code == 403
