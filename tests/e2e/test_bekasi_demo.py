"""`./dev up`'s demo, the generated Bekasi 2022 cohort, seeded through the APIs of the four
services as processes with `./dev up`'s own seeding code: reporting's totals at province,
kabupaten and cohort level equal the figures the generator expects under graduation.v2."""

from typing import Any

import httpx

from devstack.demo import Seeded, seed_demo_async
from devstack.services import RunningService
from tests.infra import Infra
from tests.polling import eventually
from tests.privacy import record_response

SEED_WITHIN = 300.0


def _client() -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=30, event_hooks={"response": [record_response]})


async def _totals(infra: Infra, url: str, user: str, **params: str) -> dict[str, Any]:
    async with _client() as http:
        resp = await http.get(
            f"{url}/totals", params=params, headers=await infra.tokens.headers_async(user)
        )
    assert resp.status_code == 200, resp.text
    return dict(resp.json())


async def _regions(infra: Infra, url: str, user: str, **params: str) -> dict[str, Any]:
    """Each kecamatan's UMKM, sessions and graduates as /regions shows them."""
    async with _client() as http:
        resp = await http.get(
            f"{url}/regions", params=params, headers=await infra.tokens.headers_async(user)
        )
    assert resp.status_code == 200, resp.text
    return {r["code"]: {k: r[k] for k in ("smes", "sessions", "graduated")} for r in resp.json()}


def _differences(totals: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    """Each expected field reporting shows otherwise: (reported, expected)."""
    return {k: (totals.get(k), v) for k, v in expected.items() if totals.get(k) != v}


async def _seed(platform: dict[str, RunningService], infra: Infra) -> Seeded:
    urls = {name: svc.url for name, svc in platform.items()}
    return await seed_demo_async(urls, infra.oidc_issuer, SEED_WITHIN, show=False)


async def test_reporting_totals_of_the_seeded_bekasi_demo_equal_the_generators_figures(
    platform: dict[str, RunningService], infra: Infra
) -> None:
    seeded = await _seed(platform, infra)
    print(f"\n[bekasi demo] {seeded}\n[bekasi demo phases] {seeded.timings()}")
    expected = seeded.expected.totals()
    reporting = platform["reporting"].url

    async def kabupaten_matches() -> dict[str, Any] | None:
        found = await _totals(infra, reporting, "viewer.bekasi", region="32.16")
        return found if not _differences(found, expected) else None

    try:
        kabupaten = await eventually(kabupaten_matches, within=120, every=1)
    except AssertionError:
        kabupaten = await _totals(infra, reporting, "viewer.bekasi", region="32.16")
    province = await _totals(infra, reporting, "admin.provinsi")
    cohort = await _totals(infra, reporting, "viewer.bekasi", cohort_id=seeded.cohort_id)
    bandung = await _totals(infra, reporting, "viewer.bandung")
    kecamatan = await _regions(infra, reporting, "viewer.bekasi", region="32.16")

    assert seeded.notes == [], seeded.notes
    assert _differences(kabupaten, expected) == {}
    assert _differences(cohort, expected) == {}
    assert kabupaten["target"]["naik_kelas"] == seeded.expected.target == 300
    assert cohort["cohort_status"] == "closed"
    assert province["registered"] == seeded.expected.registered_province
    # The province adds Kabupaten Bandung's one UMKM and nothing of the cohort.
    province_only = {k: v for k, v in expected.items() if k != "registered"}
    assert _differences(province, province_only) == {}
    assert kecamatan == seeded.expected.by_kecamatan
    assert bandung["registered"] == 1
    assert bandung["sessions"] == 0


async def test_the_bekasi_demo_seeded_again_seeds_nothing_and_each_user_sees_their_part(
    platform: dict[str, RunningService], infra: Infra
) -> None:
    first = await _seed(platform, infra)
    again = await _seed(platform, infra)
    cohort_url = f"{platform['mentoring'].url}/cohorts/{first.cohort_id}"

    async with _client() as http:

        async def get(user: str, url: str) -> httpx.Response:
            return await http.get(url, headers=await infra.tokens.headers_async(user))

        mentor = await get("mentor.bekasi", cohort_url)
        coordinator = await get("coordinator.bekasi", cohort_url)
        own = await get(
            "partner.indomaret",
            f"{platform['partnership'].url}/partners/partner-00000000a001/partnerships",
        )
        registers = {
            user: (await get(user, f"{platform['registration'].url}/smes")).json()["total"]
            for user in ("dinas.bekasi", "dinas.bandung")
        }
    indomaret = [p for p in first.cohort.partnerships if p.partner == "Indomaret"]

    assert again.cohort_id == first.cohort_id
    assert again.notes == ["the demo cohort is there already (closed): nothing seeded"]
    assert mentor.status_code == 200, mentor.text
    assert len(mentor.json()["assigned_sme_ids"]) == 27
    assert coordinator.json()["enrolled"] == 162
    assert coordinator.json()["status"] == "closed"
    assert len(own.json()) == len(indomaret) == 10
    assert registers == {"dinas.bekasi": 162, "dinas.bandung": 1}
    assert f"cohort {first.cohort_id}: its 162 enrollments" in first.describe_users()
    assert "in cohort" in first.describe_users()
