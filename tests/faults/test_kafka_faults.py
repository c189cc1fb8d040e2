"""Kafka taken away under the workload, and an outbox relay killed between ack and mark.

Each fault runs against two replicas of every service; afterwards the outboxes drain and the
checker confirms 0 lost / 0 duplicated effects (`reliability-report.json`).
"""

import asyncio
import json
import re
import signal
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

from tests.faults.checker import Check, check
from tests.faults.harness import HookedCluster, drained, pending_events, running
from tests.faults.own_servers import own_kafka
from tests.faults.report import FaultResult, record
from tests.faults.workload import Workload
from tests.infra import Infra
from tests.kafka_reader import read_all
from tests.polling import eventually
from umkm_shared.contracts.topics import Context, TopicNames

RUNS = 2
PER_RUN = 120
OUTAGE_SECONDS = 60
HOOK = re.compile(r"before marking them sent: ([0-9a-f -]+)")


def _record(fault: str, found: Check, passed: bool) -> None:
    record(FaultResult(fault, RUNS, found.events, found.lost, found.duplicated_effects, passed))


async def test_kafka_killed_and_down_while_commands_are_accepted_loses_nothing(
    infra: Infra, namespace: str, tmp_path: Path
) -> None:
    async with (
        own_kafka(infra, namespace, tmp_path / "broker") as kafka,
        running(kafka.infra, namespace, tmp_path / "logs") as cluster,
    ):
        workload = Workload(cluster)
        for _ in range(RUNS):
            await workload.register(PER_RUN // 2)
            kafka.kill()  # kill -9 of the broker: the APIs keep accepting into their outboxes
            await workload.register(PER_RUN // 2)
            await kafka.restart()  # same ports and log directory
        await eventually(partial(drained, cluster), within=180)
        found = await check(cluster, workload.accepted)

    passed = found.lost == 0 and found.duplicated_effects == 0 and workload.retried == 0
    _record("kill -9 of the Kafka broker while commands keep coming", found, passed)
    assert passed, (found, workload.retried)


async def test_kafka_down_for_a_minute_while_the_apis_keep_accepting_commands_then_the_outboxes_drain(  # noqa: E501
    infra: Infra, namespace: str, tmp_path: Path
) -> None:
    async with (
        own_kafka(infra, namespace, tmp_path / "broker") as kafka,
        running(kafka.infra, namespace, tmp_path / "logs") as cluster,
    ):
        workload = Workload(cluster)
        held = []
        for _ in range(RUNS):
            await workload.register(PER_RUN // 4)
            kafka.process.stop()  # the broker is down; both registration replicas stay up
            down = time.monotonic()
            while time.monotonic() - down < OUTAGE_SECONDS:  # the outage is the fault itself
                await workload.register(10, concurrency=2)
            held.append(await pending_events(cluster))
            await kafka.restart()
        await eventually(partial(drained, cluster), within=240)
        found = await check(cluster, workload.accepted)

    print(f"accepted {len(workload.accepted)}, held in the outboxes per outage: {held}")
    # Every command answered 2xx while the broker was away, and the outboxes held its events.
    passed = (
        found.lost == 0 and found.duplicated_effects == 0 and workload.retried == 0 and all(held)
    )
    _record("Kafka down for a minute while the APIs keep accepting commands", found, passed)
    assert passed, (found, workload.retried, held)


async def test_a_relay_killed_after_kafka_acked_and_before_it_marked_the_events_sent_republishes_them(  # noqa: E501
    infra: Infra, namespace: str, tmp_path: Path
) -> None:
    async with running(infra, namespace, tmp_path / "logs") as cluster:
        workload = Workload(cluster)
        unmarked: list[str] = []
        for run in range(RUNS):
            victim = run % 2
            cluster.kill("registration", victim, signal.SIGTERM)
            with cluster.hooked(TEST_RELAY_EXIT_AFTER_BATCHES="3"):
                cluster.restart("registration", victim)
            sending = asyncio.create_task(workload.register(PER_RUN))
            unmarked += await _hook_fired(cluster, victim)
            await sending  # what the dead replica did not answer went to the other one
            cluster.restart("registration", victim)
        await eventually(partial(drained, cluster), within=180)
        found = await check(cluster, workload.accepted)
        copies = await _copies_on_topic(cluster)

    # The hook fired: those events were on Kafka and still pending, so they went out again.
    republished = all(copies[event_id] >= 2 for event_id in unmarked)
    passed = found.lost == 0 and found.duplicated_effects == 0 and bool(unmarked) and republished
    print(f"acked but unmarked when killed: {len(unmarked)} events, all republished: {republished}")
    _record("outbox relay killed after Kafka acked, before marking sent", found, passed)
    assert passed, (found, len(unmarked), republished)


async def _hook_fired(cluster: HookedCluster, victim: int) -> list[str]:
    """Wait for the hooked replica to exit 137; the event ids its relay left unmarked."""
    replica = cluster.replicas["registration"][victim]
    code = await eventually(partial(_exited, replica.process.exited), within=120)
    assert code == 137, f"the hooked replica exited with {code}"
    found = HOOK.findall(replica.process.log_path.read_text(errors="replace"))
    assert found, "the test hook did not log the events it left unmarked"
    return str(found[-1]).split()


async def _exited(exited: Callable[[], int | None]) -> int | None:
    return exited()


async def _copies_on_topic(cluster: HookedCluster) -> Counter[str]:
    """How many times each event id is on the registration topic."""
    topic = TopicNames(cluster.namespace).events(Context.REGISTRATION)
    return Counter(json.loads(r.value)["id"] for r in await read_all(cluster.infra, topic))
