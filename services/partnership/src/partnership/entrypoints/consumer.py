"""The upstream consumer: registration and mentoring facts about SMEs, a batch at a time."""

from collections.abc import Sequence

from partnership.adapters.upstream import learned
from partnership.service import PartnershipService
from umkm_shared.messaging.batch_consumer import BatchHandler, Delivery


def learn_from(service: PartnershipService) -> BatchHandler:
    """The batch handler: returns once the batch's facts (and withdrawals) are stored."""

    async def apply(batch: Sequence[Delivery]) -> None:
        found = [learned(d.event, d.data) for d in batch]
        await service.learn([item for item in found if item is not None])

    return apply
