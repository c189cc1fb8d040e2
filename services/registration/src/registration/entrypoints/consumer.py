"""Registration reads mentoring events for one thing: cohort membership, for search.

Batches come from the shared `BatchConsumer` (poison parked one by one, offsets committed
once per batch after the write); a batch's enrollments are stored with one bulk write of
idempotent upserts.
"""

from collections.abc import Sequence

from registration.adapters.cohorts import CohortMemberships
from umkm_shared.contracts.mentoring import SMEEnrolled
from umkm_shared.messaging.batch_consumer import BatchHandler, Delivery


def record_enrollments(memberships: CohortMemberships) -> BatchHandler:
    """The batch handler: returns once every enrollment of the batch is stored."""

    async def apply(batch: Sequence[Delivery]) -> None:
        enrollments = [
            (d.data.cohort_id, d.data.sme_id) for d in batch if isinstance(d.data, SMEEnrolled)
        ]
        await memberships.record_many(enrollments)

    return apply
