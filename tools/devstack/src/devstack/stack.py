"""The local real stack: one Kafka broker and one FerretDB, on loopback, in a per-run directory."""

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from devstack.ferretdb import provision_ferretdb, start_ferretdb
from devstack.kafka import KafkaPorts, provision_kafka, start_kafka
from devstack.ports import free_port
from devstack.process import ManagedProcess
from devstack.readiness import kafka_probe, mongo_probe, wait_until


def provision() -> None:
    """Fetch and build everything the stack runs (a no-op when the cache is warm)."""
    provision_kafka()
    provision_ferretdb()


@dataclass
class LocalStack:
    """Kafka and FerretDB started for one run; `stop()` leaves no process behind."""

    kafka_port: int = 0
    mongo_port: int = 0
    run_dir: Path | None = None
    keep_data: bool = False
    processes: list[ManagedProcess] = field(default_factory=list)

    @property
    def bootstrap_servers(self) -> str:
        """The Kafka bootstrap address."""
        return f"127.0.0.1:{self.kafka_port}"

    @property
    def mongodb_url(self) -> str:
        """The MongoDB-wire URL of FerretDB."""
        return f"mongodb://127.0.0.1:{self.mongo_port}/"

    async def start(self) -> "LocalStack":
        """Start both servers and wait until each answers a real request."""
        provision()
        if self.run_dir is None:
            self.run_dir = Path(tempfile.mkdtemp(prefix="umkm-stack-"))
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.kafka_port = self.kafka_port or free_port()
        self.mongo_port = self.mongo_port or free_port()
        try:
            ferret = start_ferretdb(self.run_dir, self.mongo_port)
            self.processes.append(ferret)
            kafka = start_kafka(self.run_dir, KafkaPorts(self.kafka_port, free_port()))
            self.processes.append(kafka)
            await wait_until("FerretDB", mongo_probe(self.mongodb_url), ferret)
            await wait_until("Kafka", kafka_probe(self.bootstrap_servers), kafka)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop every server, newest first, and remove the run directory unless kept."""
        while self.processes:
            self.processes.pop().stop()
        if self.run_dir is not None and not self.keep_data:
            shutil.rmtree(self.run_dir, ignore_errors=True)
