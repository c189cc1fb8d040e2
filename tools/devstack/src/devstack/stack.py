"""The local real stack: one Kafka broker and one Mongo-wire server on loopback, in one folder."""

import asyncio
import contextlib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from devstack.kafka import ADMIN, MECHANISM, KafkaPorts, provision_kafka, start_kafka
from devstack.kafka_acls import grant, platform_acls
from devstack.kafka_tls import make_test_tls
from devstack.keycloak import issuer_url, run_keycloak
from devstack.keycloak_dist import provision_keycloak
from devstack.mongojava import Backend, provision_mongo_java, start_mongo_java
from devstack.ports import free_port
from devstack.process import ManagedProcess
from devstack.readiness import kafka_probe, mongo_probe, wait_until
from umkm_shared.messaging.kafka_security import KafkaSecurity


def provision() -> None:
    """Fetch and build everything the stack runs (a no-op when the cache is warm)."""
    provision_kafka()
    provision_mongo_java()
    provision_keycloak()


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
    kafka_tls: bool = False
    """Serve Kafka clients SASL_SSL with a throw-away CA made at start (else SASL_PLAINTEXT)."""
    kafka_cafile: Path | None = None
    """With `kafka_tls`: the CA file clients trust (`KAFKA_SSL_CAFILE`)."""
    with_keycloak: bool = False
    """Also start Keycloak with the `umkm-juara` realm, on `keycloak_port`."""
    keycloak_port: int = 0
    processes: list[ManagedProcess] = field(default_factory=list)
    kafka_passwords: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def bootstrap_servers(self) -> str:
        """The Kafka bootstrap address."""
        return f"127.0.0.1:{self.kafka_port}"

    @property
    def mongodb_url(self) -> str:
        """The MongoDB-wire URL of the local server."""
        return f"mongodb://127.0.0.1:{self.mongo_port}/"

    def kafka_principal(self, name: str = ADMIN) -> KafkaSecurity:
        """How principal `name` (`admin`, a service name or `bank`) connects to the broker."""
        return KafkaSecurity(
            protocol="SASL_SSL" if self.kafka_tls else "SASL_PLAINTEXT",
            mechanism=MECHANISM,
            username=name,
            password=self.kafka_passwords[name],
            cafile=str(self.kafka_cafile) if self.kafka_cafile else None,
        )

    def kafka_env(self, *principals: str) -> dict[str, str]:
        """The Kafka variables for processes: the transport and the named principals' logins.

        Service `x` reads `X_KAFKA_USERNAME`/`X_KAFKA_PASSWORD`; `ADMIN_` and `BANK_` are for
        tooling. No names: every principal. Dev and test only: production has its own secrets.
        """
        admin = self.kafka_principal()
        env = {"KAFKA_SECURITY_PROTOCOL": admin.protocol, "KAFKA_SASL_MECHANISM": MECHANISM}
        if admin.cafile:
            env["KAFKA_SSL_CAFILE"] = admin.cafile
        for name in principals or tuple(self.kafka_passwords):
            password = self.kafka_passwords[name]
            env[f"{name.upper()}_KAFKA_USERNAME"] = name
            env[f"{name.upper()}_KAFKA_PASSWORD"] = password
        return env

    async def grant_platform_acls(self, namespace: str = "") -> None:
        """Create the services' and the bank's ACLs for topics under `namespace`."""
        await grant(self.bootstrap_servers, self.kafka_principal(), platform_acls(namespace))

    @property
    def oidc_issuer(self) -> str:
        """The OpenID Connect issuer of the realm (with `with_keycloak`)."""
        return issuer_url(self.keycloak_port)

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
        keycloak = asyncio.create_task(self._start_keycloak()) if self.with_keycloak else None
        try:
            await self.start_mongo()
            tls = None
            if self.kafka_tls:
                tls, self.kafka_cafile = make_test_tls(self.run_dir / "kafka" / "tls")
            kafka, self.kafka_passwords = start_kafka(
                self.run_dir, KafkaPorts(self.kafka_port, free_port()), tls=tls
            )
            self.processes.append(kafka)
            probe = kafka_probe(self.bootstrap_servers, self.kafka_principal())
            await wait_until("Kafka", probe, kafka)
            await self.grant_platform_acls()
            if keycloak is not None:
                await keycloak
        except BaseException:
            if keycloak is not None:
                keycloak.cancel()
                with contextlib.suppress(BaseException):
                    await keycloak
            self.stop()
            raise
        return self

    async def _start_keycloak(self) -> None:
        """Start Keycloak alongside the others (it takes longest: about 10-30 s)."""
        if self.run_dir is None:
            raise RuntimeError("LocalStack.start() was not called")
        self.keycloak_port = self.keycloak_port or free_port()
        self.processes.append(await run_keycloak(self.run_dir, self.keycloak_port))

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
