"""The fault tier: two replicas of every service, killed and restarted under a workload."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.cluster import Cluster
from tests.faults.report import REPORT, RESULTS, table
from tests.infra import Infra


@pytest.fixture
def cluster(infra: Infra, namespace: str, tmp_path: Path) -> Iterator[Cluster]:
    """Two replicas of each service under this test's namespace; all stopped afterwards."""
    running = Cluster(infra, namespace, tmp_path / "logs")
    try:
        running.start_all()
        yield running
    finally:
        running.stop()
        assert running.alive() == [], "a process was left behind"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The reliability table, and where its JSON is."""
    if RESULTS:
        terminalreporter.section("reliability (faults injected under a workload)")
        for line in table():
            terminalreporter.write_line(line)
        terminalreporter.write_line(f"written to {REPORT}")
