"""Settings every service shares; each service subclasses with its own env prefix.

Connection settings are platform-wide (`KAFKA_BOOTSTRAP_SERVERS`, `MONGODB_URL`,
`TOPIC_NAMESPACE`, `PROFILE`, and the Kafka transport: `KAFKA_SECURITY_PROTOCOL`,
`KAFKA_SASL_MECHANISM`, `KAFKA_SSL_CAFILE`): every service of one deployment uses the same
broker and server. Service-specific settings carry the service's prefix, e.g.
`REGISTRATION_HTTP_PORT`, and so does each service's Kafka principal
(`REGISTRATION_KAFKA_USERNAME`, `REGISTRATION_KAFKA_PASSWORD`).
"""

from collections.abc import Sequence

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from umkm_shared.auth.settings import AuthSettings
from umkm_shared.contracts.topics import TopicNames
from umkm_shared.messaging.batch_consumer import BatchSettings
from umkm_shared.messaging.kafka_security import KafkaSecurity, SaslMechanism, SecurityProtocol
from umkm_shared.messaging.topics_admin import TopicSpec


def prefixed(prefix: str) -> SettingsConfigDict:
    """A service's settings configuration: its own variables carry `prefix` (`MENTORING_`)."""
    return SettingsConfigDict(
        env_prefix=prefix,
        env_file=".env",
        extra="ignore",
        populate_by_name=True,
        hide_input_in_errors=True,  # a refused setting may be a secret: never echo it
    )


def _platform_wide(name: str) -> AliasChoices:
    return AliasChoices(name, name.lower())


class KafkaClientSettings(BaseSettings):
    """How one principal reaches Kafka: the platform's transport and its own credentials.

    Tools read another principal's credentials with an env prefix:
    `KafkaClientSettings(_env_prefix="ADMIN_")` reads `ADMIN_KAFKA_USERNAME`.
    """

    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", populate_by_name=True, hide_input_in_errors=True
    )

    kafka_security_protocol: SecurityProtocol = Field(
        default="PLAINTEXT",
        validation_alias=_platform_wide("KAFKA_SECURITY_PROTOCOL"),
        description="PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (SASL needs the credentials).",
    )
    kafka_sasl_mechanism: SaslMechanism = Field(
        default="SCRAM-SHA-512", validation_alias=_platform_wide("KAFKA_SASL_MECHANISM")
    )
    kafka_ssl_cafile: str | None = Field(
        default=None,
        validation_alias=_platform_wide("KAFKA_SSL_CAFILE"),
        description="PEM file of the CA that signed the broker's certificate (SSL, SASL_SSL).",
    )
    kafka_username: str | None = Field(
        default=None, description="This service's Kafka principal (`<PREFIX>KAFKA_USERNAME`)."
    )
    kafka_password: SecretStr | None = Field(default=None, description="Its SCRAM password.")

    @model_validator(mode="after")
    def _sasl_needs_a_login(self) -> "KafkaClientSettings":
        if self.kafka_security_protocol.startswith("SASL_") and not (
            self.kafka_username and self.kafka_password
        ):
            prefix = self.model_config.get("env_prefix", "")
            raise ValueError(
                f"KAFKA_SECURITY_PROTOCOL={self.kafka_security_protocol} needs "
                f"{prefix}KAFKA_USERNAME and {prefix}KAFKA_PASSWORD"
            )
        return self

    @property
    def kafka_security(self) -> KafkaSecurity:
        """The Kafka client security of this principal."""
        return KafkaSecurity(
            protocol=self.kafka_security_protocol,
            mechanism=self.kafka_sasl_mechanism,
            username=self.kafka_username,
            password=self.kafka_password.get_secret_value() if self.kafka_password else None,
            cafile=self.kafka_ssl_cafile,
        )


class OperatorSettings(KafkaClientSettings):
    """An operator's tool on the platform's topics, as the `admin` principal by default.

    `OperatorSettings(_env_prefix="ADMIN_")` logs in with `ADMIN_KAFKA_USERNAME`/`_PASSWORD`.
    """

    kafka_bootstrap_servers: str = Field(
        default="127.0.0.1:9092", validation_alias=_platform_wide("KAFKA_BOOTSTRAP_SERVERS")
    )
    topic_namespace: str = Field(default="", validation_alias=_platform_wide("TOPIC_NAMESPACE"))

    @property
    def topics(self) -> TopicNames:
        """Topic names under this deployment's namespace."""
        return TopicNames(self.topic_namespace)


class ServiceSettings(KafkaClientSettings, AuthSettings):
    """Connection, topic and token settings; values come from the environment (or a .env file).

    `profile` and the `OIDC_*` settings come from `AuthSettings`: outside `dev` a service
    refuses to start without an issuer.
    """

    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", populate_by_name=True, hide_input_in_errors=True
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
    max_body_bytes: int = Field(
        default=1_048_576, ge=1, description="Largest request body; larger answers 413."
    )
    max_body_bytes_by_path: dict[str, int] = Field(
        default_factory=lambda: {"/imports": 20 * 1024 * 1024},
        description="Path prefixes allowed a larger body (JSON); registration's file import.",
    )
    rate_limit_writes: str = Field(
        default="3000/minute",
        validation_alias=_platform_wide("RATE_LIMIT_WRITES"),
        description="Writes per caller and replica (`120/minute`); more answer 429.",
    )
    store_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        validation_alias=_platform_wide("STORE_TIMEOUT_SECONDS"),
        description=(
            "A command's time budget against MongoDB; past it the command answers 503 with "
            "Retry-After instead of hanging (uploads are not bounded)."
        ),
    )
    test_relay_exit_after_batches: int | None = Field(
        default=None,
        ge=1,
        validation_alias=_platform_wide("TEST_RELAY_EXIT_AFTER_BATCHES"),
        description=(
            "Fault-tier test hook, profile `test` only: the process exits (code 137) after "
            "Kafka acked this many outbox batches and before the relay marked the last one sent."
        ),
    )

    @model_validator(mode="after")
    def _test_hooks_in_tests_only(self) -> "ServiceSettings":
        if self.test_relay_exit_after_batches is not None and self.profile != "test":
            raise ValueError("TEST_RELAY_EXIT_AFTER_BATCHES is a test hook: profile test only")
        return self

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
    max_attempts: int = Field(
        default=5,
        ge=1,
        description=(
            "Failures that will not go away (not a store or broker outage) before a message "
            "goes to the dead-letter topic and its partition moves on."
        ),
    )

    def batch_settings(self, topics: Sequence[str], client_id: str) -> BatchSettings:
        """How this service's BatchConsumer reads `topics`."""
        return BatchSettings(
            bootstrap_servers=self.kafka_bootstrap_servers,
            group_id=self.consumer_group,
            topics=tuple(topics),
            dlt_topic=self.topics.dead_letter(self.consumer_group),
            retry_delay=self.retry_delay_seconds,
            max_records=self.batch_max_events,
            max_attempts=self.max_attempts,
            client_id=client_id,
            security=self.kafka_security,
        )
