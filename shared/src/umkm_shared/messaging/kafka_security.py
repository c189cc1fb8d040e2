"""How a Kafka client authenticates: one value turned into aiokafka and FastStream arguments.

Every Kafka client of the platform (broker, batch consumer, topic admin, lag probe, replay,
test and benchmark clients) is built with `client_kwargs()` (aiokafka) or `faststream()`
(FastStream's `KafkaBroker(security=...)`), so one setting switches them all between
PLAINTEXT, SASL_PLAINTEXT (SCRAM) and SASL_SSL (SCRAM over TLS, optionally trusting a
private CA from `cafile`).
"""

import ssl
from dataclasses import dataclass
from typing import Any, Literal

from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512

SecurityProtocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
SaslMechanism = Literal["SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"]


@dataclass(frozen=True)
class KafkaSecurity:
    """A principal's credentials and the transport to the broker (PLAINTEXT by default)."""

    protocol: SecurityProtocol = "PLAINTEXT"
    mechanism: SaslMechanism = "SCRAM-SHA-512"
    username: str | None = None
    password: str | None = None
    cafile: str | None = None
    """A PEM CA bundle to trust for SSL/SASL_SSL (a private CA); None: the system's CAs."""

    def __post_init__(self) -> None:
        if self.sasl and not (self.username and self.password):
            raise ValueError(f"Kafka {self.protocol} needs a username and a password")

    def __repr__(self) -> str:  # never the password, not even in a traceback
        return f"KafkaSecurity({self.protocol}, {self.mechanism}, user={self.username!r})"

    @property
    def sasl(self) -> bool:
        """Whether the client authenticates with SASL."""
        return self.protocol.startswith("SASL_")

    @property
    def tls(self) -> bool:
        """Whether the connection is encrypted."""
        return self.protocol in ("SSL", "SASL_SSL")

    def as_user(self, username: str, password: str) -> "KafkaSecurity":
        """The same transport for another principal."""
        return KafkaSecurity(self.protocol, self.mechanism, username, password, self.cafile)

    def ssl_context(self) -> ssl.SSLContext | None:
        """A verifying TLS context (trusting `cafile` when given), or None without TLS."""
        if not self.tls:
            return None
        return ssl.create_default_context(cafile=self.cafile)

    def client_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for AIOKafkaProducer, AIOKafkaConsumer and AIOKafkaAdminClient."""
        kwargs: dict[str, Any] = {"security_protocol": self.protocol}
        if self.tls:
            kwargs["ssl_context"] = self.ssl_context()
        if self.sasl:
            kwargs["sasl_mechanism"] = self.mechanism
            kwargs["sasl_plain_username"] = self.username
            kwargs["sasl_plain_password"] = self.password
        return kwargs

    def faststream(self) -> BaseSecurity | None:
        """The same, as FastStream's `KafkaBroker(security=...)`."""
        context = self.ssl_context()
        if not self.sasl:
            return BaseSecurity(ssl_context=context, use_ssl=True) if self.tls else None
        kinds = {
            "SCRAM-SHA-512": SASLScram512,
            "SCRAM-SHA-256": SASLScram256,
            "PLAIN": SASLPlaintext,
        }
        user, password = self.username or "", self.password or ""
        return kinds[self.mechanism](user, password, ssl_context=context, use_ssl=self.tls)
