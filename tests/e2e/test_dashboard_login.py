"""A kabupaten viewer logs in to the dashboard through Keycloak and sees only their kabupaten."""

import asyncio
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

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
from tests.samples import new_sme_id, registered
from tests.unit.reporting.journeys import Versioned, cohort_events
from umkm_shared.contracts.mentoring import CohortOpened, MentorRegistered
from umkm_shared.contracts.topics import Context

BEKASI_SMES, BANDUNG_SMES = 12, 3
SESSION = "umkm-dashboard.session"
SPOIL_TOKEN = f"""() => {{
  const session = JSON.parse(sessionStorage.getItem("{SESSION}"));
  const spoilt = {{ ...session, accessToken: "spoilt", at: 0 }};
  sessionStorage.setItem("{SESSION}", JSON.stringify(spoilt));
}}"""
"""Replace the tab's access token by one the API refuses (from a login long ago)."""


@pytest.fixture
def reporting(infra: Infra, namespace: str, tmp_path: Path) -> Iterator[RunningService]:
    """The reporting service as its own process."""
    with reporting_process(infra, namespace, tmp_path) as service:
        yield service


def bandung() -> list[Versioned]:
    """A cohort, a mentor and SMEs in Kabupaten Bandung (32.04): a Bekasi viewer never sees them."""
    events: list[Versioned] = [
        (
            Context.MENTORING,
            CohortOpened(
                cohort_id="cohort-2023b3c4d504",
                name="UMKM Juara 2023 Kabupaten Bandung",
                kabupaten_code="32.04",
                start_date=date(2023, 6, 20),
                end_date=date(2023, 10, 20),
                target_graduates=30,
                mentor_norm=27,
            ),
            1,
        ),
        (
            Context.MENTORING,
            MentorRegistered(
                mentor_id="mentor-0000000b0404",
                name="Pendamping Bandung",
                kabupaten_code="32.04",
                expertise=["pemasaran"],
            ),
            1,
        ),
    ]
    events += [
        (Context.REGISTRATION, registered(new_sme_id(), "32.04.01"), 1) for _ in range(BANDUNG_SMES)
    ]
    return events


async def test_a_kabupaten_viewer_logs_in_sees_only_their_kabupaten_and_logs_out(
    infra: Infra, namespace: str, reporting: RunningService, tmp_path: Path
) -> None:
    await publish(infra, namespace, cohort_events(BEKASI_SMES, mentors=2) + bandung())
    total = BEKASI_SMES + BANDUNG_SMES
    await eventually(lambda: caught_up(infra, reporting, total), within=180, every=1)

    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 1280, "height": 1800})
        await page.goto(f"{reporting.url}/dashboard")
        await expect(page).to_have_url(re.compile(re.escape(infra.oidc_issuer)), timeout=WAIT_MS)
        await log_in(page, "viewer.bekasi")

        back = urlsplit(page.url)
        assert f"{back.scheme}://{back.netloc}{back.path}" == f"{reporting.url}/dashboard"
        assert (back.query, back.fragment) == ("", "")  # no code, state or token left behind
        assert await page.evaluate("localStorage.length") == 0
        await expect(page.locator("#user-name")).to_have_text("viewer.bekasi")
        await expect(page.locator("#user-role")).to_have_attribute("data-roles", "viewer")
        await expect(page.locator("#user-role")).to_have_text("Pemantau")
        await expect(page.locator("#user-region")).to_have_text("Kabupaten Bekasi")
        await page.screenshot(path=tmp_path / "dashboard-viewer-bekasi.png", full_page=True)
        print(f"\n[dashboard screenshot] {tmp_path / 'dashboard-viewer-bekasi.png'}")

        # The viewer may not operate the platform: the lag section is hidden, the page intact.
        await expect(page.locator("#lag")).to_be_hidden()
        regions = page.locator("#regions")
        await expect(regions).to_contain_text("32.16")
        await expect(regions).not_to_contain_text("32.04")
        main = page.locator("main")
        await expect(main).to_contain_text("UMKM Juara 2022 Kabupaten Bekasi")
        await expect(main).not_to_contain_text("Kabupaten Bandung")
        await expect(main).not_to_contain_text("Pendamping Bandung")
        await expect(page.locator("#card-registered .v")).to_have_text(str(BEKASI_SMES))
        # Exports go with the bearer token too, and carry the viewer's rows only.
        async with page.expect_download(timeout=WAIT_MS) as started:
            await page.click("#sec-regions a.export:text-is('CSV')")
        saved = await (await started.value).path()
        exported = await asyncio.to_thread(saved.read_text, encoding="utf-8")
        assert "32.16" in exported
        assert "32.04" not in exported

        # A refused token (401) sends the page through the login again; Keycloak's session
        # answers at once, so the dashboard comes back without the form.
        await page.evaluate(SPOIL_TOKEN)
        await page.reload()
        await loaded(page)
        assert urlsplit(page.url).query == ""
        assert "spoilt" not in await page.evaluate(f"sessionStorage.getItem('{SESSION}')")

        await page.click("#logout")
        await expect(page.locator("#username")).to_be_visible(timeout=WAIT_MS)
        assert page.url.startswith(infra.oidc_issuer)
        assert await page.evaluate(f"sessionStorage.getItem('{SESSION}')") is None
