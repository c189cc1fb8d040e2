"""The demo's partners (the five retailers Perbup 73/2020 names) and partnerships in every state.

`advance` takes one partnership from wherever it stands to its demo state: a re-run finds it
by partner, SME and pattern, and takes only the steps not yet taken (no second proposal,
listing or sales report). The Dinas of Bekasi takes the office's steps; a retailer with an
account in the dev realm (Indomaret, `partner.indomaret`) lists its products and reports its
sales itself, the Dinas does it for the others.
"""

from dataclasses import dataclass
from typing import Any, Literal

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
Sales = tuple[tuple[str, int, int], ...]
"""One month's figures: (SKU, units sold, gross sales in Rupiah) per product."""


@dataclass(frozen=True)
class DemoPartnership:
    """One partnership and the state the demo leaves it in."""

    partner: str
    sme: str
    pattern: str
    target: Literal["proposed", "curation_failed", "active", "ended"]
    outlets: tuple[str, ...]
    products: tuple[str, ...]
    """The products proposed, by name."""
    agreement: str | None = None
    listings: tuple[tuple[str, str, int], ...] = ()
    """(SKU, name, unit price in Rupiah) listed once the agreement is signed."""
    sales: tuple[tuple[str, Sales], ...] = ()
    """(YYYY-MM, figures) in order; a month given again is a correction."""
    end_reason: str | None = None

    def final_sales(self) -> dict[str, dict[str, dict[str, int]]]:
        """Each month's figures after its corrections, as the partnership API shows them."""
        return {
            period: {sku: {"units_sold": u, "gross_sales": g} for sku, u, g in lines}
            for period, lines in self.sales
        }


_IDM = ("Indomaret Cikarang Baru", "Indomaret Tambun Selatan")
_KERIPIK = ("Keripik Tempe Original 100 g", "Keripik Tempe Pedas 100 g")
_KOPI = ("Kopi Robusta Bojongmangu 200 g",)
PARTNERSHIPS = [
    DemoPartnership(
        "Indomaret", "Keripik Tempe Bu Sari", "perdagangan_umum", "active", _IDM, _KERIPIK,
        "PKS/IDM-UMKM/032/VIII/2022",
        listings=(
            ("IDM-UMKM-000123", _KERIPIK[0], 12_500), ("IDM-UMKM-000124", _KERIPIK[1], 13_000),
        ),
        sales=(
            ("2022-09", (("IDM-UMKM-000123", 480, 6_000_000), ("IDM-UMKM-000124", 150, 1_950_000))),
            # The partner's correction: 20 packs of the original were returns.
            ("2022-09", (("IDM-UMKM-000123", 460, 5_750_000), ("IDM-UMKM-000124", 150, 1_950_000))),
        ),
    ),
    DemoPartnership(
        "Alfamart", "Dodol Betawi Mang Udin", "distribusi_dan_keagenan", "active",
        ("Alfamart Cibitung", "Alfamart Tambun Utara"), ("Dodol Betawi Ketan Hitam 250 g",),
        "PKS/ALF-UMKM/118/IX/2022",
        listings=(("ALF-UMKM-004471", "Dodol Betawi Ketan Hitam 250 g", 18_000),),
        sales=(("2022-09", (("ALF-UMKM-004471", 210, 3_780_000),)),),
    ),
    DemoPartnership(
        "Alfamidi", "Kopi Bojongmangu", "perdagangan_umum", "proposed", ("Alfamidi Cikarang",),
        _KOPI,
    ),
    DemoPartnership(
        "Hypermart", "Anyaman Bambu Sukatani", "perdagangan_umum", "curation_failed",
        ("Hypermart Cikarang",), ("Keranjang Anyaman Bambu Sedang",),
    ),
    DemoPartnership(
        "Papaya Mart", "Kopi Bojongmangu", "rantai_pasok", "ended", ("Papaya Mart Cikarang",),
        _KOPI, "PKS/PPY-UMKM/007/IX/2022",
        listings=(("PPY-UMKM-0091", _KOPI[0], 45_000),),
        end_reason="Masa uji coba tiga bulan selesai, tidak diperpanjang",
    ),
]  # fmt: skip


@dataclass(frozen=True)
class Done:
    """A demo partnership as it stands, to look for in reporting."""

    partnership_id: str
    sme_id: str
    plan: DemoPartnership


