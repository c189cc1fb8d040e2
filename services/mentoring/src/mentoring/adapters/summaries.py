"""Cohort summaries: the members' counts, kept so a cohort view is one read by `_id`.

One document per cohort: `enrolled` and `graduated` counters, the mentors who ever held a
place, and the member and graduate lists the counters are guarded by. Each note is ONE
conditional update that counts an SME only if it is not listed yet, so applying a note again
(a retry, the start-up repair) changes nothing. Views project the lists away.
"""

import contextlib

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from mentoring.adapters.ports import Summary
from umkm_shared.store import Doc, update_if


class CohortSummaries:
    """Counters per cohort, updated atomically and idempotently."""

    def __init__(self, collection: AsyncCollection[Doc]) -> None:
        self.collection = collection

    async def _note(self, cohort_id: str, guard: Doc, update: Doc) -> None:
        # A duplicate key means the document exists and the guard failed: already noted.
        with contextlib.suppress(DuplicateKeyError):
            await update_if(self.collection, {"_id": cohort_id, **guard}, update, upsert=True)

    async def enrolled(self, cohort_id: str, sme_id: str, kecamatan_code: str) -> None:
        """Count a member once."""
        await self._note(
            cohort_id,
            {"members.sme": {"$ne": sme_id}},
            {
                "$push": {"members": {"sme": sme_id, "kecamatan": kecamatan_code}},
                "$inc": {"enrolled": 1},
            },
        )

    async def graduated(self, cohort_id: str, sme_id: str) -> None:
        """Count a graduate once."""
        await self._note(
            cohort_id,
            {"graduates": {"$ne": sme_id}},
            {"$push": {"graduates": sme_id}, "$inc": {"graduated": 1}},
        )

    async def mentor_seen(self, cohort_id: str, mentor_id: str) -> None:
        """Remember a mentor with places in the cohort (bounded by the mentors, not the SMEs)."""
        await self.collection.update_one(
            {"_id": cohort_id}, {"$addToSet": {"mentor_ids": mentor_id}}, upsert=True
        )

    async def summary(self, cohort_id: str) -> Summary:
        """The counts, without the lists."""
        doc = await self.collection.find_one(
            {"_id": cohort_id}, {"enrolled": 1, "graduated": 1, "mentor_ids": 1}
        )
        doc = doc or {}
        return Summary(
            enrolled=int(doc.get("enrolled", 0)),
            graduated=int(doc.get("graduated", 0)),
            mentor_ids=tuple(doc.get("mentor_ids", ())),
        )

    async def members(self, cohort_id: str) -> dict[str, str]:
        """SME id -> kecamatan code of every member (for a proposal, which needs them all)."""
        doc = await self.collection.find_one({"_id": cohort_id}, {"members": 1})
        return {m["sme"]: m["kecamatan"] for m in (doc or {}).get("members", [])}
