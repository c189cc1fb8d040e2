"""Demo data for `./dev up`: UMKM of Kabupaten Bekasi (and one of Kabupaten Bandung), their
mentoring cohort and their partnerships, through the APIs as the dev realm's demo users.

Each SME is registered by the Dinas of its kabupaten. The ids match the realm (see
demo_mentoring and demo_partnerships), so signing in as a demo user shows real data;
`Seeded.describe_users` says what each one sees.

Safe to run again on kept data: SMEs go in with an Idempotency-Key, partners by NIB (a 409
names the partner already registered), mentors under fixed ids, the cohort is found by name,
and each enrollment and partnership only takes the steps it has not taken yet.
"""

from dataclasses import dataclass
from typing import Any

import httpx

from devstack.demo_api import DINAS_BANDUNG, DINAS_BEKASI, Api, ok, until
from devstack.demo_mentoring import (
    COORDINATOR_ID,
    ENROLLMENTS,
    MENTORS,
    cohort_settled,
    seed_mentoring,
)
from devstack.demo_partnerships import PARTNERSHIPS, RETAILERS, advance, register_partner, settled
from devstack.realm import demo_users, describe_demo_users
from devstack.tokens import tokens_of


@dataclass(frozen=True)
class DemoSme:
    """A made-up but well-formed UMKM: NIK of its kecamatan with a valid birth date."""

    name: str
    nik: str
    kbli: str
    kecamatan: str
    nib: str | None
    capital: int
    sales: int
    halal: str | None = None
    pirt: str | None = None

    @property
    def kabupaten(self) -> str:
        """The kabupaten code, e.g. `32.16`."""
        return self.kecamatan.rsplit(".", 1)[0]

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
    # Kabupaten Bandung's: what dinas.bekasi and viewer.bekasi must not see.
    DemoSme(
        "Kue Balok Cileunyi", "3204054410870006", "10710", "32.04.05", "9120001234506",
        capital=60_000_000, sales=200_000_000,
    ),
]  # fmt: skip
DINAS = {"32.16": DINAS_BEKASI, "32.04": DINAS_BANDUNG}
"""Who registers a kabupaten's SMEs."""
BEKASI = [s for s in DEMO_SMES if s.kabupaten == "32.16"]
"""The SMEs with partnerships: the Bekasi ones."""


def _register(api: Api, registration_url: str, sme: DemoSme) -> str:
    figures = {"business_capital": sme.capital, "annual_sales": sme.sales, "as_of": "2022-06-30"}
    body: dict[str, Any] = {
        "business_name": sme.name,
        "owner_nik": sme.nik,
        "kbli": sme.kbli,
        "kabupaten_code": sme.kabupaten,
        "kecamatan_code": sme.kecamatan,
        "nib": sme.nib,
        "financials": figures,
    }
    dinas, key = DINAS[sme.kabupaten], {"Idempotency-Key": f"demo-{sme.nik}"}
    resp = api.post(dinas, f"{registration_url}/smes", json=body, headers=key)
    sme_id = str(ok(resp, f"registration of {sme.name}")["sme_id"])
    # Licences are set by an update. Figures too, for an SME kept from an older demo that
    # registered without them; figures and licences as they are change nothing.
    update = {"financials": figures, "licences": sme.licences()}
    ok(api.patch(dinas, f"{registration_url}/smes/{sme_id}", json=update), "licence update")
    return sme_id


def _facts_known(api: Api, partnership_url: str, sme_id: str, sme: DemoSme) -> bool:
    """The partnership service learned the SME, its licences and class from the events."""
    resp = api.get(DINAS[sme.kabupaten], f"{partnership_url}/smes/{sme_id}")
    if resp.status_code != 200:
        return False
    facts = resp.json()
    return sme.held() <= set(facts["licences"]) and facts["scale_class"] is not None


def _projected(api: Api, reporting_url: str, sme_id: str) -> bool:
    return api.watch(f"{reporting_url}/smes/{sme_id}").status_code == 200