def register_partner(api: Api, partnership_url: str, name: str) -> str:
    """A retailer's partner id: registered now (by the Dinas; by the province when its id is
    chosen), or found by its NIB (a 409 names the partner registered already)."""
    body = RETAILERS[name]
    user = ADMIN if "partner_id" in body else DINAS_BEKASI
    resp = api.post(user, f"{partnership_url}/partners", json=body)
    if resp.status_code == 409 and "existing_partner_id" in resp.json():
        return str(resp.json()["existing_partner_id"])
    return str(ok(resp, f"registration of partner {name}")["partner_id"])


def _find_or_propose(api: Api, base: str, plan: DemoPartnership, sme_id: str) -> Json:
    found: Json
    for found in ok(api.get(DINAS_BEKASI, base), "partnership look-up"):
        if (found["sme_id"], found["pattern"]) == (sme_id, plan.pattern):
            return found
    proposal = {
        "sme_id": sme_id,
        "pattern": plan.pattern,
        "products": list(plan.products),
        "outlets": list(plan.outlets),
    }
    proposed: Json = ok(api.post(DINAS_BEKASI, base, json=proposal), "proposal")
    return proposed


def _trade(api: Api, url: str, plan: DemoPartnership, p: Json) -> Json:
    seller = RETAILER_USERS.get(plan.partner, DINAS_BEKASI)
    listed = {item["sku"] for item in p["listings"]}
    for sku, name, price in plan.listings:
        if sku not in listed:
            body = {"sku": sku, "name": name, "unit_price": price, "outlets": list(plan.outlets)}
            body["listed_on"] = "2022-09-05"
            p = ok(api.post(seller, f"{url}/products", json=body), "product listing")
    final, reported = plan.final_sales(), p["sales"]
    for period, lines in plan.sales:
        if reported.get(period) != final[period]:  # a month already right is left alone
            figures = [{"sku": s, "units_sold": u, "gross_sales": g} for s, u, g in lines]
            sales = api.put(seller, f"{url}/sales/{period}", json={"products": figures})
            p = ok(sales, "sales report")
    return p


def advance(api: Api, partner_url: str, plan: DemoPartnership, sme_id: str) -> Done:
    """Take the partnership to its demo state through the partnership API."""
    base = f"{partner_url}/partnerships"
    p = _find_or_propose(api, base, plan, sme_id)
    url = f"{base}/{p['partnership_id']}"
    if p["status"] == "proposed" and plan.target != "proposed":
        p = ok(api.post(DINAS_BEKASI, f"{url}/curation", json=STAFF_CHECKS), "curation")
    if p["status"] == "curated" and plan.agreement:
        agreement = {
            "agreement_number": plan.agreement,
            "start_date": "2022-09-01",
            "end_date": "2023-08-31",
            "outlets": list(plan.outlets),
            "payment_terms_days": 14,
            "shelf_space": "Rak produk UMKM lokal",
            "no_ownership_or_control": True,
        }
        p = ok(api.post(DINAS_BEKASI, f"{url}/agreement", json=agreement), "agreement")
    if p["status"] == "active":
        p = _trade(api, url, plan, p)
        if plan.end_reason:
            body = {"reason": plan.end_reason, "ended_on": "2022-11-30"}
            p = ok(api.post(DINAS_BEKASI, f"{url}/end", json=body), "end")
    if p["status"] != plan.target:
        raise RuntimeError(f"demo partnership {p['partnership_id']} is {p['status']}")
    return Done(p["partnership_id"], sme_id, plan)


def _reached(row: Json, plan: DemoPartnership) -> bool:
    """Reporting applied the partnership's last event (it names a failed curation its own way)."""
    if plan.target == "curation_failed":
        return bool(row["status"] != "proposed")
    gross = sum(f["gross_sales"] for m in plan.final_sales().values() for f in m.values())
    return (row["status"], row["gross_sales"]) == (plan.target, gross)


def settled(api: Api, reporting_url: str, done: list[Done]) -> bool:
    """Reporting shows every demo partnership in its final state, sales included."""
    for d in done:
        resp = api.watch(f"{reporting_url}/partnerships", sme_id=d.sme_id)
        rows = {r["partnership_id"]: r for r in resp.json()["items"]} if resp.is_success else {}
        row = rows.get(d.partnership_id)
        if row is None or not _reached(row, d.plan):
            return False
    return True
