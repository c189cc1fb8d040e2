"""Poison messages go to the consumer's dead-letter topic instead of blocking its partition."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import ValidationError

from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.messaging.publishing import EventPublisher


class PoisonMessageError(ValueError):
    """A message that can never be processed, however often it is redelivered."""


def describe_validation_error(error: ValidationError) -> str:
    """Where and why validation failed, WITHOUT the offending values (they may be personal data)."""
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or '<root>'}: {e['type']}"
        for e in error.errors(include_input=False, include_url=False)
    )


def decode_envelope(raw: bytes) -> RawCloudEvent:
    """Parse and validate the CloudEvents envelope, or raise PoisonMessageError saying why."""
    try:
        return RawCloudEvent.model_validate_json(raw)
    except ValidationError as exc:
        raise PoisonMessageError(
            f"not a valid CloudEvent: {describe_validation_error(exc)}"
        ) from None


@dataclass(frozen=True)
class Origin:
    """Where a message was read from."""

    topic: str
    partition: int
    offset: int
    key: bytes | None


async def dead_letter(
    publisher: EventPublisher,
    dlt_topic: str,
    origin: Origin,
    raw: bytes,
    reason: str,
    *,
    error: str = "PoisonMessageError",
    attempts: int = 0,
) -> None:
    """Park the message with where it came from and why, for an operator to inspect and replay.

    `error` is the failure's type; `attempts` how often the handler tried (0: never handed
    over, the message itself is poison).
    """
    record = {
        "reason": reason,
        "error": error,
        "attempts": attempts,
        "topic": origin.topic,
        "partition": origin.partition,
        "offset": origin.offset,
        "dead_lettered_at": datetime.now(UTC).isoformat(),
        "payload": raw.decode("utf-8", errors="replace"),
    }
    key = origin.key.decode("utf-8", errors="replace") if origin.key else ""
    await publisher.publish(dlt_topic, key, json.dumps(record).encode())
