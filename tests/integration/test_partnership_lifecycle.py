"""A partnership's whole state machine over HTTP, Kafka and the Mongo-wire server."""

from typing import Any

import httpx

from tests.infra import Infra
from tests.integration.partnership_support import (
    AGREEMENT,
    MONTHS,
    PASSING,
    PRODUCT,
    licensed_sme,
    name_of,
    partnership_events,
    propose,
    published,
    register_partner,
    serving,
)

SALES = {"products": [{"sku": PRODUCT["sku"], "units_sold": 40, "gross_sales": 500000}]}
ACTIONS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "curate": ("POST", "curation", PASSING),
    "establish": ("POST", "agreement", AGREEMENT),
    "list_product": ("POST", "products", PRODUCT),
    "report_sales": ("PUT", f"sales/{MONTHS[0]}", SALES),
    "end": ("POST", "end", {"reason": "Tidak dilanjutkan"}),
}
ALLOWED = {
    "proposed": {"curate", "end"},
    "curation_failed": {"curate", "end"},
    "curated": {"establish", "end"},
    "active": {"list_product", "report_sales", "end"},
    "ended": set(),
}


async def _do(client: httpx.AsyncClient, base: str, action: str) -> httpx.Response:
    method, path, body = ACTIONS[action]
    return await client.request(method, f"{base}/{path}", json=body)


async def _bring_to(client: httpx.AsyncClient, base: str, state: str) -> None:
    steps = {
        "proposed": [],
        "curation_failed": ["curate"],
        "curated": ["curate"],
        "active": ["curate", "establish"],
        "ended": ["end"],
    }[state]
    for action in steps:
        assert (await _do(client, base, action)).status_code == 200
    assert (await client.get(base)).json()["status"] == state


async def test_every_refused_transition_answers_409_naming_the_state_and_every_open_one_ends(
    infra: Infra, namespace: str
) -> None:
    async with serving(infra, namespace) as (client, upstream):
        partner = await register_partner(client)
        halal = await licensed_sme(client, upstream)
        no_halal = await licensed_sme(client, upstream, halal=False)
        for state, allowed in ALLOWED.items():
            sme = no_halal if state == "curation_failed" else halal
            base = f"/partners/{partner}/partnerships/{await propose(client, partner, sme)}"
            await _bring_to(client, base, state)
            for action in sorted(set(ACTIONS) - allowed):
                refused = await _do(client, base, action)
                assert refused.status_code == 409, (state, action, refused.text)
                body = refused.json()
                assert body["current_state"] == state
                assert body["pesan"].startswith("Kemitraan berstatus")
                assert body["message"].startswith("The partnership is")
                assert refused.headers["content-type"] == "application/problem+json"
            if "end" in allowed:
                assert (await _do(client, base, "end")).json()["status"] == "ended"


async def test_a_partnership_lives_from_proposal_to_end_and_every_step_is_published(
    infra: Infra, namespace: str
) -> None:
    async with serving(infra, namespace) as (client, upstream):
        partner, sme = await register_partner(client), await licensed_sme(client, upstream)
        pid = await propose(client, partner, sme)
        base = f"/partners/{partner}/partnerships/{pid}"
        curated = (await client.post(f"{base}/curation", json=PASSING)).json()
        assert curated["status"] == "curated"
        assert all(item["met"] for item in curated["curation"]["items"])
        assert (await client.post(f"{base}/agreement", json=AGREEMENT)).json()["status"] == "active"
        listed = (await client.post(f"{base}/products", json=PRODUCT)).json()
        product_id = listed["listings"][0]["product_id"]
        assert (await client.put(f"{base}/sales/{MONTHS[0]}", json=SALES)).status_code == 200
        ended = await client.post(f"{base}/end", json={"reason": "Masa perjanjian berakhir"})
        assert ended.json()["status"] == "ended"
        listing = await client.get(f"/partners/{partner}/partnerships", params={"state": "ended"})
        assert [p["partnership_id"] for p in listing.json()] == [pid]

        await published(infra, namespace, "PartnershipEnded", 1)
    events = await partnership_events(infra, namespace)
    mine = [e for e in events if e["subject"] == pid]
    assert [name_of(e) for e in mine] == [
        "PartnershipProposed",
        "PartnershipCurated",
        "PartnershipEstablished",
        "ProductListed",
        "SalesReported",
        "PartnershipEnded",
    ]
    assert [e["aggregateversion"] for e in mine] == [1, 2, 3, 4, 5, 6]
    assert {e["key"] for e in mine} == {sme}
    established = mine[2]["data"]
    assert (established["partner_sector"], established["payment_terms_days"]) == (
        "ritel_modern",
        14,
    )
    assert mine[4]["data"]["products"] == [
        {"product_id": product_id, "units_sold": 40, "gross_sales": 500000}
    ]
    joined = [e for e in events if name_of(e) == "PartnerRegistered"]
    assert [(e["key"], e["data"]["name"]) for e in joined] == [(partner, "Indomaret")]


async def test_sales_corrections_replace_the_month_and_never_add_to_it(
    infra: Infra, namespace: str
) -> None:
    async with serving(infra, namespace) as (client, upstream):
        partner, sme = await register_partner(client), await licensed_sme(client, upstream)
        base = f"/partners/{partner}/partnerships/{await propose(client, partner, sme)}"
        await client.post(f"{base}/curation", json=PASSING)
        await client.post(f"{base}/agreement", json=AGREEMENT)
        await client.post(f"{base}/products", json=PRODUCT)
        first, second = MONTHS
        await client.put(f"{base}/sales/{first}", json=SALES)
        await client.put(f"{base}/sales/{second}", json=SALES)
        fixed = {"products": [{"sku": PRODUCT["sku"], "units_sold": 48, "gross_sales": 600000}]}
        corrected = (await client.put(f"{base}/sales/{first}", json=fixed)).json()
        assert corrected["sales"][first][PRODUCT["sku"]] == {
            "units_sold": 48,
            "gross_sales": 600000,
        }
        unlisted = {"products": [{"sku": "IDM-NOPE", "units_sold": 1, "gross_sales": 1}]}
        refused = await client.put(f"{base}/sales/{first}", json=unlisted)
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["field"] == "products"
        assert (await client.put(f"{base}/sales/2022-13", json=fixed)).status_code == 422

        view = (await client.get("/compliance", params={"kabupaten_code": "32.16"})).json()
        assert view["partners"][0]["sales_to_date"] == 1100000
        assert view["partners"][0]["units_sold_to_date"] == 88
        reports = await published(infra, namespace, "SalesReported", 3)
    assert [(r["data"]["period"], r["data"]["gross_sales"]) for r in reports] == [
        (first, 500000),
        (second, 500000),
        (first, 600000),
    ]
