"""A test's own Kafka broker or Mongo-wire server, which it may kill, freeze and restart.

The session's servers are shared by every test, so a fault that takes a server away needs
one of its own: a broker with the platform's SASL users and ACLs, or a mongo-java-server
with the H2 backend (it commits before it acknowledges, so a kill -9 loses no acked write).
Both restart on the same port and the same data, as a real server would.
"""

import os
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from devstack.kafka import MECHANISM, KafkaPorts, start_kafka
from devstack.mongojava import start_mongo_java
from devstack.ports import free_port
from devstack.process import ManagedProcess
from devstack.readiness import kafka_probe, mongo_probe, wait_until
from tests.infra import Infra
from umkm_shared.messaging.kafka_security import KafkaSecurity


@dataclass
class OwnKafka:
    """A broker of this test's own; `infra` is the session's servers with it as the broker."""

    infra: Infra
    run_dir: Path
    ports: KafkaPorts
    process: ManagedProcess

    async def ready(self) -> None:
        """Wait until the broker serves metadata."""
        probe = kafka_probe(self.infra.bootstrap_servers, self.infra.principal("admin"))
        await wait_until("Kafka", probe, self.process)

    def kill(self) -> None:
        """kill -9 of the broker."""
        self.process.kill()

    async def restart(self) -> None:
        """Start it again on the same ports and log directory, and wait until it serves."""
        self.process, _ = start_kafka(self.run_dir, self.ports)
        await self.ready()


@asynccontextmanager
async def own_kafka(infra: Infra, namespace: str, run_dir: Path) -> AsyncIterator[OwnKafka]:
    """A fresh SASL broker with the platform's ACLs for `namespace`; stopped afterwards."""
    ports = KafkaPorts(free_port(), free_port())
    process, passwords = start_kafka(run_dir, ports)
    own = OwnKafka(
        replace(
            infra,
            bootstrap_servers=f"127.0.0.1:{ports.broker}",
            principals={
                name: KafkaSecurity("SASL_PLAINTEXT", MECHANISM, name, password)
                for name, password in passwords.items()
            },
        ),
        run_dir,
        ports,
        process,
    )
    try:
        await own.ready()
        await own.infra.grant(namespace)
        yield own
    finally:
        own.process.stop()


@dataclass
class OwnMongo:
    """A Mongo-wire server of this test's own (H2 file); `infra` points the services at it."""

    infra: Infra
    run_dir: Path
    port: int
    process: ManagedProcess

    async def ready(self) -> None:
        """Wait until the server answers `ping`."""
        await wait_until("mongo-java-server", mongo_probe(self.infra.mongodb_url), self.process)

    def kill(self) -> None:
        """kill -9 of the server."""
        self.process.kill()

    async def restart(self) -> None:
        """Start it again on the same port and file, and wait until it answers."""
        self.process = start_mongo_java(self.run_dir, self.port, backend="h2")
        await self.ready()

    def freeze(self) -> None:
        """SIGSTOP: the server keeps its connections open and answers nothing (a slow store)."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        """SIGCONT: it answers again, everything it had received first."""
        os.kill(self.process.pid, signal.SIGCONT)


@asynccontextmanager
async def own_mongo(infra: Infra, run_dir: Path) -> AsyncIterator[OwnMongo]:
    """A fresh mongo-java-server on the H2 backend; stopped (and thawed) afterwards."""
    port = free_port()
    own = OwnMongo(
        replace(infra, mongodb_url=f"mongodb://127.0.0.1:{port}/"),
        run_dir,
        port,
        start_mongo_java(run_dir, port, backend="h2"),
    )
    try:
        await own.ready()
        yield own
    finally:
        if own.process.exited() is None:
            own.thaw()  # a frozen server ignores SIGTERM until it runs again
        own.process.stop()
