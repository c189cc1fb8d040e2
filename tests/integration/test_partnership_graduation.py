"""A partnership-only graduation: registration, partnership and mentoring over HTTP and Kafka."""

import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx

from mentoring.entrypoints.app import create_app as mentoring_app
from partnership.entrypoints.app import create_app as partnership_app
from registration.entrypoints.app import create_app as registration_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.mentoring_support import (
    TODAY,
    enroll_when_known,
    mentoring_settings,
    open_cohort,
    register_mentor,
    session_body,
)
from tests.integration.partnership_support import (
    PASSING,
    known,
    partnership_settings,
    published,
)
from tests.integration.settings import registration_settings
from tests.polling import eventually

SARI = {
    "business_name": "Keripik Tempe Bu Sari",
    "owner_nik": "3216014506900001",
    "kbli": "10792",
    "kabupaten_code": "32.16",
    "kecamatan_code": "32.16.01",
    "nib": "9120001234567",
    "financials": {
        "business_capital": 250_000_000,
        "annual_sales": 480_000_000,
        "employees": 4,
        "as_of": (TODAY - timedelta(days=200)).isoformat(),
    },
}
LICENCES = {
    "nib": "9120001234567",
    "halal_certificate": "ID32110000123450922",
    "pirt": "2063216010123-27",
}
OUTLETS = ["Gerai Cikarang Baru"]


@dataclass
class Platform:
    """HTTP clients of the three services, all running in this process."""

    registration: httpx.AsyncClient
    partnership: httpx.AsyncClient
    mentoring: httpx.AsyncClient


@contextlib.asynccontextmanager
async def platform(infra: Infra, namespace: str) -> AsyncIterator[Platform]:
    """Registration, partnership and mentoring with their real relays and consumers."""
    async with (
        running(registration_app(registration_settings(infra, namespace))) as registration,
        running(partnership_app(partnership_settings(infra, namespace))) as partnership,
        running(mentoring_app(mentoring_settings(infra, namespace))) as mentoring,
    ):
        yield Platform(registration, partnership, mentoring)


def _ok(resp: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    body: dict[str, Any] = resp.json()
    return body


async def mentored_sme(apps: Platform) -> tuple[str, str]:
    """A licensed mikro SME, enrolled in a cohort with four sessions logged: (cohort, SME)."""
    sme = (_ok(await apps.registration.post("/smes", json=SARI), 201))["sme_id"]
    _ok(await apps.registration.patch(f"/smes/{sme}", json={"licences": LICENCES}))
    cohort, mentor = await open_cohort(apps.mentoring), await register_mentor(apps.mentoring)
    await enroll_when_known(apps.mentoring, cohort, sme)
    base = f"/cohorts/{cohort}/enrollments/{sme}"
    _ok(await apps.mentoring.put(f"{base}/mentor", json={"mentor_id": mentor}))
    for days_ago in range(1, 5):
        body = session_body(days_ago=days_ago)
        _ok(await apps.mentoring.post(f"{base}/sessions", json=body), 201)
    view = _ok(await apps.mentoring.get(base))
    assert (view["sessions_logged"], view["graduation"]) == (4, None)  # sessions alone: no
    await known(apps.partnership, sme, licences=["halal", "nib", "pirt"], scale_class="mikro")
    return cohort, sme


async def partner(apps: Platform, name: str, sector: str) -> str:
    """A large enterprise of Kabupaten Bekasi."""
    body = {
        "name": name,
        "company_type": "usaha_besar",
        "sector": sector,
        "nib": f"{uuid.uuid4().int % 10**13:013d}",
        "kabupaten_code": "32.16",
        "contact_person": {"name": "Budi Santoso", "phone": "+6281298765432"},
    }
    return str((_ok(await apps.partnership.post("/partners", json=body), 201))["partner_id"])


async def establish(apps: Platform, partner_id: str, sme: str, pattern: str, number: str) -> None:
    """Propose, curate (passes on the licences learned from registration) and sign."""
    proposal = {"sme_id": sme, "pattern": pattern, "products": ["Keripik Tempe 100 g"]}
    base = f"/partners/{partner_id}/partnerships"
    pid = (_ok(await apps.partnership.post(base, json=proposal), 201))["partnership_id"]
    curated = _ok(await apps.partnership.post(f"{base}/{pid}/curation", json=PASSING))
    assert curated["status"] == "curated", curated["curation"]
    agreement = {
        "agreement_number": number,
        "start_date": (TODAY - timedelta(days=7)).isoformat(),
        "outlets": OUTLETS,
        "payment_terms_days": 14,
        "no_ownership_or_control": True,
    }
    signed = _ok(await apps.partnership.post(f"{base}/{pid}/agreement", json=agreement))
    assert signed["status"] == "active"


async def graduation(apps: Platform, cohort: str, sme: str) -> dict[str, Any]:
    """The SME's graduation, once mentoring has granted it."""

    async def granted() -> dict[str, Any] | None:
        view = _ok(await apps.mentoring.get(f"/cohorts/{cohort}/enrollments/{sme}"))
        found: dict[str, Any] | None = view["graduation"]
        return found

    return await eventually(granted, within=60)


async def test_an_sme_whose_only_step_is_a_retail_partnership_graduates(
    infra: Infra, namespace: str
) -> None:
    async with platform(infra, namespace) as apps:
        cohort, sme = await mentored_sme(apps)
        indomaret = await partner(apps, "Indomaret", "ritel_modern")
        await establish(apps, indomaret, sme, "perdagangan_umum", "PKS/IDM-UMKM/032/2022")

        granted = await graduation(apps, cohort, sme)

    assert granted["decided_by"] == "policy"
    assert granted["sessions_logged"] == 4
    assert [d["dimension"] for d in granted["dimensions"]] == ["retail_partnership"]
    assert granted["dimensions"][0]["after"] == f"perdagangan_umum {indomaret}"
    assert granted["dimensions"][0]["evidence"] == ["perjanjian:PKS/IDM-UMKM/032/2022"]


async def test_a_non_retail_partnership_does_not_graduate_and_a_modern_retailer_does(
    infra: Infra, namespace: str
) -> None:
    async with platform(infra, namespace) as apps:
        cohort, sme = await mentored_sme(apps)
        factory = await partner(apps, "PT Sinar Pangan Nusantara", "manufaktur")
        await establish(apps, factory, sme, "inti_plasma", "PKS/SPN-PLASMA/007/2022")
        # Relayed before the second agreement: both are keyed by the SME, so mentoring sees
        # the inti-plasma one first, and would have graduated the SME on it if it counted.
        await published(infra, namespace, "PartnershipEstablished", 1)
        alfamart = await partner(apps, "Alfamart", "ritel_modern")
        await establish(apps, alfamart, sme, "rantai_pasok", "PKS/ALF-UMKM/118/2022")

        granted = await graduation(apps, cohort, sme)

    assert [d["dimension"] for d in granted["dimensions"]] == ["retail_partnership"]
    assert granted["dimensions"][0]["after"] == f"rantai_pasok {alfamart}"
    assert granted["dimensions"][0]["evidence"] == ["perjanjian:PKS/ALF-UMKM/118/2022"]
