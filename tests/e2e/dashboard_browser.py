"""The dashboard tests' tools: the reporting process, headless Chromium and the Keycloak login."""

import contextlib
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
from playwright.async_api import Browser, Page, async_playwright, expect

from devstack.ports import free_port
from devstack.realm import demo_users
from devstack.services import RunningService, start_service, wait_healthy
from tests.infra import Infra
from tests.privacy import SERVICE_LOG_FILES

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialling out on a closed network.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
WAIT_MS = 90_000
"""How long a page may take to log in or load (2 shared cores, Keycloak and Kafka alongside)."""


@contextlib.contextmanager
def reporting_process(infra: Infra, namespace: str, tmp_path: Path) -> Iterator[RunningService]:
    """The reporting service as its own process, on a free port, trusting the tests' issuer."""
    env = infra.process_env(namespace)
    service = start_service("reporting", free_port(), tmp_path / "logs", env)
    SERVICE_LOG_FILES.append(service.process.log_path)
    try:
        wait_healthy(service)
        yield service
    finally:
        service.process.stop()


async def caught_up(infra: Infra, reporting: RunningService, registered: int) -> bool | None:
    """True once the admin sees `registered` SMEs and the projections lag nowhere."""
    async with httpx.AsyncClient(base_url=reporting.url, timeout=10) as http:
        headers = await infra.tokens.headers_async("admin.provinsi")
        totals = (await http.get("/totals", headers=headers)).json()
        lag = (await http.get("/lag", headers=headers)).json()
    done = totals["registered"] == registered and bool(lag) and all(p["lag"] == 0 for p in lag)
    return True if done else None


@contextlib.asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium driven by playwright (no browser is downloaded)."""
    assert shutil.which(CHROMIUM), "run tools/install-chromium.sh (./dev test does)"
    async with async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            await browser.close()


async def log_in(page: Page, username: str) -> None:
    """Fill Keycloak's login form as a demo user, then wait until the dashboard has loaded."""
    password = next(u.password for u in demo_users() if u.username == username)
    await expect(page.locator("#username")).to_be_visible(timeout=WAIT_MS)
    await page.fill("#username", username)
    await page.fill("#password", password)
    await page.click("#kc-login")
    await loaded(page)


async def loaded(page: Page) -> None:
    """Wait until the dashboard says its data has loaded."""
    await expect(page.locator("#status")).to_have_attribute("data-state", "loaded", timeout=WAIT_MS)


async def at_level(page: Page, level: str) -> None:
    """Wait until the dashboard shows `level` (province … sme) with its data loaded."""
    await expect(page.locator("#content")).to_have_attribute("data-level", level, timeout=WAIT_MS)
    await loaded(page)
    await expect(page.locator("#loading")).to_be_hidden()


SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
"""Where the dashboard screenshots of the last run are kept (git-ignored), beside `path`."""


async def screenshot(page: Page, path: Path) -> Path:
    """The whole page as a PNG at `path` and in SCREENSHOTS; the kept path is printed."""
    await page.screenshot(path=path, full_page=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    kept = SCREENSHOTS / path.name
    shutil.copyfile(path, kept)
    print(f"\n[dashboard screenshot] {kept}")
    return kept
