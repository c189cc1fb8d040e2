"""Mentoring reads registration and partnership events: the SME projection and graduation.

Batches come from the shared `BatchConsumer` (range assignment, poison parked one by one,
offsets committed once per batch after the writes). Within a batch each SME's events are
folded in partition order into ONE change of that SME; all SMEs are read with one query and
written together (`change_many`).
"""

from collections.abc import Sequence

from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage

from mentoring.batch_writer import change_many
from mentoring.config import MentoringSettings
from mentoring.service import MentoringService
from mentoring.upstream import Decide, in_turn, upstream_decision
from umkm_shared.contracts.topics import Context as BoundedContext
from umkm_shared.messaging.batch_consumer import (
    BatchConsumer,
    BatchHandler,
    Delivery,
)
from umkm_shared.messaging.outbox import EventPublisher

TITLE = "mentoring: SME projection and graduation process manager"


def consumed_topics(settings: MentoringSettings) -> list[str]:
    """The topics this service reads."""
    return [
        settings.topics.events(BoundedContext.REGISTRATION),
        settings.topics.events(BoundedContext.PARTNERSHIP),
    ]


def _description(settings: MentoringSettings) -> str:
    dlt = settings.topics.dead_letter(settings.consumer_group)
    return (
        "Knows SMEs, withdrawals, consent, scale moves and partnerships; evaluates "
        "graduation as they arrive; poison to " + dlt
    )


def apply_batch(service: MentoringService) -> BatchHandler:
    """The batch handler: returns once every SME of the batch is stored."""

    async def apply(batch: Sequence[Delivery]) -> None:
        per_sme: dict[str, list[Decide]] = {}
        for delivery in batch:
            found = upstream_decision(service, delivery.event, delivery.data)
            if found is not None:
                per_sme.setdefault(found[0], []).append(found[1])
        folded = {sme_id: in_turn(decisions) for sme_id, decisions in per_sme.items()}
        await change_many(service.writer, folded)

    return apply


def upstream_consumer(
    settings: MentoringSettings, service: MentoringService, dead_letters: EventPublisher
) -> BatchConsumer:
    """The consumer group member the lifespan starts and stops."""
    batches = settings.batch_settings(consumed_topics(settings), client_id="mentoring")
    return BatchConsumer(batches, apply_batch(service), dead_letters)


def describe(broker: KafkaBroker, settings: MentoringSettings) -> None:
    """Declare the subscription for the AsyncAPI document only; `upstream_consumer` runs it."""

    @broker.subscriber(
        *consumed_topics(settings),
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        title=TITLE,
        description=_description(settings),
    )
    async def apply_upstream_event(message: KafkaMessage) -> None:
        raise NotImplementedError("documentation only; BatchConsumer consumes these topics")
