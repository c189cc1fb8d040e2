"""The local real stack: one Kafka broker and one Mongo-wire server on loopback, in one folder."""

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from devstack.kafka import KafkaPorts, provision_kafka, start_kafka
from devstack.mongojava import Backend, provision_mongo_java, start_mongo_java
from devstack.ports import free_port
from devstack.process import ManagedProcess
from devstack.readiness import kafka_probe, mongo_probe, wait_until


def provision() -> None:
    """Fetch and build everything the stack runs (a no-op when the cache is warm)."""
    provision_kafka()
    provision_mongo_java()


@dataclass
class LocalStack:
    """Kafka and mongo-java-server started for one run; `stop()` leaves no process behind.

    `mongo_backend` "memory" (the default, for tests) starts empty every time; "h2" keeps the
    databases in a file under `run_dir`, so a stack started again on the same directory (with
    `keep_data`) finds its Kafka log and its databases as they were.
    """

    kafka_port: int = 0
    mongo_port: int = 0
    run_dir: Path | None = None
    keep_data: bool = False
    mongo_backend: Backend = "memory"
    processes: list[ManagedProcess] = field(default_factory=list)

    @property
    def bootstrap_servers(self) -> str:
        """The Kafka bootstrap address."""
        return f"127.0.0.1:{self.kafka_port}"

    @property
    def mongodb_url(self) -> str:
        """The MongoDB-wire URL of the local server."""
        return f"mongodb://127.0.0.1:{self.mongo_port}/"

    @property
    def mongo(self) -> ManagedProcess:
        """The Mongo-wire server process (for tests that kill and restart it)."""
        return next(p for p in self.processes if p.name == "mongo")

    async def start(self) -> "LocalStack":
        """Start both servers and wait until each answers a real request."""
        provision()
        if self.run_dir is None:
            self.run_dir = Path(tempfile.mkdtemp(prefix="umkm-stack-"))
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.kafka_port = self.kafka_port or free_port()
        self.mongo_port = self.mongo_port or free_port()
        try:
            await self.start_mongo()
            kafka = start_kafka(self.run_dir, KafkaPorts(self.kafka_port, free_port()))
            self.processes.append(kafka)
            await wait_until("Kafka", kafka_probe(self.bootstrap_servers), kafka)
        except BaseException:
            self.stop()
            raise
        return self

    async def start_mongo(self) -> ManagedProcess:
        """Start (or start again, on the same port and data) the Mongo-wire server."""
        if self.run_dir is None:
            raise RuntimeError("LocalStack.start() was not called")
        mongo = start_mongo_java(self.run_dir, self.mongo_port, self.mongo_backend)
        self.processes.append(mongo)
        await wait_until("the Mongo-wire server", mongo_probe(self.mongodb_url), mongo)
        return mongo

    def stop(self) -> None:
        """Stop every server, newest first, and remove the run directory unless kept."""
        while self.processes:
            self.processes.pop().stop()
        if self.run_dir is not None and not self.keep_data:
            shutil.rmtree(self.run_dir, ignore_errors=True)
