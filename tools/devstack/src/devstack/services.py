"""The four services as separate processes, so they can be stopped, killed and restarted alone."""

import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from devstack.process import ManagedProcess
from devstack.readiness import StartupError

SERVICES = ("registration", "mentoring", "partnership", "reporting")
DEFAULT_PORTS = {"registration": 8001, "mentoring": 8002, "partnership": 8003, "reporting": 8004}


@dataclass
class RunningService:
    """A service process and where it listens."""

    name: str
    port: int
    process: ManagedProcess

    @property
    def url(self) -> str:
        """Base URL of its HTTP API."""
        return f"http://127.0.0.1:{self.port}"


def start_service(
    name: str, port: int, log_dir: Path, environment: dict[str, str]
) -> RunningService:
    """Start one service, `python -m <name>`, with the platform-wide settings in `environment`."""
    env = {**environment, f"{name.upper()}_HTTP_PORT": str(port)}
    proc = ManagedProcess(
        name, [sys.executable, "-m", name], log_path=log_dir / f"{name}.log", env=env
    )
    return RunningService(name, port, proc)


def wait_healthy(service: RunningService, timeout: float = 60.0) -> None:
    """Block until GET /ready answers 200 (started, MongoDB and Kafka answer), or fail.

    Failing shows the service's log tail.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if service.process.exited() is not None:
            break
        try:
            if httpx.get(f"{service.url}/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise StartupError(
        f"{service.name} did not become ready on {service.url}; "
        f"log {service.process.log_path}:\n{service.process.log_tail()}"
    )
