"""The regency's compliance view over the real Kafka and Mongo-wire server, API and exports."""

import csv
import io
from datetime import date

import httpx
from openpyxl import load_workbook  # type: ignore[import-untyped]

from reporting.entrypoints.app import create_app as reporting_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.reporting_support import publish
from tests.integration.settings import reporting_settings
from tests.polling import eventually
from tests.unit.reporting.journeys import (
    Versioned,
    partnership_events,
    reference_events,
    sme_id,
    sme_journey,
)
from umkm_shared.contracts.partnership import PartnershipEnded, SalesReported
from umkm_shared.contracts.registration import SMERegistered
from umkm_shared.contracts.topics import Context

P = Context.PARTNERSHIP


def _registered(index: int, kecamatan: str | None = None) -> Versioned:
    """The SME's registration, in its journey's kecamatan or in `kecamatan` elsewhere."""
    [(context, data, version), *_] = sme_journey(index, graduate=False)[Context.REGISTRATION]
    assert isinstance(data, SMERegistered)
    if kecamatan is not None:
        data = data.model_copy(
            update={"kabupaten_code": kecamatan[:5], "kecamatan_code": kecamatan}
        )
    return context, data, version


def _partnership(index: int, sme: int) -> list[Versioned]:
    return [(P, e, v) for v, e in enumerate(partnership_events(index, sme_id(sme)), 1)]


def _events() -> list[Versioned]:
    """Five retailers; SME 0 twice with Indomaret (one corrected month), SME 1's partnership
    with Alfamart ended, SMEs 2 (Bekasi) and 7 (Bandung Barat) with Alfamidi."""
    corrected = SalesReported(
        partnership_id="partnership-000000000000",
        sme_id=sme_id(0),
        period="2022-09",
        units_sold=400,
        gross_sales=5_000_000,
    )
    ended = PartnershipEnded(
        partnership_id="partnership-000000000001",
        sme_id=sme_id(1),
        ended_on=date(2022, 12, 31),
        reason="Pasokan tidak stabil",
    )
    return [
        *reference_events(),
        *(_registered(i) for i in (0, 1, 2)),
        _registered(7, kecamatan="32.17.01"),
        *_partnership(0, sme=0),
        (P, corrected, 5),
        *_partnership(5, sme=0),  # Indomaret again, rantai pasok: still one UMKM
        *_partnership(1, sme=1),
        (P, ended, 5),
        *_partnership(2, sme=2),
        *_partnership(7, sme=7),
    ]


Row = dict[str, object]


def _partner(name: str, active: int, patterns: dict[str, int], umkm: int, sales: int) -> Row:
    return {
        "name": name,
        "active_partnerships": active,
        "active_by_pattern": patterns,
        "umkm_partnered": umkm,
        "products_listed": active,
        "sales_to_date": sales,
    }


ALL_PARTNERS = [
    _partner("Alfamidi", 2, {"perdagangan_umum": 1, "rantai_pasok": 1}, 2, 12_000_000),
    _partner("Indomaret", 2, {"perdagangan_umum": 1, "rantai_pasok": 1}, 1, 11_000_000),
    _partner("Alfamart", 0, {}, 0, 6_000_000),  # ended: not active, its sales still count
    _partner("Hypermart", 0, {}, 0, 0),
    _partner("Papaya Mart", 0, {}, 0, 0),  # no partnership yet: the gap the regency sees
]


async def _partners(api: httpx.AsyncClient, **params: str) -> list[Row] | None:
    rows = (await api.get("/partnerships/compliance/partners", params=params)).json()
    keys = ALL_PARTNERS[0].keys()
    found = [{k: r[k] for k in keys} for r in rows]
    return found if found == ALL_PARTNERS else None


async def _no_lag(api: httpx.AsyncClient) -> bool | None:
    lags = (await api.get("/lag")).json()
    return True if lags and all(p["lag"] == 0 for p in lags) else None


async def test_the_compliance_view_counts_active_partnerships_distinct_umkm_and_corrected_sales(
    infra: Infra, namespace: str
) -> None:
    settings = reporting_settings(infra, namespace)
    async with running(reporting_app(settings)) as api:
        events = _events()
        await publish(infra, namespace, events + events[-6:])  # redelivered
        await eventually(lambda: _partners(api), within=60)
        await eventually(lambda: _no_lag(api))
        partners = (await api.get("/partnerships/compliance/partners")).json()
        bekasi = (
            await api.get("/partnerships/compliance/partners", params={"kabupaten_code": "32.16"})
        ).json()
        kecamatan = (await api.get("/partnerships/compliance/kecamatan")).json()
        bekasi_kecamatan = (
            await api.get("/partnerships/compliance/kecamatan", params={"kabupaten_code": "32.16"})
        ).json()
        refused = [
            await api.get("/partnerships/compliance/partners", params={"kabupaten_code": code})
            for code in ("99.99", "bekasi")
        ]
        partners_csv = (await api.get("/exports/compliance-partners.csv")).content
        kecamatan_xlsx = (await api.get("/exports/compliance-kecamatan.xlsx")).content

    indomaret = next(p for p in partners if p["name"] == "Indomaret")
    assert indomaret["units_sold_to_date"] == 880  # September corrected to 400, not 880 + 400
    assert (indomaret["sector"], indomaret["company_type"]) == ("ritel_modern", "usaha_besar")
    alfamidi_bekasi = next(p for p in bekasi if p["name"] == "Alfamidi")
    assert (alfamidi_bekasi["active_partnerships"], alfamidi_bekasi["sales_to_date"]) == (
        1,
        6_000_000,
    )
    assert [
        (k["name"], k["kabupaten_name"], k["umkm_partnered"], k["partners"]) for k in kecamatan
    ] == [
        ("Tarumajaya", "Kabupaten Bekasi", 1, ["Indomaret"]),
        ("Sukawangi", "Kabupaten Bekasi", 1, ["Alfamidi"]),
        ("Lembang", "Kabupaten Bandung Barat", 1, ["Alfamidi"]),
    ]
    assert [k["active_partnerships"] for k in kecamatan] == [2, 1, 1]
    assert [k["kecamatan_code"] for k in bekasi_kecamatan] == ["32.16.01", "32.16.03"]
    assert [(r.status_code, r.headers["content-type"]) for r in refused] == [
        (404, "application/problem+json"),
        (422, "application/problem+json"),
    ]

    lines = list(csv.reader(io.StringIO(partners_csv.decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == ["Kemitraan Usaha Besar/Menengah dengan UMKM (Perbup Bekasi 73/2020)"]
    assert lines[1][0].startswith("Per tanggal ")
    assert lines[3][:2] == ["Mitra", "Jenis Usaha"]
    assert lines[4] == [
        "Alfamidi",
        "Usaha besar",
        "Ritel modern",
        "2",
        "Perdagangan umum: 1, Rantai pasok: 1",
        "2",
        "2",
        "960",
        "Rp12.000.000",
    ]
    sheet = load_workbook(io.BytesIO(kecamatan_xlsx)).active
    assert sheet["A1"].value == "UMKM Bermitra per Kecamatan"
    assert [c.value for c in sheet[5]] == [
        "32.16.01",
        "Tarumajaya",
        "Kabupaten Bekasi",
        1,
        2,
        "Indomaret",
    ]
