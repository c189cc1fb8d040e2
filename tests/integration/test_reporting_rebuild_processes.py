"""Two `reporting-replay rebuild` processes against one database: one rebuilds, one is refused."""

import asyncio
import sys
from pathlib import Path

from reporting.adapters.generations import Pointer, read_pointer
from reporting.adapters.rebuild_lease import LEASES, REBUILD
from reporting.entrypoints.app import create_app as reporting_app
from reporting.entrypoints.cli import BUSY
from tests.apps import AppClient, running
from tests.infra import Infra
from tests.integration.reporting_support import publish
from tests.integration.settings import reporting_settings
from tests.polling import eventually
from tests.unit.reporting.journeys import partner_events, reference_events, sme_journey
from umkm_shared.contracts.topics import Context
from umkm_shared.mongo import connect

REPORTING_REPLAY = Path(sys.executable).with_name("reporting-replay")
SMES = 2500
"""Enough events that one rebuild outlasts the other process's start by far."""


def _environment(infra: Infra, namespace: str) -> dict[str, str]:
    """What an operator's shell gives the CLI: the test's servers, database and principal."""
    return {**infra.process_env(namespace), "COLUMNS": "200", "NO_COLOR": "1"}


async def _rebuild(environment: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        str(REPORTING_REPLAY),
        "rebuild",
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )


async def _finished(process: asyncio.subprocess.Process) -> tuple[int, str]:
    output, _ = await asyncio.wait_for(process.communicate(), timeout=300)
    return await process.wait(), output.decode(errors="replace")


async def _no_lag(api: AppClient) -> bool | None:
    lags = (await api.get("/lag")).json()
    return True if lags and all(p["lag"] == 0 for p in lags) else None


async def test_two_rebuild_processes_started_together_switch_once_and_refuse_once(
    infra: Infra, namespace: str
) -> None:
    registrations = [sme_journey(i)[Context.REGISTRATION][0] for i in range(SMES)]
    environment = _environment(infra, namespace)
    async with running(reporting_app(reporting_settings(infra, namespace))) as api:
        await publish(infra, namespace, reference_events() + partner_events() + registrations)
        await eventually(lambda: _no_lag(api), within=180)

        processes = [await _rebuild(environment), await _rebuild(environment)]
        finished = await asyncio.gather(*(_finished(p) for p in processes))

    codes = [code for code, _ in finished]
    assert sorted(codes) == [0, BUSY], finished
    winner = processes[codes.index(0)]
    won, refused = finished[codes.index(0)][1], finished[codes.index(BUSY)][1]
    assert "switched: g0002 is live" in won
    assert "not rebuilding: another rebuild is running:" in refused
    assert f"/{winner.pid}/" in refused.split("holds the rebuild lease since")[0]  # its holder
    client = connect(infra.mongodb_url)
    try:
        db = client.get_database(f"{namespace}reporting")
        assert await read_pointer(db) == Pointer("g0002")
        generations = {n.rpartition("__")[2] for n in await db.list_collection_names() if "__" in n}
        assert generations == {"g0001", "g0002"}  # the refused one was given no generation
        lease = await db[LEASES].find_one({"_id": REBUILD})
        assert lease is not None
        assert (lease["holder"], lease["token"]) == (None, 1)  # taken once, released
    finally:
        await client.close()
