"""`./dev up`'s demo data against the four services as processes: seeded twice, present once,
and each demo user signing in sees what `./dev up` says they see."""

import asyncio
import json
from collections import Counter
from typing import Any

import httpx

from devstack.demo import DEMO_SMES, Seeded, seed_demo
from devstack.demo_mentoring import ENROLLMENTS, MENTORS
from devstack.demo_partnerships import PARTNERSHIPS, RETAILERS
from devstack.services import RunningService
from tests.infra import Infra
from tests.kafka_reader import read_all
from tests.polling import eventually
from tests.privacy import record_response

BEKASI = sum(sme.kabupaten == "32.16" for sme in DEMO_SMES)


async def _event_names(infra: Infra, namespace: str) -> Counter[str]:
    """How many events of each name registration, mentoring and partnership published."""
    names: Counter[str] = Counter()
    for context in ("registration", "mentoring", "partnership"):
        topic = f"{namespace}umkm-juara.{context}.v1"
        for record in await read_all(infra, topic):
            names[json.loads(record.value)["type"].split(".")[2]] += 1
    return names


async def _seed(platform: dict[str, RunningService], infra: Infra) -> Seeded:
    urls = {name: svc.url for name, svc in platform.items()}
    return await asyncio.to_thread(seed_demo, urls, infra.oidc_issuer, 120.0)


def _client() -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=10, event_hooks={"response": [record_response]})


async def test_the_demo_seeded_twice_holds_each_partner_and_partnership_once(
    platform: dict[str, RunningService], infra: Infra, namespace: str
) -> None:
    first = await _seed(platform, infra)
    published = await _event_names(infra, namespace)
    again = await _seed(platform, infra)

    dinas = await infra.tokens.headers_async("dinas.bekasi")
    viewer = await infra.tokens.headers_async("viewer.bekasi")
    partnership = platform["partnership"].url
    async with _client() as http:
        partners = (await http.get(f"{partnership}/partners", headers=dinas)).json()
        states: Counter[tuple[str, str]] = Counter()
        for partner in partners:
            url = f"{partnership}/partners/{partner['partner_id']}/partnerships"
            for p in (await http.get(url, headers=dinas)).json():
                states[partner["name"], p["status"]] += 1
        smes_url = f"{platform['registration'].url}/smes?kabupaten_code=32.16"
        smes = (await http.get(smes_url, headers=dinas)).json()

        async def reported() -> dict[str, Any] | None:
            url = f"{platform['reporting'].url}/partnerships"
            page = (await http.get(url, headers=viewer)).json()
            return page if page["total"] == len(PARTNERSHIPS) else None

        page = await eventually(reported, within=60)
    republished = await _event_names(infra, namespace)

    assert (
        str(first) == str(again) == "demo: 6 UMKM, 5 partners, 5 partnerships, 1 cohort, 2 mentors"
    )
    assert (again.cohort_id, again.partners, again.smes) == (
        first.cohort_id,
        first.partners,
        first.smes,
    )
    assert sorted(p["name"] for p in partners) == sorted(RETAILERS)
    assert states == Counter((p.partner, p.target) for p in PARTNERSHIPS)
    assert smes["total"] == BEKASI
    assert republished == published  # the second run published nothing
    assert published["SMERegistered"] == len(DEMO_SMES)
    assert published["PartnershipProposed"] == len(PARTNERSHIPS)
    assert published["SalesReported"] == 3  # one month each, and one correction
    assert published["MentorRegistered"] == len(MENTORS)
    assert published["MentorSessionLogged"] == sum(len(e.sessions) for e in ENROLLMENTS)
    assert published["SMEGraduated"] == 1  # Keripik Tempe: four sessions and halal
    rows = {row["partner_name"]: row for row in page["items"]}
    assert sorted(rows) == sorted(RETAILERS)
    assert (rows["Indomaret"]["status"], rows["Indomaret"]["gross_sales"]) == ("active", 7_700_000)
    assert rows["Indomaret"]["product_count"] == 2
    assert (rows["Papaya Mart"]["status"], rows["Alfamidi"]["status"]) == ("ended", "proposed")


async def test_each_demo_user_signing_in_sees_the_demo_data_dev_up_says_they_see(
    platform: dict[str, RunningService], infra: Infra
) -> None:
    seeded = await _seed(platform, infra)
    smes, cohort = seeded.smes, f"{platform['mentoring'].url}/cohorts/{seeded.cohort_id}"

    async def get(user: str, url: str) -> httpx.Response:
        return await http.get(url, headers=await infra.tokens.headers_async(user))

    async with _client() as http:
        mentee = await get("mentor.bekasi", f"{cohort}/enrollments/{smes['Keripik Tempe Bu Sari']}")
        not_mine = await get("mentor.bekasi", f"{cohort}/enrollments/{smes['Kopi Bojongmangu']}")
        coordinated = await get("coordinator.bekasi", cohort)
        partners = await get("partner.indomaret", f"{platform['partnership'].url}/partners")
        own_url = f"{platform['partnership'].url}/partners/partner-00000000a001/partnerships"
        own = await get("partner.indomaret", own_url)
        registers = {
            user: (await get(user, f"{platform['registration'].url}/smes")).json()["total"]
            for user in ("dinas.bekasi", "dinas.bandung")
        }
        dashboards = {
            user: (await get(user, f"{platform['reporting'].url}/smes")).json()["total"]
            for user in ("viewer.bekasi", "viewer.bandung")
        }
    described = seeded.describe_users()

    assert mentee.status_code == 200, mentee.text
    assert (mentee.json()["mentor_id"], mentee.json()["sessions_logged"]) == (
        "mentor-00000000b001",
        4,
    )
    assert mentee.json()["graduation"] is not None
    assert not_mine.status_code == 403
    assert coordinated.status_code == 200, coordinated.text
    assert coordinated.json()["enrolled"] == len(ENROLLMENTS)
    assert [(p["partner_id"], p["name"]) for p in partners.json()] == [
        ("partner-00000000a001", "Indomaret")
    ]
    assert [(p["sme_id"], p["status"]) for p in own.json()] == [
        (smes["Keripik Tempe Bu Sari"], "active")
    ]
    assert registers == {"dinas.bekasi": BEKASI, "dinas.bandung": len(DEMO_SMES) - BEKASI}
    assert dashboards == {"viewer.bekasi": BEKASI, "viewer.bandung": len(DEMO_SMES) - BEKASI}
    assert f"in cohort {seeded.cohort_id} only its mentees: Keripik Tempe Bu Sari" in described
    assert f"cohort {seeded.cohort_id}: its {len(ENROLLMENTS)} enrollments" in described
    assert "32.04 only: 1 UMKM" in described
    assert "partner-00000000a001 (Indomaret)" in described
