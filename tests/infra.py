"""Where the tests' real Kafka, Mongo-wire server and Keycloak come from, in order of preference."""

import contextlib
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from umkm_shared.messaging.kafka_security import KafkaSecurity
from umkm_shared.settings import KafkaClientSettings

if TYPE_CHECKING:
    from devstack.tokens import Tokens


@dataclass(frozen=True)
class Infra:
    """Addresses of the servers the integration and end-to-end tiers talk to.

    `principals` holds how each Kafka principal (`admin`, each service, `bank`) connects; on a
    broker without authentication they are all PLAINTEXT. Test set-up and assertions use the
    super user `admin` (`**infra.kafka`); each service runs as its own principal, so the
    tests run under the platform's ACLs.
    """

    bootstrap_servers: str
    mongodb_url: str
    source: str
    principals: dict[str, KafkaSecurity] = field(default_factory=dict)
    oidc_issuer: str = ""
    """The issuer every service trusts (the `oidc` fixture's Keycloak)."""

    def principal(self, name: str) -> KafkaSecurity:
        """How principal `name` connects (PLAINTEXT when the broker has no authentication)."""
        return self.principals.get(name, KafkaSecurity())

    @property
    def kafka(self) -> dict[str, Any]:
        """aiokafka client arguments of the super user, for set-up and assertions."""
        return self.principal("admin").client_kwargs()

    def kafka_settings(self, principal: str) -> dict[str, Any]:
        """Service settings arguments that make a service connect as `principal`."""
        security = self.principal(principal)
        return {
            "kafka_security_protocol": security.protocol,
            "kafka_sasl_mechanism": security.mechanism,
            "kafka_ssl_cafile": security.cafile,
            "kafka_username": security.username,
            "kafka_password": security.password,
        }

    def settings(self, principal: str) -> dict[str, Any]:
        """Service settings arguments: connect as `principal`, trust the tests' issuer."""
        return self.kafka_settings(principal) | {"oidc_issuer": self.oidc_issuer or None}

    @property
    def tokens(self) -> "Tokens":
        """Demo users' access tokens from the tests' issuer (`infra.tokens.headers(user)`)."""
        from devstack.tokens import tokens_of  # noqa: PLC0415

        return tokens_of(self.oidc_issuer)

    def service_env(self) -> dict[str, str]:
        """Environment variables that make each service process connect as its principal."""
        env: dict[str, str] = {"OIDC_ISSUER": self.oidc_issuer} if self.oidc_issuer else {}
        for name, security in self.principals.items():
            env["KAFKA_SECURITY_PROTOCOL"] = security.protocol
            env["KAFKA_SASL_MECHANISM"] = security.mechanism
            if security.cafile:
                env["KAFKA_SSL_CAFILE"] = security.cafile
            if security.username and security.password:
                env[f"{name.upper()}_KAFKA_USERNAME"] = security.username
                env[f"{name.upper()}_KAFKA_PASSWORD"] = security.password
        return env

    def process_env(self, namespace: str) -> dict[str, str]:
        """What a service or CLI process of the tests gets: this environment plus the test's
        servers, its namespace's topics, databases and consumer groups, and the logins."""
        from devstack.services import SERVICES  # noqa: PLC0415 - the tools only where needed

        return {
            **os.environ,
            "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap_servers,
            "MONGODB_URL": self.mongodb_url,
            "TOPIC_NAMESPACE": namespace,
            "PROFILE": "test",
            **self.service_env(),
            **{f"{s.upper()}_MONGODB_DATABASE": f"{namespace}{s}" for s in SERVICES},
            **{f"{s.upper()}_CONSUMER_GROUP": f"{namespace}{s}" for s in SERVICES},
        }

    async def grant(self, namespace: str) -> None:
        """Create the platform's ACLs for topics under `namespace` (a no-op without SASL)."""
        admin = self.principal("admin")
        if admin.sasl:
            from devstack.kafka_acls import grant, platform_acls  # noqa: PLC0415

            await grant(self.bootstrap_servers, admin, platform_acls(namespace))


def _docker_answers() -> bool:
    try:
        import docker  # noqa: PLC0415 - optional: only there with testcontainers

        client = docker.from_env(timeout=3)
        client.ping()
    except Exception:
        return False
    return True


def _principals_from_environment() -> dict[str, KafkaSecurity]:
    """`ADMIN_KAFKA_USERNAME`, `REGISTRATION_KAFKA_USERNAME`, ... (and their passwords)."""
    from devstack.kafka import PRINCIPALS  # noqa: PLC0415

    if os.environ.get("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT") == "PLAINTEXT":
        return {}
    return {
        name: KafkaClientSettings(_env_prefix=f"{name.upper()}_").kafka_security
        for name in PRINCIPALS
    }


