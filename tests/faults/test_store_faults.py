"""The Mongo-wire server restarted or frozen under the workload, on a server of the test's own.

The server runs on the H2 backend, which commits before it acknowledges: a kill -9 loses no
acknowledged write, as with a real MongoDB. While it is down (or frozen) a command sent to each
replica answers 503 with Retry-After, and is accepted afterwards under its Idempotency-Key.
Afterwards the checker confirms 0 lost / 0 duplicated effects (`reliability-report.json`).
"""

import asyncio
import itertools
import time
import uuid
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import httpx
from pymongo.errors import PyMongoError

from tests.faults.checker import check, projected
from tests.faults.cluster import REPLICAS, Cluster
from tests.faults.harness import drained, running, stored_smes
from tests.faults.own_servers import own_mongo
from tests.faults.report import FaultResult, record
from tests.faults.workload import OFFICE, Workload
from tests.infra import Infra
from tests.integration.umkm_sheet import registration_body
from tests.polling import eventually

RUNS = 2
PER_RUN = 120
FREEZE_SECONDS = 20
STORE_TIMEOUT_SECONDS = 3
"""The services' budget against the store (`STORE_TIMEOUT_SECONDS`) in the freeze test."""
MARGIN_SECONDS = 12
"""Slack on a busy machine: an answer later than budget + margin is a hang."""
PATIENCE_SECONDS = 60.0
"""How long a probe waits for an answer: far past any store timeout, so a hang shows."""
_PROBES = itertools.count(100_000)  # registration numbers the workload never uses


async def _accepted(workload: Workload, n: int) -> bool | None:
    return True if len(workload.accepted) >= n else None


async def _projected(cluster: Cluster) -> int | None:
    """How many SMEs reporting projected; None while the (restarted) server does not answer."""
    try:
        return len(await projected(cluster))
    except PyMongoError:
        return None


async def _some_projected(cluster: Cluster, before: int, more: int) -> bool | None:
    seen = await _projected(cluster)
    return True if seen is not None and seen >= before + more else None


@dataclass(frozen=True)
class Answer:
    """What one registration sent while the store was away (frozen or down) got back."""

    key: str
    number: int
    status: int
    retry_after: str | None
    seconds: float


async def _probe(cluster: Cluster, until: float) -> list[Answer]:
    """New registrations to both replicas, pair after pair: one pair, then more until `until`
    (monotonic time)."""
    headers = await cluster.infra.tokens.headers_async(OFFICE)
    answers: list[Answer] = []
    async with httpx.AsyncClient(timeout=PATIENCE_SECONDS) as http:

        async def one(replica: int) -> Answer:
            number, key = next(_PROBES), str(uuid.uuid4())
            sent = time.monotonic()
            try:
                answer = await http.post(
                    f"{cluster.url('registration', replica)}/smes",
                    json=registration_body(number),
                    headers={**headers, "Idempotency-Key": key},
                )
                status, retry_after = answer.status_code, answer.headers.get("Retry-After")
            except httpx.TimeoutException:
                status, retry_after = 0, None  # hung past our patience
            return Answer(key, number, status, retry_after, time.monotonic() - sent)

        while True:
            answers += await asyncio.gather(*(one(r) for r in range(REPLICAS)))
            if time.monotonic() >= until:
                return answers


async def _retry_until_accepted(cluster: Cluster, answer: Answer) -> str:
    """The SME id the probe's registration gets once the store answers (same key)."""
    headers = await cluster.infra.tokens.headers_async(OFFICE)
    async with httpx.AsyncClient(timeout=30) as http:

        async def accepted() -> str | None:
            reply = await http.post(
                f"{cluster.url('registration')}/smes",
                json=registration_body(answer.number),
                headers={**headers, "Idempotency-Key": answer.key},
            )
            return str(reply.json()["sme_id"]) if reply.status_code in (200, 201) else None

        return await eventually(accepted, within=120, every=1.0)


