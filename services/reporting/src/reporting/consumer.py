"""The projections' Kafka side: one batch consumer over every event topic it projects."""

from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy

from reporting.config import ReportingSettings
from reporting.projector import Projector
from umkm_shared.contracts.topics import Context as BoundedContext
from umkm_shared.messaging.batch_consumer import BatchConsumer
from umkm_shared.messaging.publishing import EventPublisher

PROJECTED = (BoundedContext.REGISTRATION, BoundedContext.MENTORING, BoundedContext.PARTNERSHIP)
"""Every event topic except the Bank Jabar feed (a pseudonymised copy of mentoring)."""


def consumed_topics(settings: ReportingSettings) -> list[str]:
    """The event topics the projections read."""
    return [settings.topics.events(context) for context in PROJECTED]


def projection_consumer(
    settings: ReportingSettings, projector: Projector, dead_letters: EventPublisher
) -> BatchConsumer:
    """The consumer that feeds the projector batch by batch (started by the lifespan).

    One writer per SME document: every topic is keyed by SME id with the same partition
    count, and the range assignor gives partition p of all topics to one member.
    """
    batches = settings.batch_settings(consumed_topics(settings), client_id="reporting")
    return BatchConsumer(batches, projector.apply_batch, dead_letters)


def declare_subscription(broker: KafkaBroker, settings: ReportingSettings) -> None:
    """What the projections consume, for the AsyncAPI document only (the consumer is above)."""
    dlt = settings.topics.dead_letter(settings.consumer_group)

    @broker.subscriber(
        *consumed_topics(settings),
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        ack_policy=AckPolicy.NACK_ON_ERROR,
        title="reporting projections",
        description="Projects every event into the read models; poison to " + dlt,
    )
    async def project_event(message: KafkaMessage) -> None:  # pragma: no cover - never started
        raise NotImplementedError
