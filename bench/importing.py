"""Bulk import: a generated .xlsx through registration's POST /imports until reporting shows all.

The sheet is the test suite's (tests/integration/umkm_sheet.py): a bad or duplicate row every
260 rows, so the import also reports rejects. Timed from the upload to the moment reporting's
GET /smes counts every imported SME.
"""

import asyncio
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.platform import Bearer
from tests.integration.umkm_sheet import sheet, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ImportRun:
    """When the import finished and when reporting showed every SME it imported."""

    rows: int
    imported: int
    rejected: int
    finished_s: float | None
    visible_s: float | None
    visible_count: int


def write_sheet(path: Path, rows: int) -> int:
    """Write the sheet; the number of rows the first import must register."""
    cells, expected = sheet(rows, every=260)
    write_xlsx(path, cells)
    return expected.imported


async def reporting_total(http: httpx.AsyncClient, reporting: str, bearer: Bearer) -> int:
    """How many SMEs reporting lists."""
    resp = await http.get(f"{reporting}/smes", params={"limit": 1}, headers=await bearer.headers())
    resp.raise_for_status()
    return int(resp.json()["total"])


async def import_until_visible(
    registration: str, reporting: str, bearer: Bearer, path: Path, rows: int, *, within: float
) -> ImportRun:
    """Upload, follow the import, then wait for reporting; figures as they happened."""
    async with httpx.AsyncClient(timeout=60) as http:
        baseline = await reporting_total(http, reporting, bearer)
        started = time.monotonic()
        with path.open("rb") as upload:
            resp = await http.post(
                f"{registration}/imports",
                params={"wait": 0},
                files={"file": (path.name, upload, XLSX)},
                headers=await bearer.headers(),
            )
        if resp.status_code not in (201, 202):
            raise RuntimeError(f"POST /imports: {resp.status_code} {resp.text[:300]}")
        view, finished = resp.json(), None
        while view["status"] == "running" and time.monotonic() - started < within:
            await asyncio.sleep(0.5)
            url = f"{registration}/imports/{view['import_id']}"
            view = (await http.get(url, headers=await bearer.headers())).json()
        if view["status"] == "finished":
            finished = time.monotonic() - started
        elif view["status"] == "failed":
            raise RuntimeError(f"the import failed: {view.get('error')}")
        imported, visible, seen = int(view["imported"]), None, 0
        while time.monotonic() - started < within:
            seen = await reporting_total(http, reporting, bearer) - baseline
            if finished is not None and seen >= imported:
                visible = time.monotonic() - started
                break
            await asyncio.sleep(0.5)
    return ImportRun(rows, imported, int(view["rejected"]), finished, visible, seen)
