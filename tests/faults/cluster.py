"""Two replicas of every service as processes, which the fault tests kill and restart."""

import signal
from dataclasses import dataclass, field
from pathlib import Path

from devstack.ports import free_port
from devstack.services import SERVICES, RunningService, start_service, wait_healthy
from tests.infra import Infra
from tests.privacy import SERVICE_LOG_FILES

REPLICAS = 2


@dataclass
class Cluster:
    """`REPLICAS` processes of each service sharing one database and consumer group."""

    infra: Infra
    namespace: str
    logs: Path
    replicas: dict[str, list[RunningService]] = field(default_factory=dict)

    @property
    def environment(self) -> dict[str, str]:
        """What every process gets: the test's servers, namespace, issuer and logins."""
        return {**self.infra.process_env(self.namespace), "RATE_LIMIT_WRITES": "100000/minute"}

    def start(self, service: str, index: int) -> RunningService:
        """Start (or restart) replica `index` of `service`, waited on until ready."""
        logs = self.logs / f"{service}-{index}"
        started = start_service(service, free_port(), logs, self.environment)
        SERVICE_LOG_FILES.append(started.process.log_path)
        slots = self.replicas.setdefault(service, [])
        if index < len(slots):
            slots[index] = started
        else:
            slots.append(started)
        return started

    def start_all(self) -> None:
        """Every replica of every service, then wait until each is ready."""
        for service in SERVICES:
            for index in range(REPLICAS):
                self.start(service, index)
        for replicas in self.replicas.values():
            for replica in replicas:
                wait_healthy(replica, timeout=180)

    def kill(self, service: str, index: int, signum: int = signal.SIGKILL) -> None:
        """Send `signum` to replica `index` (kill -9 by default) and wait until it is gone."""
        if signum == signal.SIGKILL:
            self.replicas[service][index].process.kill(signum)
        else:
            self.replicas[service][index].process.stop()

    def restart(self, service: str, index: int) -> None:
        """Start replica `index` again and wait until it is ready."""
        wait_healthy(self.start(service, index), timeout=180)

    def url(self, service: str, index: int = 0) -> str:
        """Base URL of replica `index`."""
        return self.replicas[service][index].url

    def stop(self) -> None:
        """Stop every replica still running."""
        for replicas in self.replicas.values():
            for replica in replicas:
                replica.process.stop()

    def alive(self) -> list[str]:
        """Replicas whose process is still running (none may be left behind)."""
        return [
            f"{r.name}-{i}"
            for replicas in self.replicas.values()
            for i, r in enumerate(replicas)
            if r.process.exited() is None
        ]
