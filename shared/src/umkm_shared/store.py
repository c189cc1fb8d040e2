"""The aggregate store: one pydantic aggregate per document, its pending events beside it.

Every service stores its aggregates the same way: `{_id, state, revision, outbox, ...}`.
A write stores the new state and appends the write's outbox entries in ONE document
operation (atomic in MongoDB, no transaction needed), conditional on the revision the
decision was made from. Of two writers (two replicas, say) exactly one wins; the other gets
`ConcurrentUpdateError`, re-reads and decides again. No process-local lock is needed.
Versions follow `outbox_entries`: `load` gives the revision BEFORE the write.
"""

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from umkm_shared.errors import RefusalError
from umkm_shared.messaging.outbox import ensure_pending_index

Doc = dict[str, Any]
M = TypeVar("M", bound=BaseModel)


class ConcurrentUpdateError(RefusalError):
    """The document changed since it was read; the caller may re-read and retry."""

    def __init__(self, key: str) -> None:
        super().__init__(
            "conflict",
            pesan=f"{key} baru saja diubah oleh permintaan lain; ulangi",
            message=f"{key} was changed by another request meanwhile; retry",
        )
        self.key = key


async def update_if(
    collection: AsyncCollection[Doc], query: Doc, update: Doc, *, upsert: bool = False
) -> bool:
    """Update the document `query` matches (its `_id` plus conditions); False if none did."""
    result = await collection.update_one(query, update, upsert=upsert)
    return result.matched_count == 1 or result.upserted_id is not None


def _no_one_to_wake(_ids: Iterable[object]) -> None:
    """The default wake-up: nobody listens (a relay polls on its own)."""


class Store(Generic[M]):
    """Documents `{_id, state, revision, outbox, ...}` holding one aggregate of type `M` each."""

    def __init__(self, collection: AsyncCollection[Doc], model: type[M]) -> None:
        self.collection = collection
        self._model = model
        self.notify: Callable[[Iterable[object]], None] = _no_one_to_wake
        """Called with the ids of a write that added outbox entries (the bootstrap wires the
        process's relay here, so events leave at once instead of at the next poll)."""

    async def ensure_indexes(self, *fields: str) -> None:
        """The relay's pending-outbox index, plus an index on each field named."""
        await ensure_pending_index(self.collection)
        for name in fields:
            await self.collection.create_index([(name, ASCENDING)])

    async def load(self, key: str) -> tuple[M | None, int]:
        """The aggregate and its revision (0 when absent)."""
        doc = await self.collection.find_one({"_id": key}, {"state": 1, "revision": 1})
        if doc is None:
            return None, 0
        return self._model.model_validate(doc["state"]), int(doc["revision"])

    async def save(
        self,
        key: str,
        state: M,
        revision: int,
        outbox: list[dict[str, str]],
        extra: Doc | None = None,
    ) -> int:
        """Insert (revision 0) or update if still at `revision`; returns the new revision.

        `extra` are further top-level fields (for queries and indexes) stored with the state.
        """
        fields = {
            "state": state.model_dump(mode="json"),
            "revision": revision + 1,
            **(extra or {}),
        }
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
