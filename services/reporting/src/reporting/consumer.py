"""Kafka subscriber of the projections: thin, the shared `consume` does the rest."""

from typing import Annotated

from aiokafka.coordinator.assignors.range import RangePartitionAssignor
from faststream import Context
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy

from reporting.config import ReportingSettings
from reporting.projector import Projector
from umkm_shared.contracts.topics import Context as BoundedContext
from umkm_shared.messaging.consumer import consume
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher

PROJECTOR = "projector"
"""Broker-context key under which the lifespan puts the Projector (no I/O at declaration)."""

PROJECTED = (BoundedContext.REGISTRATION, BoundedContext.MENTORING, BoundedContext.PARTNERSHIP)
"""Every event topic except the Bank Jabar feed (a pseudonymised copy of mentoring)."""


def consumed_topics(settings: ReportingSettings) -> list[str]:
    """The event topics the projections read."""
    return [settings.topics.events(context) for context in PROJECTED]


def subscribe(broker: KafkaBroker, settings: ReportingSettings) -> None:
    """Declare the projection handler on every event topic it reads."""
    dlt = settings.topics.dead_letter(settings.consumer_group)
    publisher = KafkaEventPublisher(broker)

    # One writer per SME document: every topic is keyed by SME id with the same partition
    # count, so SME X is in partition p of each topic; the range assignor gives partition p of
    # all topics to the same member, and one subscriber handles its messages one at a time.
    @broker.subscriber(
        *consumed_topics(settings),
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        ack_policy=AckPolicy.NACK_ON_ERROR,  # commit after the write; redeliver on error
        partition_assignment_strategy=(RangePartitionAssignor,),
        title="reporting projections",
        description="Projects every event into the read models; poison to " + dlt,
    )
    async def project_event(
        message: KafkaMessage, projector: Annotated[Projector, Context(PROJECTOR)]
    ) -> None:
        await consume(message, projector.apply, publisher, dlt, settings.retry_delay_seconds)
