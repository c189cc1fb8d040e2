"""Exports of the tables outside a level's (an SME's record, the bar charts, the lag) and the
partnership list by cohort, over the real Kafka and Mongo-wire server, through real tokens.

Two SMEs of Kabupaten Bekasi (32.16) in its 2022 cohort, SME 0 graduated and partnered with
Indomaret; SME 2 of Kabupaten Bandung (32.04) in Bandung's cohort, partnered with Alfamidi.
"""

import io
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pydantic import BaseModel

from tests.apps import AppClient
from tests.infra import Infra
from tests.integration.reporting_support import bandung_opened, projected
from tests.unit.reporting.journeys import COHORT, Versioned, reference_events, sme_id, sme_journey
from umkm_shared.contracts.registration import SMERegistered

BANDUNG = "cohort-20223204b000"
MASKED_NIK = "3216********0001"


def _in_bandung(data: BaseModel) -> BaseModel:
    """SME 2's events as Kabupaten Bandung's, in Bandung's cohort."""
    if isinstance(data, SMERegistered):
        return data.model_copy(update={"kabupaten_code": "32.04", "kecamatan_code": "32.04.03"})
    return data.model_copy(
        update={"cohort_id": BANDUNG} if "cohort_id" in type(data).model_fields else {}
    )


def _events() -> list[Versioned]:
    events = [*reference_events(mentors=2), bandung_opened(BANDUNG)]
    for index, partner in ((0, True), (1, False), (2, True)):
        journey = sme_journey(index, sessions=2, graduate=index == 0, partner=partner)
        for context, data, version in (e for topic in journey.values() for e in topic):
            events.append((context, _in_bandung(data) if index == 2 else data, version))
    return events


async def _as(api: AppClient, user: str | None, path: str, **params: Any) -> httpx.Response:
    headers = await api.as_user(user) if user else {}
    return await api.get(path, params=params, headers=headers)


async def _projected(api: AppClient) -> bool | None:
    totals = (await _as(api, "admin.provinsi", "/totals")).json()
    done = (totals["registered"], totals["partnerships_active"], totals["graduated"]) == (3, 2, 1)
    return True if done and totals["sessions"] == 6 else None


@pytest.fixture(scope="module")
async def api(infra: Infra) -> AsyncIterator[AppClient]:
    """The reporting app with both kabupaten projected; no token unless a request brings one."""
    async with projected(infra, _events(), _projected) as client:
        yield client


