"""Faults injected into two replicas of every service while a workload keeps coming.

After each fault the checker confirms that every accepted registration is on its topic and
in reporting's read model at its highest version, and that nothing was counted twice; the
results go to `reliability-report.json`.
"""

import asyncio
import json
import signal
from functools import partial

import pytest
from aiokafka import AIOKafkaProducer

from tests.faults.checker import check, check_mixed, projected
from tests.faults.cluster import Cluster
from tests.faults.report import FaultResult, record
from tests.faults.workload import Workload
from tests.kafka_reader import read_all
from tests.polling import eventually
from tests.samples import DATA
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.contracts.topics import Context, TopicNames

RUNS = 2
PER_RUN = 120
MIXED = PER_RUN // 2
"""SMEs per run of a mixed workload (each also mentored and partnered)."""


async def _some_projected(cluster: Cluster, before: int, more: int) -> bool | None:
    return True if len(await projected(cluster)) >= before + more else None


async def test_a_projector_killed_mid_batch_loses_and_doubles_nothing(cluster: Cluster) -> None:
    workload = Workload(cluster)
    for run in range(RUNS):
        victim = run % 2
        before = len(await projected(cluster))
        sending = asyncio.create_task(workload.mixed(MIXED))
        await eventually(partial(_some_projected, cluster, before, 10), within=120)
        cluster.kill("reporting", victim)  # kill -9: after some writes, before their commit
        await sending
        cluster.restart("reporting", victim)
    found = await check_mixed(cluster, workload)

    passed = found.lost == 0 and found.duplicated_effects == 0
    record(
        FaultResult(
            "kill -9 of a reporting replica mid-projection",
            RUNS,
            found.events,
            found.lost,
            found.duplicated_effects,
            passed,
        )
    )
    assert passed, found


@pytest.mark.parametrize(
    ("signum", "fault"),
    [
        (signal.SIGTERM, "SIGTERM of a registration replica under load"),
        (signal.SIGKILL, "kill -9 of a registration replica between its writes and publishes"),
    ],
    ids=["a graceful stop", "a kill -9"],
)
async def test_a_command_replica_stopped_under_load_keeps_every_accepted_command(
    cluster: Cluster, signum: signal.Signals, fault: str
) -> None:
    workload = Workload(cluster)
    for run in range(RUNS):
        victim = run % 2
        sending = asyncio.create_task(workload.register(PER_RUN))
        await eventually(partial(_accepted, workload, run * PER_RUN + 10), within=120)
        cluster.kill("registration", victim, signum)
        await sending
        cluster.restart("registration", victim)
    found = await check(cluster, workload.accepted)

    passed = found.lost == 0 and found.duplicated_effects == 0
    record(FaultResult(fault, RUNS, found.events, found.lost, found.duplicated_effects, passed))
    assert passed, found
    assert len(workload.accepted) == RUNS * PER_RUN


async def test_projectors_leaving_and_joining_again_and_again_lose_and_double_nothing(
    cluster: Cluster,
) -> None:
    workload = Workload(cluster)
    for _ in range(RUNS):
        sending = asyncio.create_task(workload.mixed(MIXED))
        for victim in (0, 1):  # each leave and each join rebalances the group
            cluster.kill("reporting", victim, signal.SIGTERM)
            cluster.restart("reporting", victim)
        await sending
    found = await check_mixed(cluster, workload)

    passed = found.lost == 0 and found.duplicated_effects == 0
    record(
        FaultResult(
            "reporting replicas leaving and joining (rebalances)",
            RUNS,
            found.events,
            found.lost,
            found.duplicated_effects,
            passed,
        )
    )
    assert passed, found


POISON = [
    b"{not json",
    json.dumps(
        {**json.loads(make_event(DATA, 1).to_json_bytes()), "type": "umkmjuara.x.Unknown.v9"}
    ).encode(),
    json.dumps(
        {**json.loads(make_event(DATA, 1).to_json_bytes()), "data": {"sme_id": "nope"}}
    ).encode(),
]


async def test_poison_is_dead_lettered_and_the_partition_keeps_flowing(cluster: Cluster) -> None:
    workload = Workload(cluster)
    topics = TopicNames(cluster.namespace)
    source, dlt = (
        topics.events(Context.REGISTRATION),
        topics.dead_letter(f"{cluster.namespace}reporting"),
    )
    producer = AIOKafkaProducer(
        bootstrap_servers=cluster.infra.bootstrap_servers, **cluster.infra.kafka
    )
    await producer.start()
    try:
        for _ in range(RUNS):
            sending = asyncio.create_task(workload.register(PER_RUN // 2))
            for poison in POISON:
                await producer.send_and_wait(source, poison, key=DATA.sme_id.encode())
            await sending
            await workload.register(PER_RUN // 2)
    finally:
        await producer.stop()
    found = await check(cluster, workload.accepted)
    parked = await read_all(cluster.infra, dlt)

    passed = found.lost == 0 and found.duplicated_effects == 0 and len(parked) == RUNS * 2
    record(
        FaultResult(
            "poison messages (broken JSON, schema violations)",
            RUNS,
            found.events,
            found.lost,
            found.duplicated_effects,
            passed,
        )
    )
    assert passed, (found, len(parked))


async def _accepted(workload: Workload, n: int) -> bool | None:
    return True if len(workload.accepted) >= n else None
