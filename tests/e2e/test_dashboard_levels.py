"""The dashboard a Dinas officer works from, in real headless Chromium: a closed 162-SME Bekasi
cohort from the province down to a kecamatan, a cohort and an SME, by name and in both languages."""

import asyncio
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Page, Route, ViewportSize, expect

from devstack.services import RunningService
from tests.e2e.dashboard_browser import (
    WAIT_MS,
    at_level,
    caught_up,
    chromium,
    log_in,
    reporting_process,
    screenshot,
)
from tests.infra import Infra
from tests.integration.reporting_support import publish
from tests.polling import eventually
from tests.unit.reporting.journeys import COHORT, RETAILERS, Versioned, cohort_events, sme_id
from umkm_shared.contracts.labels import LABELS
from umkm_shared.contracts.mentoring import CohortClosed
from umkm_shared.contracts.registration import SMEConsentChanged
from umkm_shared.contracts.topics import Context

SMES = 162
COHORT_NAME = "UMKM Juara 2022 Kabupaten Bekasi"
GRADUATE = "Usaha Contoh 69"
"""An SME of Tarumajaya (32.16.01) with four sessions, a milestone and a graduation."""
RAW = ("keuangan_akses_pembiayaan", "perdagangan_umum", "ritel_modern", "usaha_besar", "mentor-0")
"""Codes and ids that must never reach the officer's eyes."""


def word(vocabulary: str, code: str, lang: str = "id") -> str:
    """A code's label as the shared module gives it (the page gets them from GET /labels)."""
    return LABELS[vocabulary][code][lang]


def closing() -> Versioned:
    """The cohort closes on its last day (published once its SMEs' events are in)."""
    closed = CohortClosed(
        cohort_id=COHORT,
        kabupaten_code="32.16",
        closed_on=date(2022, 10, 20),
        closed_at=datetime.now(UTC),
        enrolled=SMES,
        graduated=len(range(0, SMES, 3)),
    )
    return (Context.MENTORING, closed, 2)


@pytest.fixture
def reporting(infra: Infra, namespace: str, tmp_path: Path) -> Iterator[RunningService]:
    """The reporting service as its own process."""
    with reporting_process(infra, namespace, tmp_path) as service:
        yield service


async def set_regent_target(infra: Infra, reporting: RunningService) -> None:
    """The Bekasi Dinas records the regent's target of 300 naik kelas, where it was decided."""
    body = {"naik_kelas": 300, "year": 2022, "decided_by": "Perbup/Bupati Bekasi"}
    async with httpx.AsyncClient(base_url=reporting.url, timeout=10) as http:
        headers = await infra.tokens.headers_async("dinas.bekasi")
        answer = await http.put("/targets/32.16", json=body, headers=headers)
    assert answer.status_code == 200, answer.text


def consents() -> list[Versioned]:
    """Every other SME lets the Bank Jabar feed carry its mentoring progress."""
    return [
        (
            Context.REGISTRATION,
            SMEConsentChanged(
                sme_id=sme_id(i),
                purpose="bank_jabar_mentoring_feed",
                granted=True,
                legal_basis="persetujuan (UU 27/2022 Pasal 20 ayat 2 huruf a)",
                changed_at=datetime(2022, 7, 1, 3, tzinfo=UTC),
            ),
            3 if i % 3 == 0 else 2,  # after SMERegistered (and SMEScaleChanged for graduates)
        )
        for i in range(0, SMES, 2)
    ]


async def settled(infra: Infra, reporting: RunningService) -> bool | None:
    """True once reporting shows the cohort closed and the consents counted."""
    async with httpx.AsyncClient(base_url=reporting.url, timeout=10) as http:
        headers = await infra.tokens.headers_async("dinas.bekasi")
        cohorts = (await http.get("/cohorts", headers=headers)).json()
        totals = (await http.get("/totals", headers=headers)).json()
    closed = [c.get("status") for c in cohorts] == ["closed"]
    return True if closed and totals.get("bank_feed_consents") == len(consents()) else None


async def shown_text(page: Page) -> str:
    """Everything the page says (SVG labels included), not its markup or link targets."""
    return await page.locator("body").text_content() or ""


async def download(page: Page, link: str) -> str:
    """The text of the file a download link (`a.export`) saves, fetched with the token."""
    async with page.expect_download(timeout=WAIT_MS) as started:
        await page.click(link)
    saved = await (await started.value).path()
    return await asyncio.to_thread(saved.read_text, encoding="utf-8-sig")


async def lag_high(route: Route) -> None:
    """The real /freshness answer, saying the projections lag far behind."""
    answer = await route.fetch()
    await route.fulfill(response=answer, json={**await answer.json(), "lag_high": True})


