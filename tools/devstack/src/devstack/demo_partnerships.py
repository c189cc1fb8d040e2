"""The demo's partners (the five retailers Perbup 73/2020 names) and their partnerships.

`advance` takes one partnership from wherever it stands to its demo state: a re-run finds it
by partner, SME and pattern, and takes only the steps not yet taken (no second proposal,
listing or sales report). The Dinas of Bekasi takes the office's steps; a retailer with an
account in the dev realm (Indomaret, `partner.indomaret`) lists its products and reports its
sales itself, the Dinas does it for the others.
"""

from datetime import date, timedelta
from typing import Any

from devstack.bekasi2022_model import PlannedPartnership
from devstack.demo_api import DINAS_BEKASI, INDOMARET, Api, Json, ok
from devstack.tokens import ADMIN


def _retailer(name: str, nib: str, contact: str, phone: str) -> dict[str, Any]:
    return {
        "name": name,
        "company_type": "usaha_besar",
        "sector": "ritel_modern",
        "nib": nib,  # made up, well-formed
        "kabupaten_code": "32.16",
        "contact_person": {"name": contact, "phone": phone},
    }


RETAILERS = {
    # The id its accounts carry (`partner_id` claim of partner.indomaret): set by the province.
    "Indomaret": _retailer("Indomaret", "8120100000011", "Budi Santoso", "+6281298765401")
    | {"partner_id": "partner-00000000a001"},
    "Alfamart": _retailer("Alfamart", "8120100000022", "Rina Marlina", "+6281298765402"),
    "Alfamidi": _retailer("Alfamidi", "8120100000033", "Agus Setiawan", "+6281298765403"),
    "Hypermart": _retailer("Hypermart", "8120100000044", "Dewi Lestari", "+6281298765404"),
    "Papaya Mart": _retailer("Papaya Mart", "8120100000055", "Hendra Wijaya", "+6281298765405"),
}
RETAILER_USERS = {"Indomaret": INDOMARET}
"""Retailers that sign in themselves; the Dinas reports for the others."""
STAFF_CHECKS = {"standard_packaging": True, "steady_supply": True}


async def register_partner(api: Api, partnership_url: str, name: str) -> str:
    """A retailer's partner id: registered now (by the Dinas; by the province when its id is
    chosen), or found by its NIB (a 409 names the partner registered already)."""
    body = RETAILERS[name]
    user = ADMIN if "partner_id" in body else DINAS_BEKASI
    resp = await api.post(user, f"{partnership_url}/partners", json=body)
    if resp.status_code == 409 and "existing_partner_id" in resp.json():
        return str(resp.json()["existing_partner_id"])
    return str(ok(resp, f"registration of partner {name}")["partner_id"])


async def knows_licences(api: Api, partnership_url: str, sme_id: str, held: set[str]) -> bool:
    """The partnership service learned the SME, its licences and class from the events."""
    resp = await api.get(DINAS_BEKASI, f"{partnership_url}/smes/{sme_id}")
    if resp.status_code != 200:
        return False
    facts = resp.json()
    return held <= set(facts["licences"]) and facts["scale_class"] is not None


async def _find_or_propose(api: Api, base: str, plan: PlannedPartnership, sme_id: str) -> Json:
    found: Json
    for found in ok(await api.get(DINAS_BEKASI, base), "partnership look-up"):
        if (found["sme_id"], found["pattern"]) == (sme_id, plan.pattern):
            return found
    proposal = {
        "sme_id": sme_id,
        "pattern": plan.pattern,
        "products": [plan.product],
        "outlets": list(plan.outlets),
    }
    proposed: Json = ok(await api.post(DINAS_BEKASI, base, json=proposal), "proposal")
    return proposed


async def _trade(api: Api, url: str, plan: PlannedPartnership, p: Json, start: date) -> Json:
    seller = RETAILER_USERS.get(plan.partner, DINAS_BEKASI)
    if plan.sku and plan.sku not in {item["sku"] for item in p["listings"]}:
        body = {
            "sku": plan.sku,
            "name": plan.product,
            "unit_price": plan.unit_price,
            "outlets": list(plan.outlets),
            "listed_on": (start + timedelta(days=5)).isoformat(),
        }
        p = ok(await api.post(seller, f"{url}/products", json=body), "product listing")
    for period, units in plan.sales:
        line = {"sku": plan.sku, "units_sold": units, "gross_sales": units * plan.unit_price}
        if p["sales"].get(period) != {
            plan.sku: {"units_sold": units, "gross_sales": line["gross_sales"]}
        }:
            sales = await api.put(seller, f"{url}/sales/{period}", json={"products": [line]})
            p = ok(sales, "sales report")
    return p


async def advance(api: Api, partner_url: str, plan: PlannedPartnership, sme_id: str) -> str:
    """Take the partnership to its demo state through the partnership API; its id."""
    base = f"{partner_url}/partnerships"
    p = await _find_or_propose(api, base, plan, sme_id)
    url = f"{base}/{p['partnership_id']}"
    if p["status"] == "proposed" and plan.target != "proposed":
        p = ok(await api.post(DINAS_BEKASI, f"{url}/curation", json=STAFF_CHECKS), "curation")
    if p["status"] == "curated" and plan.agreement and plan.start_date:
        agreement = {
            "agreement_number": plan.agreement,
            "start_date": plan.start_date.isoformat(),
            "end_date": plan.start_date.replace(year=2023).isoformat(),
            "outlets": list(plan.outlets),
            "payment_terms_days": 14,
            "shelf_space": "Rak produk UMKM lokal",
            "no_ownership_or_control": True,
        }
        p = ok(await api.post(DINAS_BEKASI, f"{url}/agreement", json=agreement), "agreement")
    if p["status"] == "active" and plan.start_date:
        p = await _trade(api, url, plan, p, plan.start_date)
        if plan.ended_on:
            body = {
                "reason": "Masa uji coba selesai, tidak diperpanjang",
                "ended_on": plan.ended_on.isoformat(),
            }
            p = ok(await api.post(DINAS_BEKASI, f"{url}/end", json=body), "end")
    if p["status"] != plan.target:
        raise RuntimeError(
            f"demo partnership {p['partnership_id']} is {p['status']}, not {plan.target}"
        )
    return str(p["partnership_id"])