@dataclass(frozen=True)
class Seeded:
    """What the demo holds after seeding: ids by name."""

    smes: dict[str, str]
    partners: dict[str, str]
    partnerships: dict[tuple[str, str], str]
    """(partner name, SME name) -> partnership id."""
    cohort_id: str

    def __str__(self) -> str:
        return (
            f"demo: {len(self.smes)} UMKM, {len(self.partners)} partners, "
            f"{len(self.partnerships)} partnerships, 1 cohort, {len(MENTORS)} mentors"
        )

    def sees(self, roles: tuple[str, ...], claims: dict[str, str]) -> str:
        """What a user with these roles and claims (a demo user's) sees of the demo."""
        role = roles[0] if roles else ""
        if role in {"dinas_kabupaten", "viewer"}:
            return self._regional(claims.get("kabupaten_code", ""), role == "viewer")
        coordinates = claims.get("coordinator_id") == COORDINATOR_ID
        mentees = [e.sme for e in ENROLLMENTS if e.mentor_id == claims.get("mentor_id")]
        named = ", ".join(f"{name} ({self.smes[name]})" for name in mentees)
        by_role = {
            "admin_provinsi": f"everything: {str(self).removeprefix('demo: ')}",
            "coordinator": f"cohort {self.cohort_id}: its {len(ENROLLMENTS)} enrollments"
            if coordinates
            else "",
            "mentor": f"in cohort {self.cohort_id} only its mentees: {named}" if named else "",
            "partner": self._partner(claims.get("partner_id")),
            "bank": "no SME: only the pseudonymised feed umkm-juara.bankjabar-feed.v1",
        }
        return by_role.get(role) or "nothing of the demo"

    def _regional(self, where: str, viewer: bool) -> str:
        local = {s.name for s in DEMO_SMES if s.kabupaten == where}
        partnerships = sum(sme in local for _, sme in self.partnerships)
        cohort = f"cohort {self.cohort_id}, " if local & {e.sme for e in ENROLLMENTS} else ""
        how = "dashboards and exports" if viewer else "registers and manages them"
        return (
            f"{where} only: {len(local)} UMKM, {cohort}{partnerships} partnerships ({how}); "
            "nothing of another kabupaten"
        )

    def _partner(self, partner_id: str | None) -> str:
        name = next((n for n, i in self.partners.items() if i == partner_id), None)
        if name is None:
            return (
                f"nothing: no demo partner has the id {partner_id} (one kept from an older "
                "demo under another id? start once with --fresh)"
            )
        mine = [p for (partner, _), p in self.partnerships.items() if partner == name]
        return f"its own partner record {partner_id} ({name}) and partnerships {', '.join(mine)}"

    def describe_users(self) -> str:
        """`realm.describe_demo_users`, each user followed by what they see of the demo."""
        sees = {u.username: self.sees(u.roles, u.attributes) for u in demo_users()}
        lines = []
        for line in describe_demo_users().splitlines():
            lines.append(line)
            if line.startswith("  ") and line.split()[0] in sees:
                lines.append(f"      sees {sees[line.split()[0]]}")
        return "\n".join(lines)


def seed_demo(urls: dict[str, str], issuer: str, timeout: float = 60.0) -> Seeded:
    """Register the demo SMEs, the mentoring cohort, the five retailers and their
    partnerships, each step as the demo user whose step it is; wait for reporting.

    `urls` has each service's base URL by name; `issuer` is the dev realm's.
    """
    with httpx.Client(timeout=10) as http:
        api = Api(http, tokens_of(issuer))
        smes = {sme.name: _register(api, urls["registration"], sme) for sme in DEMO_SMES}
        partners = {name: register_partner(api, urls["partnership"], name) for name in RETAILERS}
        cohort_id = seed_mentoring(api, urls, smes, timeout)
        until(
            lambda: all(_facts_known(api, urls["partnership"], smes[s.name], s) for s in BEKASI),
            timeout,
            "the partnership service did not learn the demo SMEs' licences",
        )
        done = [
            advance(api, f"{urls['partnership']}/partners/{partners[p.partner]}", p, smes[p.sme])
            for p in PARTNERSHIPS
        ]
        until(
            lambda: all(_projected(api, urls["reporting"], i) for i in smes.values()),
            timeout,
            "the demo SMEs did not reach the reporting read model",
        )
        until(
            lambda: settled(api, urls["reporting"], done),
            timeout,
            "the demo partnerships did not reach the reporting read model",
        )
        until(
            lambda: cohort_settled(api, urls["reporting"], cohort_id),
            timeout,
            "the demo cohort did not reach the reporting read model",
        )
    partnerships = {(d.plan.partner, d.plan.sme): d.partnership_id for d in done}
    return Seeded(smes, partners, partnerships, cohort_id)
