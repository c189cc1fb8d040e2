"""Registration reads mentoring events for one thing: cohort membership, for search.

Batches come from the shared `BatchConsumer` (range assignment, poison parked one by one,
offsets committed once per batch after the write); a batch's enrollments are stored with one
bulk write of idempotent upserts.
"""

from collections.abc import Sequence

from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage

from registration.adapters.cohorts import CohortMemberships
from registration.config import RegistrationSettings
from umkm_shared.contracts.mentoring import SMEEnrolled
from umkm_shared.contracts.topics import Context as BoundedContext
from umkm_shared.messaging.batch_consumer import (
    BatchConsumer,
    BatchHandler,
    Delivery,
)
from umkm_shared.messaging.outbox import EventPublisher

TITLE = "registration: cohort membership"


def consumed_topics(settings: RegistrationSettings) -> list[str]:
    """The topics this service reads."""
    return [settings.topics.events(BoundedContext.MENTORING)]


def record_enrollments(memberships: CohortMemberships) -> BatchHandler:
    """The batch handler: returns once every enrollment of the batch is stored."""

    async def apply(batch: Sequence[Delivery]) -> None:
        enrollments = [
            (d.data.cohort_id, d.data.sme_id) for d in batch if isinstance(d.data, SMEEnrolled)
        ]
        await memberships.record_many(enrollments)

    return apply


def membership_consumer(
    settings: RegistrationSettings, memberships: CohortMemberships, dead_letters: EventPublisher
) -> BatchConsumer:
    """The consumer group member the lifespan starts and stops."""
    batches = settings.batch_settings(consumed_topics(settings), client_id="registration")
    return BatchConsumer(batches, record_enrollments(memberships), dead_letters)


def describe(broker: KafkaBroker, settings: RegistrationSettings) -> None:
    """Declare the subscription for the AsyncAPI document only; `membership_consumer` runs it."""
    dlt = settings.topics.dead_letter(settings.consumer_group)

    @broker.subscriber(
        *consumed_topics(settings),
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        title=TITLE,
        description="Keeps which SMEs are in which cohort, for search; poison to " + dlt,
    )
    async def record_enrollment(message: KafkaMessage) -> None:
        raise NotImplementedError("documentation only; BatchConsumer consumes these topics")
