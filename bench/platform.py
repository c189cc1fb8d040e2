"""The stack the suite runs on: one LocalStack, and services started per phase as processes.

The services are resource servers of the stack's Keycloak, as under `./dev up`: every request
the suite sends carries a demo user's token (the provincial admin's), renewed before it expires.
"""

import asyncio
import contextlib
import os
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from bench.profiles import start_profiled
from bench.rss import RssSampler
from devstack.mongojava import Backend
from devstack.ports import free_port
from devstack.readiness import mongo_probe, wait_until
from devstack.services import RunningService, start_service, wait_healthy
from devstack.stack import LocalStack
from devstack.tokens import ADMIN, tokens_of


def new_namespace(label: str) -> str:
    """A topic/database prefix of its own for one phase: no phase sees another's data."""
    return f"b{uuid.uuid4().hex[:6]}-{label}-"


class Bearer:
    """A demo user's `Authorization` value, renewed before the token expires (300 s).

    Cheap per request (the token is cached); one login at a time when it is due, not one per
    waiting client.
    """

    def __init__(self, issuer: str, user: str = ADMIN) -> None:
        self._tokens, self._user = tokens_of(issuer), user
        self._lock = asyncio.Lock()

    async def __call__(self) -> str:
        async with self._lock:
            return f"Bearer {await self._tokens.access_token_async(self._user)}"

    async def headers(self) -> dict[str, str]:
        """The header for an httpx request."""
        return {"Authorization": await self()}


@dataclass
class BenchPlatform:
    """Kafka, the Mongo-wire server and Keycloak for the whole run; the RSS sampler watching all."""

    backend: Backend
    stack: LocalStack = field(init=False)
    sampler: RssSampler = field(default_factory=RssSampler)
    log_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="umkm-bench-")))
    profile: frozenset[str] = frozenset()
    """Services to run under pyinstrument (slower: their figures are not comparable)."""

    async def start(self) -> "BenchPlatform":
        """Start the stack on free ports and begin sampling memory."""
        self.stack = LocalStack(
            mongo_backend=self.backend, run_dir=self.log_dir / "stack", with_keycloak=True
        )
        await self.stack.start()
        os.environ.update(self.stack.kafka_env("admin"))  # the suite's own clients' login
        for proc in self.stack.processes:
            self.sampler.watch(f"server:{proc.name}", proc.pid)
        self.sampler.start()
        return self

    async def store_answers(self, within: float = 120.0) -> float:
        """Wait until the Mongo-wire server answers a ping again; the seconds it took.

        After a phase the server may still be busy with what the stopped service sent it; a
        phase that starts then would time out on its first connection.
        """
        started = time.monotonic()
        await wait_until(
            "the Mongo-wire server", mongo_probe(self.stack.mongodb_url), self.stack.mongo, within
        )
        return time.monotonic() - started

    def bearer(self, user: str = ADMIN) -> Bearer:
        """`user`'s token for the suite's requests (the provincial admin's by default)."""
        return Bearer(self.stack.oidc_issuer, user)

    def stop(self) -> None:
        """Stop the stack and the sampler."""
        self.sampler.stop()
        self.stack.stop()

    def environment(self, namespace: str) -> dict[str, str]:
        """What `./dev up` gives the services, isolated under `namespace` as e2e tests do."""
        services = ("registration", "mentoring", "partnership", "reporting")
        return {
            **os.environ,
            "KAFKA_BOOTSTRAP_SERVERS": self.stack.bootstrap_servers,
            "MONGODB_URL": self.stack.mongodb_url,
            "TOPIC_NAMESPACE": namespace,
            "PROFILE": "test",
            "OIDC_ISSUER": self.stack.oidc_issuer,
            **{f"{s.upper()}_MONGODB_DATABASE": f"{namespace}{s}" for s in services},
            "REPORTING_CONSUMER_GROUP": f"{namespace}reporting",
            "MENTORING_CONSUMER_GROUP": f"{namespace}mentoring",
            "REGISTRATION_CONSUMER_GROUP": f"{namespace}registration",
            "PARTNERSHIP_CONSUMER_GROUP": f"{namespace}partnership",
            # The benchmark is one caller posting as fast as it can: not what the limit is for.
            "RATE_LIMIT_WRITES": "100000000/minute",
            **self.stack.kafka_env(*services),  # each service logs in as its own principal
        }

    @contextlib.asynccontextmanager
    async def services(
        self, namespace: str, names: tuple[str, ...]
    ) -> AsyncIterator[dict[str, RunningService]]:
        """The named services started as processes (as `./dev up` does); stopped afterwards."""
        env, logs = self.environment(namespace), self.log_dir / namespace
        await self.stack.grant_platform_acls(namespace)
        running: dict[str, RunningService] = {}
        profiles: list[Path] = []
        for name in names:
            if name in self.profile:
                running[name], profile = start_profiled(
                    name, free_port(), logs, env, namespace.split("-")[1]
                )
                profiles.append(profile)
            else:
                running[name] = start_service(name, free_port(), logs, env)
        try:
            for svc in running.values():
                self.sampler.watch(svc.name, svc.process.pid)
            await asyncio.gather(*(asyncio.to_thread(wait_healthy, s) for s in running.values()))
            yield running
        finally:
            for svc in running.values():
                await asyncio.to_thread(svc.process.stop)
            for path in profiles:
                print(f"   profile: {path} ({'written' if path.exists() else 'missing'})")
