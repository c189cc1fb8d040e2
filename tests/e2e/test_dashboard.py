"""The dashboard renders a seeded 162-SME, 6-mentor cohort in real headless Chromium."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import expect

from devstack.services import RunningService
from tests.e2e.dashboard_browser import (
    WAIT_MS,
    caught_up,
    chromium,
    loaded,
    log_in,
    reporting_process,
)
from tests.infra import Infra
from tests.integration.reporting_support import publish
from tests.polling import eventually
from tests.unit.reporting.journeys import cohort_events


@pytest.fixture
def reporting(infra: Infra, namespace: str, tmp_path: Path) -> Iterator[RunningService]:
    """The reporting service as its own process."""
    with reporting_process(infra, namespace, tmp_path) as service:
        yield service


def _section(dom: str, element_id: str) -> str:
    """The rendered contents of one table's container (tables hold no nested divs)."""
    found = re.search(rf'<div id="{element_id}">(.*?)</div>', dom, re.DOTALL)
    assert found, f"no #{element_id} in the rendered page"
    return found.group(1)


async def test_the_dashboard_shows_the_cohort_in_indonesian_and_english(
    infra: Infra, namespace: str, reporting: RunningService, tmp_path: Path
) -> None:
    await publish(infra, namespace, cohort_events(162, mentors=6))
    await eventually(lambda: caught_up(infra, reporting, 162), within=180, every=1)
    url = f"{reporting.url}/dashboard"
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 1280, "height": 2200})
        await page.goto(url)
        await log_in(page, "admin.provinsi")
        indonesian = await page.content()
        shot = tmp_path / "dashboard.png"
        await page.screenshot(path=shot, full_page=True)
        print(f"\n[dashboard screenshot] {shot}")
        # The admin operates the platform: the projection lag shows (hidden for other roles).
        await expect(page.locator("#lag")).to_contain_text("umkm-juara.", timeout=WAIT_MS)
        await page.goto(f"{url}?lang=en")  # the tab's session survives a reload: no new login
        await loaded(page)
        english = await page.content()

    assert "Dasbor UMKM Juara Jawa Barat" in indonesian
    assert '<b id="user-name">admin.provinsi</b>' in indonesian
    assert "Admin provinsi" in indonesian
    assert "UMKM terdaftar" in indonesian
    assert "Kabupaten Bekasi" in indonesian
    assert "UMKM Juara 2022 Kabupaten Bekasi" in indonesian
    assert "<svg" in indonesian
    assert "162" in indonesian
    # The partnership tables: partners by name, patterns in words, the compliance view.
    by_partner = _section(indonesian, "partners")
    assert "<td>Indomaret</td>" in by_partner
    assert "partner-0000" not in by_partner
    by_pattern = _section(indonesian, "patterns")
    assert "<td>Perdagangan umum</td>" in by_pattern
    assert "<td>Rantai pasok</td>" in by_pattern
    compliance = _section(indonesian, "compliance")
    for retailer in ("Indomaret", "Alfamart", "Alfamidi", "Hypermart", "Papaya Mart"):
        assert f"<td>{retailer}</td>" in compliance
    assert "Ritel modern · Usaha besar" in compliance
    kecamatan = _section(indonesian, "kecamatan")
    assert "<td>Tarumajaya</td>" in kecamatan
    assert "Indomaret" in kecamatan
    assert "/exports/compliance-partners.xlsx" in indonesian
    assert "/exports/compliance-kecamatan.csv" in indonesian
    assert "UMKM Juara West Java Dashboard" in english
    assert "Provincial admin" in english
    assert "SMEs registered" in english
    assert "Partnered SMEs by kecamatan" in english
    assert "<td>General trade</td>" in _section(english, "patterns")
    assert "Modern retail · Large enterprise" in _section(english, "compliance")
    assert shot.stat().st_size > 20_000