async def high_lag_warns(page: Page) -> None:
    """The warning shows when /freshness says lag_high, and goes when it no longer does."""
    await page.route("**/freshness", lag_high)
    await page.reload()
    await at_level(page, "kabupaten")
    await expect(page.locator("#lag-warning")).to_be_visible()
    await expect(page.locator("#lag-warning")).to_contain_text("data tertinggal")
    await page.unroute("**/freshness", lag_high)
    await page.reload()
    await at_level(page, "kabupaten")
    await expect(page.locator("#lag-warning")).to_be_hidden()


async def province(page: Page, tmp_path: Path) -> None:
    """The provincial admin's province level: kabupaten rows, partners, patterns, the lag."""
    await at_level(page, "province")
    await expect(page.locator("#crumbs .here")).to_contain_text("Provinsi Jawa Barat")
    await expect(page.locator("#regions")).to_contain_text("Kabupaten Bekasi")
    await expect(page.locator("#cohorts")).to_contain_text(COHORT_NAME)
    await expect(page.locator("#patterns")).to_contain_text(
        word("partnership_pattern", "perdagangan_umum")
    )
    compliance = page.locator("#compliance")
    for retailer in RETAILERS:
        await expect(compliance).to_contain_text(retailer)
    sector = f"{word('partner_sector', 'ritel_modern')} · {word('company_type', 'usaha_besar')}"
    await expect(compliance).to_contain_text(sector)
    await expect(page.locator("#lag")).to_contain_text("umkm-juara.")  # the admin operates
    lag = await download(page, "#sec-lag a.export:text-is('CSV')")
    assert "Topik;Partisi;Tertinggal" in lag.splitlines()
    for chart in ("topics", "patterns"):  # the bar charts download their tables
        await expect(page.locator(f"#sec-{chart} a.export")).to_have_count(2)
    await expect(page.locator("#card-registered .v")).to_have_text(str(SMES))
    await screenshot(page, tmp_path / "dashboard-province.png")


async def kabupaten(page: Page, tmp_path: Path) -> None:
    """The Dinas's own kabupaten: kecamatan by name, the cohort, mentors, target, explanation."""
    await at_level(page, "kabupaten")
    await expect(page.locator("#crumbs .here")).to_contain_text("Kabupaten Bekasi")
    await expect(page.locator("#regions")).to_contain_text("Tarumajaya")
    cohorts = page.locator("#cohorts")
    await expect(cohorts).to_contain_text(COHORT_NAME)
    await expect(cohorts).to_contain_text("20 Jun 2022 \u2013 20 Okt 2022")  # programme dates
    await expect(cohorts).to_contain_text(word("cohort_status", "closed"))
    await expect(page.locator("#mentors")).to_contain_text("Pendamping 1")
    await expect(page.locator("#topics")).to_contain_text(
        word("session_topic", "keuangan_akses_pembiayaan")
    )
    await expect(page.locator("#daily")).to_contain_text("20 Jun 2022")  # programme time, not today
    await expect(page.locator("#progress-text")).to_contain_text("300")
    await expect(page.locator("#target-source")).to_contain_text("Perbup/Bupati Bekasi")
    await expect(page.locator("#explain")).to_contain_text("PP 7/2021")
    await expect(page.locator("#card-mentorCount .v")).to_have_text("6")
    await expect(page.locator("#card-consents .v")).to_have_text(str(len(consents())))
    await expect(page.locator("#as-of")).to_contain_text("Data per")
    await expect(page.locator("#lag-value")).to_contain_text("0")
    await expect(page.locator("#lag-warning")).to_be_hidden()
    await screenshot(page, tmp_path / "dashboard-kabupaten.png")


async def kecamatan(page: Page, tmp_path: Path) -> None:
    """One kecamatan: its SMEs by name with their cohort, mentor, class and programme dates."""
    await page.click("#regions a:text-is('Tarumajaya')")
    await at_level(page, "kecamatan")
    assert "region=32.16.01" in page.url
    await page.reload()  # the hash keeps the level
    await at_level(page, "kecamatan")
    await expect(page.locator("#crumbs")).to_contain_text("Kabupaten Bekasi")
    await expect(page.locator("#crumbs .here")).to_contain_text("Tarumajaya")
    smes = page.locator("#smes")
    await expect(smes).to_contain_text("Usaha Contoh 0")
    await expect(smes).to_contain_text(COHORT_NAME)
    await expect(smes).to_contain_text("Pendamping 1")
    await expect(smes).to_contain_text(word("scale_class", "kecil"))
    await expect(smes).to_contain_text("20 Jun 2022")  # joined
    await expect(smes).to_contain_text("20 Okt 2022")  # graduated
    await expect(page.locator("#card-registered .v")).to_have_text(str(len(range(0, SMES, 23))))
    await screenshot(page, tmp_path / "dashboard-kecamatan.png")
    # The table downloads in its layout with the level's filter, through the token.
    exported = await download(page, "#sec-smes a.export:text-is('CSV')")
    assert "Usaha Contoh 0" in exported
    assert "Usaha Contoh 1;" not in exported  # another kecamatan's SME


