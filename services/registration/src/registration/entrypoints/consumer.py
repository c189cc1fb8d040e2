"""Registration reads mentoring events for one thing: cohort membership, for search."""

from typing import Annotated

from faststream import Context
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy

from registration.adapters.cohorts import CohortMemberships
from registration.config import RegistrationSettings
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.contracts.mentoring import SMEEnrolled
from umkm_shared.contracts.topics import Context as BoundedContext
from umkm_shared.messaging.consumer import consume, typed_data
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher

MEMBERSHIPS = "cohort_memberships"


def consumed_topics(settings: RegistrationSettings) -> list[str]:
    """The topics this service reads."""
    return [settings.topics.events(BoundedContext.MENTORING)]


def subscribe(broker: KafkaBroker, settings: RegistrationSettings) -> None:
    """Declare the cohort-membership handler (no I/O; the lifespan supplies the adapter)."""
    dlt = settings.topics.dead_letter(settings.consumer_group)
    publisher = KafkaEventPublisher(broker)

    @broker.subscriber(
        *consumed_topics(settings),
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        ack_policy=AckPolicy.NACK_ON_ERROR,
        title="registration: cohort membership",
        description="Keeps which SMEs are in which cohort, for search; poison to " + dlt,
    )
    async def record_enrollment(
        message: KafkaMessage, memberships: Annotated[CohortMemberships, Context(MEMBERSHIPS)]
    ) -> None:
        async def apply(event: RawCloudEvent) -> None:
            data = typed_data(event)
            if isinstance(data, SMEEnrolled):
                await memberships.record(data.cohort_id, data.sme_id)

        await consume(message, apply, publisher, dlt, settings.retry_delay_seconds)
