"""Mentor loads: one document per (cohort, mentor) listing the SMEs holding a place.

The hard cap holds across replicas because a place is taken with ONE conditional update
(`smes.<cap-1>` must not exist yet), before the SME's own document names the mentor. The SME
document is the truth; this list may only ever be too long, never too short:

- a process that dies after taking a place and before writing the SME leaves a phantom;
- so does one that dies after reassigning an SME and before freeing the old mentor's place.

A phantom makes the mentor look one fuller (the cap still holds). It is repaired when read at
the cap: every listed SME older than `GRACE_MS` (so not a write in flight) whose own document
names another mentor is removed, each entry by its exact `at`, so one taken again meanwhile
(which refreshes `at`) stays.
"""

import contextlib
from collections.abc import Awaitable, Callable, Sequence

from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from mentoring.adapters.ports import Place
from umkm_shared.store import Doc, update_if

GRACE_MS = 60_000
"""A place younger than this may belong to a write in flight; reconciling leaves it alone."""


def _key(cohort_id: str, mentor_id: str) -> str:
    return f"{cohort_id}|{mentor_id}"


class MentorLoads:
    """Places per (cohort, mentor), taken and freed with single-document atomic updates."""

    def __init__(self, collection: AsyncCollection[Doc]) -> None:
        self.collection = collection

    async def ensure_indexes(self) -> None:
        """The cohort field, for operators' queries (requests read by `_id` only)."""
        await self.collection.create_index([("cohort_id", ASCENDING)])

    async def places(self, cohort_id: str, mentor_id: str) -> list[tuple[str, int]]:
        """(sme_id, at) of every place held."""
        doc = await self.collection.find_one({"_id": _key(cohort_id, mentor_id)})
        return [(e["sme"], int(e["at"])) for e in (doc or {}).get("smes", [])]

    async def counts(self, cohort_id: str, mentor_ids: Sequence[str]) -> dict[str, int]:
        """Places held per mentor of the cohort, in one query by `_id`."""
        keys = [_key(cohort_id, mentor_id) for mentor_id in mentor_ids]
        cursor = self.collection.find({"_id": {"$in": keys}}, {"mentor_id": 1, "smes.sme": 1})
        return {doc["mentor_id"]: len(doc.get("smes", [])) async for doc in cursor}

    async def take(self, place: Place, cap: int) -> bool:
        """Hold the place (True), or False when all `cap` places are held by other SMEs."""
        cohort_id, mentor_id, sme_id, at = place.cohort_id, place.mentor_id, place.sme_id, place.at
        key = _key(cohort_id, mentor_id)
        while True:
            try:
                await update_if(
                    self.collection,
                    {
                        "_id": key,
                        "smes.sme": {"$ne": sme_id},
                        f"smes.{cap - 1}": {"$exists": False},  # fewer than `cap` listed
                    },
                    {
                        "$push": {"smes": {"sme": sme_id, "at": at}},
                        "$setOnInsert": {"cohort_id": cohort_id, "mentor_id": mentor_id},
                    },
                    upsert=True,
                )
            except DuplicateKeyError:
                pass  # the document exists but did not match: full, or the SME is listed
            else:
                return True
            held = [sme for sme, _ in await self.places(cohort_id, mentor_id)]
            if sme_id not in held:
                if len(held) >= cap:
                    return False
                continue  # a place was freed meanwhile
            if await update_if(
                self.collection, {"_id": key, "smes.sme": sme_id}, {"$set": {"smes.$.at": at}}
            ):
                return True

    async def free(
        self,
        cohort_id: str,
        mentor_id: str,
        sme_id: str,
        *,
        at: int | None = None,
        before: int | None = None,
    ) -> None:
        """Free the SME's place: only the one taken at `at`, or before `before`, if given.

        Freeing an old mentor's place after a reassignment uses `before` (the moment the
        change began), so a place taken again for the SME by a later change stays.
        """
        entry: Doc = {"sme": sme_id}
        if at is not None:
            entry["at"] = at
        if before is not None:
            entry["at"] = {"$lt": before}
        await self.collection.update_one(
            {"_id": _key(cohort_id, mentor_id)}, {"$pull": {"smes": entry}}
        )

    async def reconcile(
        self,
        cohort_id: str,
        mentor_id: str,
        holds: Callable[[str], Awaitable[bool]],
        now: int,
    ) -> int:
        """Free phantom places (see the module docstring); returns how many were freed."""
        freed = 0
        for sme_id, at in await self.places(cohort_id, mentor_id):
            if now - at >= GRACE_MS and not await holds(sme_id):
                await self.free(cohort_id, mentor_id, sme_id, at=at)
                freed += 1
        return freed

    async def restore(self, place: Place) -> None:
        """List the SME if it is not (its own document names the mentor: the place is real)."""
        with contextlib.suppress(DuplicateKeyError):  # listed already
            await update_if(
                self.collection,
                {"_id": _key(place.cohort_id, place.mentor_id), "smes.sme": {"$ne": place.sme_id}},
                {
                    "$push": {"smes": {"sme": place.sme_id, "at": place.at}},
                    "$setOnInsert": {"cohort_id": place.cohort_id, "mentor_id": place.mentor_id},
                },
                upsert=True,
            )
