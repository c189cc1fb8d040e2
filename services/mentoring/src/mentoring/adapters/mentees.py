"""The SME documents: single conditional writes for commands, bulk ones for event batches.

A write whose cohort counts or mentor places are still to be applied carries `moves_pending`
(see `mentoring.adapters.sme_writer` and `mentoring.adapters.repair`).
"""

import asyncio
from collections.abc import Sequence

from pymongo import InsertOne
from pymongo.errors import BulkWriteError

from mentoring.adapters.ports import Write
from mentoring.domain.mentee import Mentee
from umkm_shared.mongo import refused_as_duplicates
from umkm_shared.store import ConcurrentUpdateError, Doc, Store, update_if

PENDING_MOVES = "moves_pending"
CONCURRENT_WRITES = 16


def _document(write: Write) -> Doc:
    """A new SME's document (revision 1)."""
    doc: Doc = {
        "_id": write.mentee.sme_id,
        "state": write.mentee.model_dump(mode="json"),
        "revision": 1,
        "outbox": write.outbox,
    }
    if write.moves:
        doc[PENDING_MOVES] = True
    return doc


class MenteeStore(Store[Mentee]):
    """The SMEs as mentoring knows them."""

    async def put(
        self, mentee: Mentee, revision: int, outbox: list[dict[str, str]], *, moves: bool
    ) -> int:
        """Store the SME; `moves` flags summary and load changes still to apply."""
        extra = {PENDING_MOVES: True} if moves else {}
        return await self.save(mentee.sme_id, mentee, revision, outbox, extra)

    async def load_many(self, sme_ids: Sequence[str]) -> dict[str, tuple[Mentee, int]]:
        """The SMEs found among `sme_ids`, with their revisions, in one query."""
        cursor = self.collection.find({"_id": {"$in": list(sme_ids)}}, {"state": 1, "revision": 1})
        return {
            str(doc["_id"]): (Mentee.model_validate(doc["state"]), int(doc["revision"]))
            async for doc in cursor
        }

    async def put_many(self, writes: Sequence[Write]) -> set[str]:
        """Store many SMEs; returns those another writer changed meanwhile (to decide again).

        New SMEs go in one unordered bulk insert (a duplicate `_id`: another writer created it
        first). Known ones are conditional updates run a few at a time, each through `put`, so
        each learns on its own whether another writer got there first.
        """
        lost: set[str] = set()
        new = [w for w in writes if w.revision == 0]
        if new:
            try:
                inserts = [InsertOne(_document(w)) for w in new]
                await self.collection.bulk_write(inserts, ordered=False)
            except BulkWriteError as exc:
                refused = refused_as_duplicates(exc)
                if refused is None:
                    raise
                lost |= {new[i].mentee.sme_id for i in refused}
            if named := [w.mentee.sme_id for w in new if w.outbox]:
                self.notify(named)
        gate = asyncio.Semaphore(CONCURRENT_WRITES)

        async def update(write: Write) -> None:
            async with gate:
                try:
                    await self.put(write.mentee, write.revision, write.outbox, moves=write.moves)
                except ConcurrentUpdateError:
                    lost.add(write.mentee.sme_id)

        await asyncio.gather(*(update(w) for w in writes if w.revision))
        return lost

    async def moves_applied(self, sme_id: str, revision: int) -> None:
        """Clear the flag, unless a later write (which may have set it again) came first."""
        await update_if(
            self.collection, {"_id": sme_id, "revision": revision}, {"$unset": {PENDING_MOVES: ""}}
        )

    async def with_moves_pending(self) -> list[str]:
        """SMEs whose last moves may not have been applied (a process died): for the repair."""
        cursor = self.collection.find({PENDING_MOVES: True}, {"_id": 1})
        return [str(doc["_id"]) async for doc in cursor]

    async def enrolled_in(self, cohort_id: str) -> list[str]:
        """SMEs with an enrollment in the cohort (a scan: closing a cohort is rare)."""
        query = {f"state.enrollments.{cohort_id}": {"$exists": True}}
        return [str(doc["_id"]) async for doc in self.collection.find(query, {"_id": 1})]
