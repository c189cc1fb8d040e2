"""Every read model over the real Kafka and Mongo-wire server: duplicates, replay, switch."""

import httpx

from reporting.adapters.replay import Difference, Rebuild, differences
from reporting.entrypoints.app import SERVICE
from reporting.entrypoints.app import create_app as reporting_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.reporting_support import publish
from tests.integration.settings import reporting_settings
from tests.polling import eventually
from tests.unit.reporting.journeys import cohort_events
from umkm_shared.mongo import connect

SMES = 12


async def _projected(client: httpx.AsyncClient, sessions: int) -> dict[str, int] | None:
    totals = (await client.get("/totals")).json()
    return totals if totals["registered"] == SMES and totals["sessions"] == sessions else None


async def test_every_read_model_is_projected_once_and_a_replay_rebuilds_it_equal(
    infra: Infra, namespace: str
) -> None:
    settings = reporting_settings(infra, namespace)
    events = cohort_events(SMES, mentors=3)
    sessions = sum(i % 5 for i in range(SMES))
    async with running(reporting_app(settings)) as api:
        await publish(infra, namespace, events + events[5:40])  # redeliveries
        await eventually(lambda: _projected(api, sessions), within=60)
        await eventually(lambda: _no_lag(api))  # committed after the writes
        totals = (await api.get("/totals")).json()
        assert totals["graduated"] == 4  # SMEs 0, 3, 6, 9
        assert totals["naik_kelas_scale"] == 4
        assert totals["partnerships_active"] == 3
        assert totals["gross_sales"] == 18_000_000
        regions = (await api.get("/regions")).json()
        assert [(r["code"], r["name"], r["smes"]) for r in regions] == [
            ("32.16", "Kabupaten Bekasi", SMES)
        ]
        kecamatan = (await api.get("/regions", params={"kabupaten_code": "32.16"})).json()
        assert sum(r["smes"] for r in kecamatan) == SMES
        assert kecamatan[0]["name"] == "Tarumajaya"
        [cohort] = (await api.get("/cohorts")).json()
        assert (cohort["enrolled"], cohort["graduated"], cohort["target_graduates"]) == (
            SMES,
            4,
            162,
        )
        assert cohort["mentored"] == sum(1 for i in range(SMES) if i % 5)
        assert cohort["naik_kelas_by_dimension"]["scale_class"] == 4
        mentors = (await api.get("/mentors", params={"as_of": "2022-07-30"})).json()
        assert sum(m["assigned"] for m in mentors) == SMES
        assert sum(m["sessions_30d"] for m in mentors) == sessions
        by_partner = (await api.get("/partnerships/summary/partner")).json()
        assert [(g["label"], g["partnerships"], g["gross_sales"]) for g in by_partner] == [
            ("Indomaret", 1, 6_000_000),  # SMEs 0, 4 and 8 partner with retailers 0, 4 and 3
            ("Hypermart", 1, 6_000_000),
            ("Papaya Mart", 1, 6_000_000),
        ]
        page = (await api.get("/smes", params={"graduated": True, "limit": 2})).json()
        assert (page["total"], len(page["items"])) == (4, 2)
        sme = (await api.get("/smes/sme-000000000000")).json()
        assert [h["to_class"] for h in sme["scale_history"]] == ["mikro", "kecil"]
        assert sme["partnerships"][0]["products"][0]["unit_price"] == 12_500
        daily = (await api.get("/totals/daily")).json()
        assert daily[-1]["sessions_total"] == sessions

        client = connect(settings.mongodb_url)
        db = client.get_database(settings.mongodb_database)
        topics = SERVICE.consumed_topics(settings)
        rebuild = Rebuild(db, infra.bootstrap_servers, topics, infra.principal("reporting"))
        new = await rebuild.prepare()
        await rebuild.run_pass(lambda _done, _todo: None)
        assert await differences(db, "g0001", new) == dict.fromkeys(
            ("smes", "partnerships", "mentors", "cohorts", "partners"), Difference()
        )
        await rebuild.switch()
        await client.close()
        # The service re-reads the pointer within its refresh interval: wait for that.
        await eventually(lambda: _serving(api, "g0002"))
        assert (await api.get("/totals")).json() == totals


async def _serving(client: httpx.AsyncClient, generation: str) -> bool | None:
    served = (await client.get("/generation")).json()
    return True if served == {"generation": generation} else None


async def _no_lag(client: httpx.AsyncClient) -> bool | None:
    lags = (await client.get("/lag")).json()
    return True if lags and all(p["lag"] == 0 for p in lags) else None


async def test_exports_are_dated_reports_in_indonesian_and_unknown_ones_a_problem(
    infra: Infra, namespace: str
) -> None:
    settings = reporting_settings(infra, namespace)
    async with running(reporting_app(settings)) as api:
        await publish(infra, namespace, cohort_events(4, mentors=1))
        await eventually(lambda: _partnerships(api), within=60)
        await eventually(lambda: _no_lag(api))
        csv = (await api.get("/exports/partnerships.csv")).content.decode("utf-8-sig")
        xlsx = await api.get("/exports/regions.xlsx")
        unknown = [
            await api.get(path) for path in ("/exports/nothing.csv", "/smes/sme-0000ffff0000")
        ]
    lines = csv.splitlines()
    assert lines[0] == "Kemitraan UMKM dengan Usaha Besar/Menengah"
    assert lines[1].startswith("Per tanggal ")
    assert lines[3].startswith("ID Kemitraan;Mitra;ID UMKM;Nama Usaha;Pola Kemitraan")
    assert lines[4].endswith(";Rp6.000.000")
    assert xlsx.content[:2] == b"PK"  # a zip: an Office Open XML workbook
    for problem in unknown:  # the platform's one error shape
        assert problem.status_code == 404
        assert problem.headers["content-type"] == "application/problem+json"
        assert problem.json()["type"] == "urn:umkmjuara:problem:not-found"


async def _partnerships(client: httpx.AsyncClient) -> bool | None:
    page = (await client.get("/partnerships")).json()
    return True if page["total"] == 1 else None