@contextlib.asynccontextmanager
async def provide_infra() -> AsyncIterator[Infra]:
    """Environment variables, else testcontainers (if Docker answers), else the local stack.

    The local stack's broker requires SASL/SCRAM (SASL_SSL with `TEST_KAFKA_TLS=1`) and
    enforces the platform's ACLs.

    From the environment, a broker that needs SASL (`KAFKA_SECURITY_PROTOCOL`) also needs
    each principal's `<NAME>_KAFKA_USERNAME`/`_PASSWORD` (admin, the services, bank).
    """
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    mongo = os.environ.get("MONGODB_URL")
    if bootstrap and mongo:
        yield Infra(bootstrap, mongo, "environment", _principals_from_environment())
    elif _docker_answers():
        from testcontainers.kafka import KafkaContainer  # noqa: PLC0415
        from testcontainers.mongodb import MongoDbContainer  # noqa: PLC0415

        with (
            KafkaContainer("apache/kafka:4.1.1").with_kraft() as kafka,
            MongoDbContainer("mongo:8") as mongodb,
        ):
            yield Infra(
                kafka.get_bootstrap_server(), mongodb.get_connection_url(), "testcontainers"
            )
    else:
        from devstack.kafka import PRINCIPALS  # noqa: PLC0415
        from devstack.stack import LocalStack  # noqa: PLC0415
        from devstack.versions import (  # noqa: PLC0415
            KAFKA_VERSION,
            MONGO_JAVA_SERVER_VERSION,
        )

        # TEST_KAFKA_TLS=1: the whole suite over SASL_SSL, trusting a CA made for the run.
        stack = await LocalStack(kafka_tls=os.environ.get("TEST_KAFKA_TLS") == "1").start()
        kafka_protocol = stack.kafka_principal().protocol
        try:
            yield Infra(
                stack.bootstrap_servers,
                stack.mongodb_url,
                f"the local stack (Kafka {KAFKA_VERSION} KRaft, {kafka_protocol} SCRAM-SHA-512 "
                f"and ACLs, mongo-java-server {MONGO_JAVA_SERVER_VERSION} memory backend)",
                {name: stack.kafka_principal(name) for name in PRINCIPALS},
            )
        finally:
            stack.stop()


@dataclass(frozen=True)
class Oidc:
    """The OpenID Connect provider the tests log in with: Keycloak with the `umkm-juara` realm."""

    issuer: str
    source: str

    @property
    def token_endpoint(self) -> str:
        """Where the tests get tokens (password grant as a demo user, client credentials)."""
        return f"{self.issuer}/protocol/openid-connect/token"


@contextlib.asynccontextmanager
async def provide_oidc() -> AsyncIterator[Oidc]:
    """`OIDC_ISSUER`, else a Keycloak container (if Docker answers), else a local Keycloak."""
    from devstack.keycloak import issuer_url, keycloak_probe, run_keycloak  # noqa: PLC0415
    from devstack.readiness import wait_until  # noqa: PLC0415
    from devstack.versions import KEYCLOAK_VERSION  # noqa: PLC0415

    issuer = os.environ.get("OIDC_ISSUER")
    if issuer:
        yield Oidc(issuer, "environment")
    elif _docker_answers():
        from testcontainers.core.container import DockerContainer  # noqa: PLC0415

        realm_dir = str(resources.files("devstack").joinpath("resources/keycloak"))
        container = (
            DockerContainer(
                os.environ.get("KEYCLOAK_IMAGE", f"keycloak/keycloak:{KEYCLOAK_VERSION}")
            )
            .with_command("start-dev --import-realm")
            .with_volume_mapping(realm_dir, "/opt/keycloak/data/import", "ro")
            .with_exposed_ports(8080)
        )
        with container:
            host, port = container.get_container_host_ip(), container.get_exposed_port(8080)
            issuer = f"http://{host}:{port}/realms/umkm-juara"
            await wait_until("the Keycloak container", keycloak_probe(issuer), within=180)
            yield Oidc(issuer, f"testcontainers (Keycloak {KEYCLOAK_VERSION} start-dev)")
    else:
        from devstack.ports import free_port  # noqa: PLC0415

        run_dir, port = Path(tempfile.mkdtemp(prefix="umkm-keycloak-")), free_port()
        try:
            keycloak = await run_keycloak(run_dir, port)
            try:
                yield Oidc(
                    issuer_url(port),
                    f"a local Keycloak {KEYCLOAK_VERSION} (start --optimized, seeded realm)",
                )
            finally:
                keycloak.stop()
        finally:
            shutil.rmtree(run_dir, ignore_errors=True)
