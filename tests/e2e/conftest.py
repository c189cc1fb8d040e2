"""The four services as processes, as `./dev up` runs them, isolated by the test's namespace."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from devstack.ports import free_port
from devstack.services import SERVICES, RunningService, start_service, wait_healthy
from tests.infra import Infra
from tests.privacy import SERVICE_LOG_FILES


@pytest.fixture
def platform(infra: Infra, namespace: str, tmp_path: Path) -> Iterator[dict[str, RunningService]]:
    """All four services started as processes (each waited on until ready); stopped after."""
    env = infra.process_env(namespace)
    services: dict[str, RunningService] = {}
    try:
        for name in SERVICES:
            services[name] = start_service(name, free_port(), tmp_path, env)
            SERVICE_LOG_FILES.append(services[name].process.log_path)
        for svc in services.values():
            wait_healthy(svc)
        yield services
    finally:
        for svc in services.values():
            svc.process.stop()
