"""Where the tests' real Kafka and Mongo-wire server come from, in order of preference."""

import contextlib
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Infra:
    """Addresses of the servers the integration and end-to-end tiers talk to."""

    bootstrap_servers: str
    mongodb_url: str
    source: str


def _docker_answers() -> bool:
    try:
        import docker  # noqa: PLC0415 - optional: only there with testcontainers

        client = docker.from_env(timeout=3)
        client.ping()
    except Exception:
        return False
    return True


@contextlib.asynccontextmanager
async def provide_infra() -> AsyncIterator[Infra]:
    """Environment variables, else testcontainers (if Docker answers), else the local stack."""
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    mongo = os.environ.get("MONGODB_URL")
    if bootstrap and mongo:
        yield Infra(bootstrap, mongo, "environment")
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
        from devstack.stack import LocalStack  # noqa: PLC0415
        from devstack.versions import (  # noqa: PLC0415
            KAFKA_VERSION,
            MONGO_JAVA_SERVER_VERSION,
        )

        stack = await LocalStack().start()
        try:
            yield Infra(
                stack.bootstrap_servers,
                stack.mongodb_url,
                f"the local stack (Kafka {KAFKA_VERSION} KRaft, "
                f"mongo-java-server {MONGO_JAVA_SERVER_VERSION} memory backend)",
            )
        finally:
            stack.stop()
