"""`./dev up`'s demo data against the four services as processes: seeded twice, present once."""

import asyncio
import json
from collections import Counter
from typing import Any

import httpx

from devstack.demo import DEMO_SMES, seed_demo
from devstack.demo_partnerships import PARTNERSHIPS, RETAILERS
from devstack.services import RunningService
from tests.infra import Infra
from tests.kafka_reader import read_all
from tests.polling import eventually
from tests.privacy import record_response


async def _event_names(infra: Infra, namespace: str) -> Counter[str]:
    """How many events of each name registration and partnership published."""
    names: Counter[str] = Counter()
    for context in ("registration", "partnership"):
        topic = f"{namespace}umkm-juara.{context}.v1"
        for record in await read_all(infra, topic):
            names[json.loads(record.value)["type"].split(".")[2]] += 1
    return names


async def test_the_demo_seeded_twice_holds_each_partner_and_partnership_once(
    platform: dict[str, RunningService], infra: Infra, namespace: str
) -> None:
    urls = (platform["registration"].url, platform["reporting"].url, platform["partnership"].url)
    first = await asyncio.to_thread(seed_demo, *urls, 120.0)
    published = await _event_names(infra, namespace)
    again = await asyncio.to_thread(seed_demo, *urls, 120.0)

    async with httpx.AsyncClient(timeout=10, event_hooks={"response": [record_response]}) as http:
        partners = (await http.get(f"{platform['partnership'].url}/partners")).json()
        states: Counter[tuple[str, str]] = Counter()
        for partner in partners:
            url = f"{platform['partnership'].url}/partners/{partner['partner_id']}/partnerships"
            for p in (await http.get(url)).json():
                states[partner["name"], p["status"]] += 1
        smes = (await http.get(f"{platform['registration'].url}/smes?kabupaten_code=32.16")).json()

        async def reported() -> dict[str, Any] | None:
            page = (await http.get(f"{platform['reporting'].url}/partnerships")).json()
            return page if page["total"] == len(PARTNERSHIPS) else None

        page = await eventually(reported, within=60)
    republished = await _event_names(infra, namespace)

    assert str(first) == str(again) == "demo: 5 UMKM, 5 partners, 5 partnerships"
    assert sorted(p["name"] for p in partners) == sorted(RETAILERS)
    assert states == Counter((p.partner, p.target) for p in PARTNERSHIPS)
    assert smes["total"] == len(DEMO_SMES)
    assert republished == published  # the second run published nothing
    assert published["SMERegistered"] == len(DEMO_SMES)
    assert published["PartnershipProposed"] == len(PARTNERSHIPS)
    assert published["SalesReported"] == 3  # one month each, and one correction
    rows = {row["partner_name"]: row for row in page["items"]}
    assert sorted(rows) == sorted(RETAILERS)
    assert (rows["Indomaret"]["status"], rows["Indomaret"]["gross_sales"]) == ("active", 7_700_000)
    assert rows["Indomaret"]["product_count"] == 2
    assert (rows["Papaya Mart"]["status"], rows["Alfamidi"]["status"]) == ("ended", "proposed")
