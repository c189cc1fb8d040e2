"""Demo data for `./dev up`: Kabupaten Bekasi UMKM and their partnerships, through the APIs.

Safe to run again on kept data: SMEs go in with an Idempotency-Key, partners by NIB (a 409
names the partner already registered), and each partnership is found by partner, SME and
pattern and only takes the steps it has not taken yet.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from devstack.demo_partnerships import PARTNERSHIPS, RETAILERS, advance, settled


@dataclass(frozen=True)
class DemoSme:
    """A made-up but well-formed UMKM: NIK in region 32.16.xx with a valid birth date."""

    name: str
    nik: str
    kbli: str
    kecamatan: str
    nib: str | None
    capital: int
    sales: int
    halal: str | None = None
    pirt: str | None = None

    def licences(self) -> dict[str, str | None]:
        """Every licence held: the body of a licence update (a full replacement)."""
        return {"nib": self.nib, "halal_certificate": self.halal, "pirt": self.pirt}

    def held(self) -> set[str]:
        """The licence names the partnership service learns from registration's events."""
        named = {"nib": self.nib, "halal": self.halal, "pirt": self.pirt}
        return {name for name, number in named.items() if number}


DEMO_SMES = [
    DemoSme(
        "Keripik Tempe Bu Sari", "3216014506900001", "10792", "32.16.01", "9120001234501",
        capital=250_000_000, sales=480_000_000,
        halal="ID32110000123450922", pirt="2063216010123-27",
    ),
    DemoSme(
        "Batik Tulis Cikarang", "3216061203850002", "13134", "32.16.06", "9120001234502",
        capital=1_200_000_000, sales=3_100_000_000,
    ),
    DemoSme(
        "Dodol Betawi Mang Udin", "3216071508780003", "10739", "32.16.07", "9120001234503",
        capital=90_000_000, sales=310_000_000,
        halal="ID32110000123451023", pirt="2073216070456-25",
    ),
    DemoSme(
        "Kopi Bojongmangu", "3216235201920004", "10761", "32.16.23", "9120001234504",
        capital=400_000_000, sales=900_000_000,
        halal="ID32110000123452124", pirt="2103216230789-26",
    ),
    DemoSme(
        "Anyaman Bambu Sukatani", "3216092011800005", "16292", "32.16.09", None,
        capital=40_000_000, sales=150_000_000,
    ),
]  # fmt: skip


@dataclass(frozen=True)
class Seeded:
    """What the demo holds after seeding."""

    smes: int
    partners: int
    partnerships: int

    def __str__(self) -> str:
        return f"demo: {self.smes} UMKM, {self.partners} partners, {self.partnerships} partnerships"


def _until(probe: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not probe():
        if time.monotonic() > deadline:
            raise RuntimeError(f"demo: {what} in time")
        time.sleep(0.5)


def _register(http: httpx.Client, registration_url: str, sme: DemoSme) -> str:
    figures = {"business_capital": sme.capital, "annual_sales": sme.sales, "as_of": "2022-06-30"}
    body: dict[str, Any] = {
        "business_name": sme.name,
        "owner_nik": sme.nik,
        "kbli": sme.kbli,
        "kabupaten_code": "32.16",
        "kecamatan_code": sme.kecamatan,
        "nib": sme.nib,
        "financials": figures,
    }
    resp = http.post(
        f"{registration_url}/smes", json=body, headers={"Idempotency-Key": f"demo-{sme.nik}"}
    )
    if resp.status_code not in (200, 201):
        raise RuntimeError(f"demo registration failed: {resp.status_code} {resp.text}")
    sme_id = str(resp.json()["sme_id"])
    # Licences are set by an update. Figures too, for an SME kept from an older demo that
    # registered without them; figures and licences as they are change nothing.
    update = {"financials": figures, "licences": sme.licences()}
    http.patch(f"{registration_url}/smes/{sme_id}", json=update).raise_for_status()
    return sme_id


def _register_partner(http: httpx.Client, partnership_url: str, body: dict[str, Any]) -> str:
    resp = http.post(f"{partnership_url}/partners", json=body)
    if resp.status_code == 409 and "existing_partner_id" in resp.json():
        return str(resp.json()["existing_partner_id"])
    if resp.status_code != 201:
        raise RuntimeError(f"demo partner failed: {resp.status_code} {resp.text}")
    return str(resp.json()["partner_id"])


def _facts_known(http: httpx.Client, partnership_url: str, sme_id: str, sme: DemoSme) -> bool:
    """The partnership service learned the SME, its licences and class from the events."""
    resp = http.get(f"{partnership_url}/smes/{sme_id}")
    if resp.status_code != 200:
        return False
    facts = resp.json()
    return sme.held() <= set(facts["licences"]) and facts["scale_class"] is not None


def _projected(http: httpx.Client, reporting_url: str, sme_id: str) -> bool:
    return http.get(f"{reporting_url}/smes/{sme_id}").status_code == 200


def seed_demo(
    registration_url: str, reporting_url: str, partnership_url: str, timeout: float = 60.0
) -> Seeded:
    """Register the demo SMEs, the five retailers and their partnerships; wait for reporting."""
    with httpx.Client(timeout=10) as http:
        smes = {sme.name: _register(http, registration_url, sme) for sme in DEMO_SMES}
        partners = {
            name: _register_partner(http, partnership_url, body) for name, body in RETAILERS.items()
        }
        _until(
            lambda: all(_facts_known(http, partnership_url, smes[s.name], s) for s in DEMO_SMES),
            timeout,
            "the partnership service did not learn the demo SMEs' licences",
        )
        done = [
            advance(http, f"{partnership_url}/partners/{partners[p.partner]}", p, smes[p.sme])
            for p in PARTNERSHIPS
        ]
        _until(
            lambda: all(_projected(http, reporting_url, i) for i in smes.values()),
            timeout,
            "the demo SMEs did not reach the reporting read model",
        )
        _until(
            lambda: settled(http, reporting_url, done),
            timeout,
            "the demo partnerships did not reach the reporting read model",
        )
    return Seeded(len(smes), len(partners), len(done))
