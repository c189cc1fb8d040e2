"""Kafka subscriber: commit only after the write; poison messages to the dead-letter topic."""

import asyncio
import logging
from typing import TYPE_CHECKING, Annotated, cast

from faststream import Context
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy

from reporting.config import ReportingSettings
from reporting.projector import Projector
from umkm_shared.contracts.topics import Context as BoundedContext
from umkm_shared.messaging.dead_letters import (
    Origin,
    PoisonMessageError,
    dead_letter,
    decode_envelope,
)
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher

if TYPE_CHECKING:
    from aiokafka import ConsumerRecord

log = logging.getLogger(__name__)

PROJECTOR = "projector"
"""Broker-context key under which the lifespan puts the Projector (no I/O at declaration)."""


def consumed_topics(settings: ReportingSettings) -> list[str]:
    """The event topics the projections read."""
    return [settings.topics.events(BoundedContext.REGISTRATION)]


def subscribe(broker: KafkaBroker, settings: ReportingSettings) -> None:
    """Declare the projection handler on every event topic it reads."""
    topics = consumed_topics(settings)
    dlt = settings.topics.dead_letter(settings.consumer_group)
    publisher = KafkaEventPublisher(broker)

    @broker.subscriber(
        *topics,
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        # Success commits the offset after the write; an exception seeks back for redelivery.
        ack_policy=AckPolicy.NACK_ON_ERROR,
        title="reporting projections",
        description="Projects every event into the read models; poison to " + dlt,
    )
    async def project_event(
        message: KafkaMessage, projector: Annotated[Projector, Context(PROJECTOR)]
    ) -> None:
        record = cast("ConsumerRecord[bytes, bytes]", message.raw_message)  # not a batch
        origin = Origin(record.topic, record.partition, record.offset, record.key)
        try:
            await projector.apply(decode_envelope(message.body))
        except PoisonMessageError as poison:
            log.warning("dead-lettering %s: %s", origin, poison)
            await dead_letter(publisher, dlt, origin, message.body, str(poison))
        except Exception:
            # Transient (Mongo down, ...): pause, then let the nack redeliver it.
            log.exception("projection failed at %s; will retry", origin)
            await asyncio.sleep(settings.retry_delay_seconds)
            raise