async def english(page: Page, tmp_path: Path) -> None:
    """The toggle switches every word and label, and the tab remembers it."""
    await page.click("#lang")
    await expect(page.locator("#card-registered .l")).to_have_text("SMEs registered")
    await page.reload()
    await at_level(page, "kecamatan")
    await expect(page.locator("h1")).to_have_text("UMKM Juara West Java Dashboard")
    await expect(page.locator("#smes")).to_contain_text(word("scale_class", "kecil", "en"))
    await expect(page.locator("#smes")).to_contain_text("20 Oct 2022")
    await expect(page.locator("#explain")).to_contain_text("Moved up a size class")
    await screenshot(page, tmp_path / "dashboard-kecamatan-en.png")


async def cohort_and_sme(page: Page) -> None:
    """Down to the cohort (mentor sessions counted to its end) and one SME's record."""
    await page.click(f"#cohorts a:text-is('{COHORT_NAME}')")
    await at_level(page, "cohort")
    await expect(page.locator("#mentors")).to_contain_text("cohort's last 30 days")
    await expect(page.locator("#daily")).to_contain_text("End 20 Oct 2022")
    await page.click(f"#smes a:text-is('{GRADUATE}')")
    await at_level(page, "sme")
    await expect(page.locator("#sme-heading")).to_contain_text("Tarumajaya")
    await expect(page.locator("#sme-heading")).to_contain_text("24 Jun 2022")  # joined
    await expect(page.locator("#sme-graduation")).to_contain_text("20 Oct 2022")
    await expect(page.locator("#sme-sessions")).to_contain_text(
        word("session_topic", "keuangan_akses_pembiayaan", "en")
    )
    await expect(page.locator("#sme-milestones")).to_contain_text(
        word("milestone", "halal_certified", "en")
    )
    await expect(page.locator("#crumbs")).to_contain_text(COHORT_NAME)
    # Each table of the SME's record downloads too (in Indonesian, as every export).
    await expect(page.locator("#content a.export")).to_have_count(10)
    sessions = await download(page, "#sec-sme-sessions a.export:text-is('CSV')")
    assert GRADUATE in sessions.splitlines()[0]
    assert "Tanggal;Pendamping;Topik;Cara;Durasi (menit)" in sessions.splitlines()
    assert word("session_topic", "keuangan_akses_pembiayaan") in sessions


async def test_a_dinas_officer_drills_from_the_province_to_one_sme_by_name_in_both_languages(
    infra: Infra, namespace: str, reporting: RunningService, tmp_path: Path
) -> None:
    await publish(infra, namespace, cohort_events(SMES, mentors=6))
    await eventually(lambda: caught_up(infra, reporting, SMES), within=240, every=1)
    await publish(infra, namespace, [closing(), *consents()])
    await eventually(lambda: settled(infra, reporting), within=60, every=1)
    await set_regent_target(infra, reporting)

    async with chromium() as browser:
        viewport: ViewportSize = {"width": 1280, "height": 1800}
        admin = await (await browser.new_context(viewport=viewport)).new_page()
        try:
            await admin.goto(f"{reporting.url}/dashboard")
            await log_in(admin, "admin.provinsi")
            await province(admin, tmp_path)
            await admin.click("#regions a:text-is('Kabupaten Bekasi')")  # the admin drills down
            await at_level(admin, "kabupaten")
        except AssertionError:
            await screenshot(admin, tmp_path / "dashboard-failed.png")
            raise

        page = await (await browser.new_context(viewport=viewport)).new_page()
        try:
            await page.goto(f"{reporting.url}/dashboard")
            await log_in(page, "dinas.bekasi")
            await kabupaten(page, tmp_path)
            await high_lag_warns(page)
            await kecamatan(page, tmp_path)
            indonesian = await shown_text(page)
            await english(page, tmp_path)
            await cohort_and_sme(page)
            shown = indonesian + await shown_text(page)
        except AssertionError:
            await screenshot(page, tmp_path / "dashboard-failed.png")
            raise

    assert not [raw for raw in RAW if raw in shown], "codes or ids where names belong"
    assert "cohort-" not in shown
