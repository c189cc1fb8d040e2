"""The body of a one-message FastStream subscriber: decode, apply, park poison, retry the rest.

Subscribers use AckPolicy.NACK_ON_ERROR: returning commits the offset (after the write);
raising seeks back so the message is read again. Poison is parked and then committed.
A commit per message caps such a subscriber at a few hundred messages/s; consumers that
must keep up with a backlog use `batch_consumer.BatchConsumer` instead.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, cast

from faststream.kafka.message import KafkaMessage
from pydantic import BaseModel, ValidationError

from umkm_shared.contracts.catalogue import CATALOGUE
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.messaging.dead_letters import (
    Origin,
    PoisonMessageError,
    dead_letter,
    decode_envelope,
    describe_validation_error,
)
from umkm_shared.messaging.publishing import EventPublisher

if TYPE_CHECKING:
    from aiokafka import ConsumerRecord

log = logging.getLogger(__name__)


def typed_data(event: RawCloudEvent) -> BaseModel | None:
    """`data` as its catalogue model; None for a type this platform does not know (skip it)."""
    spec = CATALOGUE.get(event.type)
    if spec is None:
        return None
    try:
        return spec.model.model_validate(event.data)
    except ValidationError as exc:
        raise PoisonMessageError(
            f"{event.type} {event.id}: {describe_validation_error(exc)}"
        ) from None


async def consume(
    message: KafkaMessage,
    apply: Callable[[RawCloudEvent], Awaitable[None]],
    dead_letters: EventPublisher,
    dlt_topic: str,
    retry_delay: float,
) -> None:
    """Apply one message; park it on `dlt_topic` if it can never be applied."""
    record = cast("ConsumerRecord[bytes, bytes]", message.raw_message)  # not a batch
    origin = Origin(record.topic, record.partition, record.offset, record.key)
    try:
        await apply(decode_envelope(message.body))
    except PoisonMessageError as poison:
        log.warning("dead-lettering %s: %s", origin, poison)
        await dead_letter(dead_letters, dlt_topic, origin, message.body, str(poison))
    except Exception:
        # Transient (Mongo down, ...): pause, then let the nack redeliver it.
        log.exception("applying %s failed; will retry", origin)
        await asyncio.sleep(retry_delay)
        raise
