"""Kafka subscriber: commit only after the write; poison messages to the dead-letter topic."""

import asyncio
import logging
from typing import TYPE_CHECKING, cast

from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy

from reporting.config import ReportingSettings
from reporting.projector import Projector
from umkm_shared.contracts.topics import Context
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


def subscribe(broker: KafkaBroker, settings: ReportingSettings, projector: Projector) -> None:
    """Attach the projection handler to every event topic it reads."""
    topics = [settings.topics.events(Context.REGISTRATION)]
    dlt = settings.topics.dead_letter(settings.consumer_group)
    publisher = KafkaEventPublisher(broker)

    @broker.subscriber(
        *topics,
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        # Success commits the offset after the write; an exception seeks back for redelivery.
        ack_policy=AckPolicy.NACK_ON_ERROR,
        title="reporting projections",
    )
    async def project_event(message: KafkaMessage) -> None:
        raw_record = cast("ConsumerRecord[bytes, bytes]", message.raw_message)  # not a batch
        origin = Origin(raw_record.topic, raw_record.partition, raw_record.offset, raw_record.key)
        try:
            await projector.apply(decode_envelope(message.body))
        except PoisonMessageError as poison:
            log.warning(
                "dead-lettering %s@%s/%s: %s", origin.topic, origin.partition, origin.offset, poison
            )
            await dead_letter(publisher, dlt, origin, message.body, str(poison))
        except Exception:
            # Transient (Mongo down, ...): pause, then let the nack redeliver it.
            log.exception(
                "projection failed at %s@%s/%s; will retry",
                origin.topic,
                origin.partition,
                origin.offset,
            )
            await asyncio.sleep(settings.retry_delay_seconds)
            raise
