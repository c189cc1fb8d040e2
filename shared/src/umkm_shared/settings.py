"""Settings every service shares; each service subclasses with its own env prefix.

Connection settings are platform-wide (`KAFKA_BOOTSTRAP_SERVERS`, `MONGODB_URL`,
`TOPIC_NAMESPACE`, `PROFILE`): every service of one deployment uses the same broker and
server. Service-specific settings carry the service's prefix, e.g. `REGISTRATION_HTTP_PORT`.
"""

from collections.abc import Sequence
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from umkm_shared.contracts.topics import TopicNames
from umkm_shared.messaging.batch_consumer import BatchSettings
from umkm_shared.messaging.topics_admin import TopicSpec


def prefixed(prefix: str) -> SettingsConfigDict:
    """A service's settings configuration: its own variables carry `prefix` (`MENTORING_`)."""
    return SettingsConfigDict(
        env_prefix=prefix, env_file=".env", extra="ignore", populate_by_name=True
    )


def _platform_wide(name: str) -> AliasChoices:
    return AliasChoices(name, name.lower())


class ServiceSettings(BaseSettings):
    """Connection and topic settings; values come from the environment (or a .env file)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    profile: Literal["dev", "test", "prod"] = Field(
        default="dev",
        validation_alias=_platform_wide("PROFILE"),
        description="`prod` refuses the development secrets.",
    )
    kafka_bootstrap_servers: str = Field(
        default="127.0.0.1:9092", validation_alias=_platform_wide("KAFKA_BOOTSTRAP_SERVERS")
    )
    mongodb_url: str = Field(
        default="mongodb://127.0.0.1:27017/", validation_alias=_platform_wide("MONGODB_URL")
    )
    topic_namespace: str = Field(
        default="",
        validation_alias=_platform_wide("TOPIC_NAMESPACE"),
        description="Prefix for every topic name; tests isolate themselves with it.",
    )
    topic_partitions: int = Field(
        default=3, ge=1, validation_alias=_platform_wide("TOPIC_PARTITIONS")
    )
    topic_replication_factor: int = Field(
        default=1, ge=1, validation_alias=_platform_wide("TOPIC_REPLICATION_FACTOR")
    )
    topic_retention_ms: int = Field(
        default=-1,
        validation_alias=_platform_wide("TOPIC_RETENTION_MS"),
        description="-1 keeps events forever: the topics are the source for replays.",
    )
    mongodb_database: str = Field(description="The service's own database.")
    http_host: str = "127.0.0.1"
    http_port: int = 8000

    @property
    def topics(self) -> TopicNames:
        """Topic names under this deployment's namespace."""
        return TopicNames(self.topic_namespace)

    def topic_specs(self, *names: str) -> list[TopicSpec]:
        """How this deployment creates the named topics (partitions, replication, retention)."""
        return [
            TopicSpec(
                name,
                self.topic_partitions,
                self.topic_replication_factor,
                {"retention.ms": str(self.topic_retention_ms)},
            )
            for name in names
        ]


class ConsumerSettings(ServiceSettings):
    """A service that consumes events: its consumer group, retry pace and batch size."""

    consumer_group: str = Field(description="The Kafka consumer group (and dead-letter topic).")
    retry_delay_seconds: float = Field(
        default=1.0, gt=0, description="First wait before a failed batch is handed over again."
    )
    batch_max_events: int = Field(default=2000, ge=1, description="Events per batch at most.")

    def batch_settings(self, topics: Sequence[str], client_id: str) -> BatchSettings:
        """How this service's BatchConsumer reads `topics`."""
        return BatchSettings(
            bootstrap_servers=self.kafka_bootstrap_servers,
            group_id=self.consumer_group,
            topics=tuple(topics),
            dlt_topic=self.topics.dead_letter(self.consumer_group),
            retry_delay=self.retry_delay_seconds,
            max_records=self.batch_max_events,
            client_id=client_id,
        )
