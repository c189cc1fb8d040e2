"""Mentoring reads registration and partnership events: the SME projection and graduation.

Batches come from the shared `BatchConsumer` (range assignment, poison parked one by one,
offsets committed once per batch after the writes). Within a batch each SME's events are
folded in partition order into ONE change of that SME; all SMEs are read with one query and
written together (`change_many`).
"""

from collections.abc import Sequence

from mentoring.adapters.batch_writer import change_many
from mentoring.adapters.upstream import upstream_decision
from mentoring.domain.mentee import Decide, in_turn
from mentoring.service import MentoringService
from umkm_shared.messaging.batch_consumer import BatchHandler, Delivery

TITLE = "mentoring: SME projection and graduation process manager"
DESCRIPTION = (
    "Knows SMEs, withdrawals, consent, scale moves and partnerships; evaluates graduation "
    "as they arrive."
)


def apply_batch(service: MentoringService) -> BatchHandler:
    """The batch handler: returns once every SME of the batch is stored."""

    async def apply(batch: Sequence[Delivery]) -> None:
        per_sme: dict[str, list[Decide]] = {}
        now = service.clock()
        for delivery in batch:
            found = upstream_decision(delivery.event, delivery.data, service.rules, now)
            if found is not None:
                per_sme.setdefault(found[0], []).append(found[1])
        folded = {sme_id: in_turn(decisions) for sme_id, decisions in per_sme.items()}
        await change_many(service.writer, folded)

    return apply
