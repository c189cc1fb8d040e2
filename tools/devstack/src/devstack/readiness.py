"""Waiting until a server answers for real, not just until its port is open."""

import asyncio
import time
from collections.abc import Awaitable, Callable

from aiokafka.admin import AIOKafkaAdminClient
from pymongo import AsyncMongoClient

from devstack.process import ManagedProcess
from umkm_shared.messaging.kafka_security import KafkaSecurity


class StartupError(RuntimeError):
    """A server did not become ready in time, or exited while starting."""


async def wait_until(
    what: str,
    probe: Callable[[], Awaitable[None]],
    proc: ManagedProcess | None = None,
    within: float = 90.0,
) -> None:
    """Call `probe` until it succeeds; fail with the server's log tail if it cannot."""
    deadline = time.monotonic() + within
    last_error: BaseException | None = None
    while time.monotonic() < deadline:
        if proc is not None and proc.exited() is not None:
            raise StartupError(
                f"{what} exited with code {proc.exited()} while starting; "
                f"last log lines ({proc.log_path}):\n{proc.log_tail()}"
            )
        try:
            await probe()
        except Exception as exc:
            last_error = exc
            await asyncio.sleep(0.3)
        else:
            return
    tail = f"\nlast log lines:\n{proc.log_tail()}" if proc is not None else ""
    raise StartupError(f"{what} was not ready after {within:.0f}s: {last_error!r}{tail}")


def kafka_probe(
    bootstrap: str, security: KafkaSecurity | None = None
) -> Callable[[], Awaitable[None]]:
    """A probe that succeeds once the broker serves metadata and has a controller."""

    host, _, port = bootstrap.rpartition(":")

    async def probe() -> None:
        # A plain TCP connect first: aiokafka logs every refused connection as a warning.
        _, writer = await asyncio.open_connection(host, int(port))
        writer.close()
        await writer.wait_closed()
        admin = AIOKafkaAdminClient(
            bootstrap_servers=bootstrap,
            request_timeout_ms=3000,
            **(security or KafkaSecurity()).client_kwargs(),
        )
        await admin.start()
        try:
            await admin.list_topics()
        finally:
            await admin.close()

    return probe


def mongo_probe(url: str) -> Callable[[], Awaitable[None]]:
    """A probe that succeeds once the server answers `ping` (not just TCP)."""

    async def probe() -> None:
        client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(
            url, serverSelectionTimeoutMS=1000
        )
        try:
            await client.admin.command("ping")
        finally:
            await client.close()

    return probe