def _lines(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return response.content.decode("utf-8-sig").splitlines()


async def test_partnerships_list_and_export_by_cohort_inside_the_callers_region(
    api: AppClient,
) -> None:
    own = (await _as(api, "admin.provinsi", "/partnerships", cohort_id=COHORT)).json()
    assert [p["sme_id"] for p in own["items"]] == [sme_id(0)]
    other = (await _as(api, "admin.provinsi", "/partnerships", cohort_id=BANDUNG)).json()
    assert [p["sme_id"] for p in other["items"]] == [sme_id(2)]
    summary = await _as(api, "admin.provinsi", "/partnerships/summary/partner", cohort_id=COHORT)
    assert [g["label"] for g in summary.json()] == ["Indomaret"]
    hidden = (await _as(api, "dinas.bekasi", "/partnerships", cohort_id=BANDUNG)).json()
    assert hidden["total"] == 0  # another kabupaten's cohort reads empty, as /totals does
    refused = await _as(api, "dinas.bekasi", "/partnerships", region="32.04", cohort_id=BANDUNG)
    assert refused.status_code == 403
    text = "\n".join(
        _lines(await _as(api, "viewer.bekasi", "/exports/partnerships.csv", cohort_id=COHORT))
    )
    assert "Usaha Contoh 0" in text
    assert "Usaha Contoh 2" not in text
    wide = await _as(
        api, "viewer.bekasi", "/exports/partnerships.csv", region="32", cohort_id=COHORT
    )
    assert wide.status_code == 403


async def test_an_sme_record_exports_each_table_of_its_page_without_the_nik(
    api: AppClient,
) -> None:
    base = f"/exports/smes/{sme_id(0)}"
    sessions = _lines(await _as(api, "viewer.bekasi", f"{base}/sessions.csv"))
    assert sessions[0].startswith("Sesi Pendampingan - Usaha Contoh 0")
    assert sessions[3] == "Tanggal;Pendamping;Topik;Cara;Durasi (menit)"
    assert "2022-07-01;Pendamping 1;" in sessions[4]
    assert len(sessions) == 6  # title, date, blank, header, two sessions (one corrected)
    partners = _lines(await _as(api, "dinas.bekasi", f"{base}/partnerships.csv"))
    assert partners[4].startswith("Indomaret;Perdagangan umum;Aktif;1;480;Rp6.000.000")
    milestones = _lines(await _as(api, "admin.provinsi", f"{base}/milestones.csv"))
    assert milestones[4] == "Bersertifikat halal;2022-08-12"
    book = await _as(api, "viewer.bekasi", f"{base}/graduation.xlsx")
    sheet = load_workbook(io.BytesIO(book.content)).active
    assert "graduation.v1" in sheet["A1"].value
    assert [c.value for c in sheet[5]] == [
        "Naik kelas skala usaha (PP 7/2021)",
        "Usaha mikro",
        "Usaha kecil",
    ]
    for table in ("sessions", "milestones", "graduation", "scale", "partnerships"):
        text = "\n".join(_lines(await _as(api, "viewer.bekasi", f"{base}/{table}.csv")))
        book = load_workbook(
            io.BytesIO((await _as(api, "viewer.bekasi", f"{base}/{table}.xlsx")).content)
        )
        cells = " ".join(str(c.value) for row in book.active.iter_rows() for c in row)
        for exported in (text, cells):
            assert MASKED_NIK not in exported
            assert "****" not in exported


async def test_an_sme_record_export_is_refused_outside_the_callers_scope(api: AppClient) -> None:
    bandung = f"/exports/smes/{sme_id(2)}/sessions.csv"
    assert (await _as(api, "viewer.bekasi", bandung)).status_code == 403
    assert (await _as(api, "viewer.bandung", bandung)).status_code == 200
    assert (
        await _as(api, "mentor.bekasi", f"/exports/smes/{sme_id(0)}/sessions.csv")
    ).status_code == 403
    assert (await _as(api, None, bandung)).status_code == 401
    unknown = await _as(api, "admin.provinsi", "/exports/smes/sme-unknown/sessions.csv")
    assert unknown.status_code == 404
    bad = await _as(api, "admin.provinsi", f"/exports/smes/{sme_id(0)}/financials.csv")
    assert bad.status_code == 422


async def test_the_bar_charts_export_their_tables_with_the_levels_filters(api: AppClient) -> None:
    topics = _lines(await _as(api, "viewer.bekasi", "/exports/topics.csv", cohort_id=COHORT))
    assert topics[3] == "Topik;Jumlah Sesi"
    by_topic = dict(line.split(";") for line in topics[4:])
    assert sum(int(n) for n in by_topic.values()) >= 4
    assert set(by_topic) >= {"Pemasaran", "Digitalisasi"}
    patterns = _lines(await _as(api, "admin.provinsi", "/exports/patterns.csv", region="32.16"))
    assert patterns[3:] == ["Pola Kemitraan;Kemitraan Aktif", "Perdagangan umum;1"]
    assert (
        await _as(api, "viewer.bekasi", "/exports/patterns.csv", region="32.04")
    ).status_code == 403


async def test_only_an_operator_exports_the_projection_lag(api: AppClient) -> None:
    lag = _lines(await _as(api, "admin.provinsi", "/exports/lag.csv"))
    assert lag[3] == "Topik;Partisi;Tertinggal"
    assert any("registration" in line for line in lag[4:])
    book = await _as(api, "admin.provinsi", "/exports/lag.xlsx")
    assert load_workbook(io.BytesIO(book.content)).active["A4"].value == "Topik"
    assert (await _as(api, "dinas.bekasi", "/exports/lag.csv")).status_code == 403
