"""Faults under the mixed workload: registrations, sessions, milestones and partnerships.

After each fault `check_mixed` confirms that every accepted command's event is on its topic
under one event id and in reporting's live read model at its highest version, and that no
session is counted twice; the results go to `reliability-report.json`.
"""

import asyncio
import re
import signal
import sys
import time
from functools import partial
from pathlib import Path

from devstack.services import wait_healthy
from reporting.adapters.replay import Difference, differences
from reporting.domain.routing import COLLECTIONS
from tests.faults.checker import Check, check_mixed
from tests.faults.cluster import REPLICAS, Cluster
from tests.faults.report import FaultResult, record
from tests.faults.workload import Workload
from tests.polling import eventually
from umkm_shared.mongo import connect

RUNS = 2
PER_RUN = 30
REPORTING_REPLAY = Path(sys.executable).with_name("reporting-replay")


def _record(fault: str, runs: int, found: Check) -> bool:
    passed = found.lost == 0 and found.duplicated_effects == 0
    record(FaultResult(fault, runs, found.events, found.lost, found.duplicated_effects, passed))
    return passed


async def _sessions_logged(workload: Workload, n: int) -> bool | None:
    return True if len(workload.sessions) >= n else None


async def test_a_mentoring_replica_killed_under_session_traffic_loses_and_doubles_nothing(
    cluster: Cluster,
) -> None:
    started = time.monotonic()
    workload = Workload(cluster)
    for run in range(RUNS):
        victim = run % REPLICAS
        before = len(workload.sessions)
        sending = asyncio.create_task(workload.mixed(PER_RUN))
        await eventually(partial(_sessions_logged, workload, before + 10), within=180)
        cluster.kill("mentoring", victim)  # kill -9 amid session logs and upstream batches
        await sending
        cluster.restart("mentoring", victim)
    found = await check_mixed(cluster, workload)

    passed = _record("kill -9 of a mentoring replica under session traffic", RUNS, found)
    print(f"wall time {time.monotonic() - started:.0f}s, {found}, retried {workload.retried}")
    assert passed, found
    assert len(workload.sessions) == RUNS * PER_RUN * 2


async def _rebuild(cluster: Cluster, *options: str) -> tuple[int, str]:
    """`reporting-replay rebuild` as an operator runs it: its own process, the service's
    environment (database, consumer group, Kafka principal); exit code and output."""
    process = await asyncio.create_subprocess_exec(
        str(REPORTING_REPLAY),
        "rebuild",
        *options,
        env={**cluster.environment, "COLUMNS": "200", "NO_COLOR": "1"},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=300)
    return await process.wait(), output.decode(errors="replace")


async def _generation(cluster: Cluster) -> str:
    client = connect(cluster.infra.mongodb_url)
    try:
        db = client.get_database(f"{cluster.namespace}reporting")
        pointer = await db["generations"].find_one({"_id": "live"})
        assert pointer is not None
        assert not pointer.get("catching_up"), pointer
        return str(pointer["generation"])
    finally:
        await client.close()


async def _same_as_a_fresh_rebuild(cluster: Cluster) -> dict[str, Difference] | None:
    """How the live generation differs from a rebuild (not switched) made now; None while
    the live one still lags (in flight)."""
    code, output = await _rebuild(cluster, "--no-switch")
    assert code == 0, output
    live = await _generation(cluster)
    client = connect(cluster.infra.mongodb_url)
    try:
        db = client.get_database(f"{cluster.namespace}reporting")
        named = re.search(r"rebuilding into (g\d{4,})", output)  # numbers are never reused
        assert named, output
        fresh = named[1]
        found = await differences(db, live, fresh)
    finally:
        await client.close()
    assert all(d.diverged == 0 for d in found.values()), found
    return found if all(d == Difference() for d in found.values()) else None


async def test_rebuilds_under_a_mixed_workload_leave_read_models_identical_to_a_fresh_one(
    cluster: Cluster,
) -> None:
    started = time.monotonic()
    workload = Workload(cluster)
    done = asyncio.Event()

    async def keep_writing() -> None:
        while not done.is_set():
            await workload.mixed(PER_RUN // 2)

    sending = asyncio.create_task(keep_writing())
    generations = [await _generation(cluster)]
    for _ in range(RUNS):
        before = len(workload.sessions)
        await eventually(partial(_sessions_logged, workload, before + 10), within=180)
        code, output = await _rebuild(cluster)  # while the workload keeps writing
        assert code == 0, output
        assert not sending.done(), sending
        generations.append(await _generation(cluster))
    done.set()
    await sending
    found = await check_mixed(cluster, workload)
    same = await eventually(partial(_same_as_a_fresh_rebuild, cluster), within=120)

    passed = _record("a blue/green rebuild (twice) while the workload writes", RUNS, found)
    print(f"wall time {time.monotonic() - started:.0f}s, {found}, generations {generations}")
    assert passed, found
    assert generations == ["g0001", "g0002", "g0003"]
    assert same == dict.fromkeys(COLLECTIONS, Difference())


async def _restarted_on_empty_databases(cluster: Cluster, *services: str) -> None:
    """Every replica of `services` stopped, their databases dropped, all started again."""
    for service in services:
        for index in range(REPLICAS):
            cluster.kill(service, index, signal.SIGTERM)
    client = connect(cluster.infra.mongodb_url)
    try:
        for service in services:
            await client.drop_database(f"{cluster.namespace}{service}")
    finally:
        await client.close()
    started = [cluster.start(s, index) for s in services for index in range(REPLICAS)]
    for replica in started:  # started together: each service's replicas join its group together
        wait_healthy(replica, timeout=180)


async def test_services_started_on_empty_databases_rebuild_their_views_from_the_topics(
    cluster: Cluster,
) -> None:
    started = time.monotonic()
    workload = Workload(cluster)
    await workload.mixed(PER_RUN // 2)
    for _ in range(RUNS):
        waiting = await workload.register(PER_RUN // 4)  # registered, never enrolled or partnered
        baseline = await check_mixed(cluster, workload)
        assert (baseline.lost, baseline.duplicated_effects) == (0, 0), baseline

        # Mentoring's and partnership's SME views (what they learned from the registration
        # topic) must come back: else enrolling a registered SME answers 409 and proposing a
        # partnership with it 404, for ever. Their own data is gone with their databases, so
        # a new cohort enrolls and a partner registered anew partners SMEs neither ever had
        # (mentoring's SME versions start afresh; every partnership is a new aggregate).
        await _restarted_on_empty_databases(cluster, "mentoring", "partnership")
        workload.patience = 120
        workload.new_partner()
        await asyncio.gather(workload.mentor(waiting), workload.partner(waiting))
        # Reporting's read model is rebuilt from every topic.
        await _restarted_on_empty_databases(cluster, "reporting")
    found = await check_mixed(cluster, workload)

    fault = "mentoring, partnership and reporting started on empty databases"
    passed = _record(fault, RUNS, found)
    print(f"wall time {time.monotonic() - started:.0f}s, {found}, retried {workload.retried}")
    assert passed, found
    assert set(workload.enrolled) == workload.accepted
    assert set(workload.partnerships.values()) == workload.accepted
