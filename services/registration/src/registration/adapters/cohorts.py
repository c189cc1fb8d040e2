"""Which SMEs are in which cohort, learned from mentoring's SMEEnrolled events."""

from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection

from registration.adapters.documents import Doc


class CohortMemberships:
    """One document per (cohort, SME); only the mentoring-events consumer writes here."""

    def __init__(self, collection: AsyncCollection[Doc]) -> None:
        self._col = collection

    async def ensure_indexes(self) -> None:
        """Members are looked up by cohort."""
        await self._col.create_index([("cohort_id", ASCENDING)])

    async def record(self, cohort_id: str, sme_id: str) -> None:
        """Idempotent: recording the same enrollment twice changes nothing."""
        await self._col.update_one(
            {"_id": f"{cohort_id}|{sme_id}"},
            {"$set": {"cohort_id": cohort_id, "sme_id": sme_id}},
            upsert=True,
        )

    async def members(self, cohort_id: str) -> list[str]:
        """The SME ids enrolled in a cohort."""
        return [d["sme_id"] async for d in self._col.find({"cohort_id": cohort_id}, {"sme_id": 1})]
