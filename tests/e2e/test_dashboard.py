"""The dashboard renders a seeded 162-SME, 6-mentor cohort in real headless Chromium."""

import asyncio
import itertools
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from devstack.ports import free_port
from devstack.services import RunningService, start_service, wait_healthy
from tests.infra import Infra
from tests.integration.reporting_support import publish
from tests.polling import eventually
from tests.privacy import SERVICE_LOG_FILES
from tests.unit.reporting.journeys import cohort_events

CHROMIUM = "/usr/bin/chromium"
_RUNS = itertools.count()
# Without the background-networking flags Chromium keeps dialling out on a closed network.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,2200",
    "--virtual-time-budget=15000",
]


@pytest.fixture
def reporting(infra: Infra, namespace: str, tmp_path: Path) -> Iterator[RunningService]:
    """The reporting service as its own process, on a free port."""
    env = {
        **os.environ,
        "KAFKA_BOOTSTRAP_SERVERS": infra.bootstrap_servers,
        "MONGODB_URL": infra.mongodb_url,
        "TOPIC_NAMESPACE": namespace,
        "PROFILE": "test",
        **infra.service_env(),
        "REPORTING_MONGODB_DATABASE": f"{namespace}reporting",
        "REPORTING_CONSUMER_GROUP": f"{namespace}reporting",
    }
    service = start_service("reporting", free_port(), tmp_path / "logs", env)
    SERVICE_LOG_FILES.append(service.process.log_path)
    try:
        wait_healthy(service)
        yield service
    finally:
        service.process.stop()


async def _chromium(tmp_path: Path, *args: str) -> str:
    assert shutil.which(CHROMIUM), "run tools/install-chromium.sh (./dev test does)"
    profile = tmp_path / f"profile-{next(_RUNS)}"
    proc = await asyncio.create_subprocess_exec(
        CHROMIUM,
        *FLAGS,
        f"--user-data-dir={profile}",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=120)
    return out.decode()


def _section(dom: str, element_id: str) -> str:
    """The rendered contents of one table's container (tables hold no nested divs)."""
    found = re.search(rf'<div id="{element_id}">(.*?)</div>', dom, re.DOTALL)
    assert found, f"no #{element_id} in the rendered page"
    return found.group(1)


async def test_the_dashboard_shows_the_cohort_in_indonesian_and_english(
    infra: Infra, namespace: str, reporting: RunningService, tmp_path: Path
) -> None:
    await publish(infra, namespace, cohort_events(162, mentors=6))

    async def seeded() -> bool | None:
        async with httpx.AsyncClient(base_url=reporting.url, timeout=10) as http:
            totals = (await http.get("/totals")).json()
            lag = (await http.get("/lag")).json()
        caught_up = totals["registered"] == 162 and bool(lag) and all(p["lag"] == 0 for p in lag)
        return True if caught_up else None

    await eventually(seeded, within=180, every=1)
    url = f"{reporting.url}/dashboard"
    indonesian = await _chromium(tmp_path, "--dump-dom", url)
    english = await _chromium(tmp_path, "--dump-dom", f"{url}?lang=en")
    shot = tmp_path / "dashboard.png"
    await _chromium(tmp_path, f"--screenshot={shot}", url)
    print(f"\n[dashboard screenshot] {shot}")

    assert 'data-state="loaded"' in indonesian
    assert "Dasbor UMKM Juara Jawa Barat" in indonesian
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
    assert "SMEs registered" in english
    assert "Partnered SMEs by kecamatan" in english
    assert "<td>General trade</td>" in _section(english, "patterns")
    assert "Modern retail · Large enterprise" in _section(english, "compliance")
    assert shot.stat().st_size > 20_000
