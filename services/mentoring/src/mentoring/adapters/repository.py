"""MongoDB storage: each aggregate with its pending events in ONE document write.

Three collections, each drained by its own outbox relay: `smes` (the Mentee aggregate: the
local projection, enrollments, sessions, milestones, graduations and the process manager's
applied-event marks), `cohorts` and `mentors`. Every write after the first is conditional on
the revision that was read, so of two writers (two replicas, say) exactly one wins and the
other re-reads and decides again; no process-local lock is needed.
"""

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from mentoring.domain.cohort import Cohort, Mentor

Doc = dict[str, Any]
M = TypeVar("M", bound=BaseModel)


class ConcurrentUpdateError(Exception):
    """The document changed since it was read; the caller may retry."""


async def update_if(
    collection: AsyncCollection[Doc], query: Doc, update: Doc, *, upsert: bool = False
) -> bool:
    """Update the document `query` matches (its `_id` plus conditions); False if none did."""
    result = await collection.update_one(query, update, upsert=upsert)
    return result.matched_count == 1 or result.upserted_id is not None


def _no_one_to_wake(_ids: Iterable[object]) -> None:
    """The default wake-up: nobody listens (a relay polls on its own)."""


class Store(Generic[M]):
    """Documents `{_id, state, revision, outbox, ...}` holding one pydantic aggregate each."""

    def __init__(self, collection: AsyncCollection[Doc], model: type[M]) -> None:
        self.collection = collection
        self._model = model
        self.notify: Callable[[Iterable[object]], None] = _no_one_to_wake
        """Called after a write that added outbox entries (the lifespan wires the relay)."""

    async def ensure_indexes(self, *fields: str) -> None:
        """An index on each field named (MongoDB's planner uses them; requests read by `_id`)."""
        for name in fields:
            await self.collection.create_index([(name, ASCENDING)])

    async def load(self, key: str) -> tuple[M | None, int]:
        """The aggregate and its revision (0 when absent)."""
        doc = await self.collection.find_one({"_id": key}, {"state": 1, "revision": 1})
        if doc is None:
            return None, 0
        return self._model.model_validate(doc["state"]), int(doc["revision"])

    async def save(
        self, key: str, state: M, revision: int, outbox: list[dict[str, str]], extra: Doc
    ) -> int:
        """Insert (revision 0) or update if still at `revision`; returns the new revision."""
        fields = {"state": state.model_dump(mode="json"), "revision": revision + 1, **extra}
        if revision == 0:
            try:
                await self.collection.insert_one({"_id": key, **fields, "outbox": outbox})
            except DuplicateKeyError:
                raise ConcurrentUpdateError(key) from None
        elif not await update_if(
            self.collection,
            {"_id": key, "revision": revision},
            {"$set": fields, "$push": {"outbox": {"$each": outbox}}},
        ):
            raise ConcurrentUpdateError(key)
        if outbox:
            self.notify([key])
        return revision + 1


CohortStore = Store[Cohort]
MentorStore = Store[Mentor]