async def test_the_mongo_wire_server_restarted_during_projection_and_commands_loses_nothing(
    infra: Infra, namespace: str, tmp_path: Path
) -> None:
    async with (
        own_mongo(infra, tmp_path / "mongo") as mongo,
        running(mongo.infra, namespace, tmp_path / "logs") as cluster,
    ):
        workload = Workload(cluster)
        down: list[Answer] = []
        for run in range(RUNS):
            before = await eventually(partial(_projected, cluster), within=120)
            sending = asyncio.create_task(workload.register(PER_RUN))
            await eventually(partial(_accepted, workload, run * PER_RUN + 10), within=120)
            await eventually(partial(_some_projected, cluster, before, 5), within=120)
            mongo.kill()  # kill -9 while commands come in and reporting projects
            # The fault took: while the server is down a command to each replica answers 503.
            down += await _probe(cluster, until=0)
            await mongo.restart()  # same port, same H2 file
            await sending  # 503s meanwhile, retried with the same Idempotency-Key
        probes = {await _retry_until_accepted(cluster, a) for a in down}
        await eventually(partial(drained, cluster), within=180)
        found = await check(cluster, workload.accepted | probes)
        stored = await stored_smes(cluster)

    print(f"accepted {len(workload.accepted)}, retried {workload.retried} (503 or refused)")
    print(f"while down: {sorted({(a.status, a.retry_after) for a in down})}")
    refused = all(a.status == 503 and a.retry_after for a in down)
    whole = stored == workload.accepted | probes and len(probes) == len(down) == RUNS * REPLICAS
    passed = found.lost == 0 and found.duplicated_effects == 0 and refused and whole
    record(
        FaultResult(
            "Mongo-wire server kill -9 and restart during projection and commands",
            RUNS,
            found.events,
            found.lost,
            found.duplicated_effects,
            passed,
        )
    )
    assert passed, (found, [a for a in down if a.status != 503], len(stored))


async def test_a_frozen_mongo_makes_commands_fail_fast_with_503_and_leaves_nothing_half_written(
    infra: Infra, namespace: str, tmp_path: Path
) -> None:
    async with (
        own_mongo(infra, tmp_path / "mongo") as mongo,
        running(
            mongo.infra,
            namespace,
            tmp_path / "logs",
            STORE_TIMEOUT_SECONDS=str(STORE_TIMEOUT_SECONDS),
        ) as cluster,
    ):
        workload = Workload(cluster)
        answers: list[Answer] = []
        for run in range(RUNS):
            sending = asyncio.create_task(workload.register(PER_RUN // 2))
            await eventually(partial(_accepted, workload, run * PER_RUN // 2 + 10), within=120)
            mongo.freeze()  # SIGSTOP: connections stay open, nothing answers
            try:
                answers += await _probe(cluster, time.monotonic() + FREEZE_SECONDS)
            finally:
                mongo.thaw()
            await sending
        probes = {await _retry_until_accepted(cluster, a) for a in answers}
        await eventually(partial(drained, cluster), within=180)
        found = await check(cluster, workload.accepted | probes)
        stored = await stored_smes(cluster)

    longest = max(a.seconds for a in answers)
    print(f"{len(answers)} commands while frozen; longest answer {longest:.1f}s; answers:")
    print(sorted({(a.status, a.retry_after) for a in answers}))
    bound = STORE_TIMEOUT_SECONDS + MARGIN_SECONDS
    fast_503 = all(a.status == 503 and a.retry_after and a.seconds < bound for a in answers)
    # Nothing half-written: every stored SME is one whose command was (finally) accepted.
    whole = stored == workload.accepted | probes and len(probes) == len(answers)
    passed = found.lost == 0 and found.duplicated_effects == 0 and fast_503 and whole
    record(
        FaultResult(
            "slow (frozen) Mongo: 503 with Retry-After, nothing half-written",
            RUNS,
            found.events,
            found.lost,
            found.duplicated_effects,
            passed,
        )
    )
    assert passed, (found, [a for a in answers if a.status != 503], len(stored))
