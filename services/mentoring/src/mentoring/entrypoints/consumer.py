"""Mentoring reads registration and partnership events: the SME projection and graduation."""

from typing import Annotated

from faststream import Context
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy

from mentoring.config import MentoringSettings
from mentoring.service import MentoringService
from mentoring.upstream import apply_upstream
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.contracts.topics import Context as BoundedContext
from umkm_shared.messaging.consumer import consume
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher

SERVICE = "mentoring_service"


def consumed_topics(settings: MentoringSettings) -> list[str]:
    """The topics this service reads."""
    return [
        settings.topics.events(BoundedContext.REGISTRATION),
        settings.topics.events(BoundedContext.PARTNERSHIP),
    ]


def subscribe(broker: KafkaBroker, settings: MentoringSettings) -> None:
    """Declare the upstream-events handler (no I/O; the lifespan supplies the service)."""
    dlt = settings.topics.dead_letter(settings.consumer_group)
    publisher = KafkaEventPublisher(broker)

    @broker.subscriber(
        *consumed_topics(settings),
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        ack_policy=AckPolicy.NACK_ON_ERROR,
        title="mentoring: SME projection and graduation process manager",
        description=(
            "Knows SMEs, withdrawals, consent, scale moves and partnerships; evaluates "
            "graduation as they arrive; poison to " + dlt
        ),
    )
    async def apply_upstream_event(
        message: KafkaMessage, service: Annotated[MentoringService, Context(SERVICE)]
    ) -> None:
        async def apply(event: RawCloudEvent) -> None:
            await apply_upstream(service, event)

        await consume(message, apply, publisher, dlt, settings.retry_delay_seconds)
