"""Session-wide real servers, and per-test isolation by topic namespace and database name."""

import dataclasses
import uuid
from collections.abc import AsyncIterator

import pytest

from tests.infra import Infra, Oidc, provide_infra, provide_oidc
from tests.kafka_scan import SCANS
from tests.privacy import record_logs

_USED: list[Infra] = []
_OIDC_USED: list[Oidc] = []


@pytest.fixture(scope="session")
async def oidc() -> AsyncIterator[Oidc]:
    """Keycloak with the `umkm-juara` realm, started once per session by the first test using it."""
    async with provide_oidc() as provider:
        _OIDC_USED.append(provider)
        yield provider


@pytest.fixture(scope="session")
async def infra(oidc: Oidc) -> AsyncIterator[Infra]:
    """The real Kafka broker and Mongo-wire server, started once per test session.

    The services trust `oidc`'s issuer, so every request a test makes carries a token.
    """
    async with provide_infra() as servers:
        _USED.append(servers)
        yield dataclasses.replace(servers, oidc_issuer=oidc.issuer)


@pytest.fixture
async def namespace(infra: Infra) -> str:
    """A unique prefix for this test's topics, consumer groups and databases.

    The platform's Kafka ACLs are granted for it, so each service works under its own
    principal exactly as deployed (consumer groups `<namespace><service>`).
    """
    prefix = f"t{uuid.uuid4().hex[:10]}-"
    await infra.grant(prefix)
    return prefix


def pytest_configure(config: pytest.Config) -> None:
    """Record log lines from the start, for the raw-NIK scan at the end."""
    record_logs()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests by tier from their directory, so `-m integration` and friends work."""
    for item in items:
        path = str(item.path)
        if "/integration/" in path:
            item.add_marker(pytest.mark.integration)
        elif "/e2e/" in path:
            item.add_marker(pytest.mark.e2e)
        elif "/faults/" in path:
            item.add_marker(pytest.mark.faults)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say which real servers the integration and end-to-end tiers ran against."""
    for servers in _USED:
        terminalreporter.write_line(
            f"integration/e2e tiers ran against {servers.source}: "
            f"kafka={servers.bootstrap_servers} mongodb={servers.mongodb_url}"
        )
    for provider in _OIDC_USED:
        terminalreporter.write_line(f"logins came from {provider.source}: {provider.issuer}")
    for scan in SCANS:
        terminalreporter.write_line(str(scan))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A skipped integration or end-to-end test is a failure here, not a pass."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = [
        r.nodeid
        for r in reporter.stats.get("skipped", [])
        if any(tier in r.nodeid for tier in ("/integration/", "/e2e/", "/faults/"))
    ]
    if skipped:
        reporter.write_line(f"FAILED: {len(skipped)} integration/e2e test(s) skipped: {skipped}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
