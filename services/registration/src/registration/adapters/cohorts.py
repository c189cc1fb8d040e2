"""Which SMEs are in which cohort, learned from mentoring's SMEEnrolled events."""

from collections.abc import Sequence

from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection

from registration.adapters.documents import Doc


class CohortMemberships:
    """One document per (cohort, SME); only the mentoring-events consumer writes here."""

    def __init__(self, collection: AsyncCollection[Doc]) -> None:
        self._col = collection

    async def ensure_indexes(self) -> None:
        """Members are looked up by cohort."""
        await self._col.create_index([("cohort_id", ASCENDING)])

    async def record_many(self, enrollments: Sequence[tuple[str, str]]) -> None:
        """Record (cohort, SME) pairs with one bulk write; repeats change nothing."""
        if enrollments:
            await self._col.bulk_write(
                [
                    UpdateOne(
                        {"_id": f"{cohort_id}|{sme_id}"},
                        {"$set": {"cohort_id": cohort_id, "sme_id": sme_id}},
                        upsert=True,
                    )
                    for cohort_id, sme_id in enrollments
                ],
                ordered=False,
            )

    async def members(self, cohort_id: str) -> list[str]:
        """The SME ids enrolled in a cohort."""
        return [d["sme_id"] async for d in self._col.find({"cohort_id": cohort_id}, {"sme_id": 1})]
