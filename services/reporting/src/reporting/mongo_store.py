"""MongoStore: the projector's port over MongoDB/FerretDB, one document per write."""

from collections.abc import Awaitable, Callable

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import OperationFailure

from reporting.generations import collection_name
from reporting.store import ConcurrentWriteError, Doc, ReadModelStore
from umkm_shared.mongo import is_duplicate_key

REVISION = "_rev"
"""Incremented on every write; the compare-and-set guard against a second writer."""


class MongoStore(ReadModelStore):
    """Read-model documents in the generation `generation()` names."""

    def __init__(self, db: AsyncDatabase[Doc], generation: Callable[[], Awaitable[str]]) -> None:
        self._db = db
        self._generation = generation

    async def collection(self, name: str) -> AsyncCollection[Doc]:
        """The physical collection of `name` in the current generation."""
        return self._db[collection_name(name, await self._generation())]

    async def get(self, collection: str, doc_id: str) -> Doc | None:
        """The document, or None."""
        return await (await self.collection(collection)).find_one({"_id": doc_id})

    async def put(self, collection: str, doc: Doc, previous: Doc | None) -> None:
        """Insert, or replace only if nobody wrote since `previous` was read."""
        col = await self.collection(collection)
        if previous is None:
            try:
                await col.insert_one({**doc, REVISION: 1})
            except OperationFailure as exc:
                if is_duplicate_key(exc):
                    raise ConcurrentWriteError(doc["_id"]) from exc
                raise
            return
        rev = int(previous.get(REVISION, 0))
        result = await col.replace_one(
            {"_id": doc["_id"], REVISION: rev}, {**doc, REVISION: rev + 1}
        )
        if result.matched_count != 1:
            raise ConcurrentWriteError(doc["_id"])


def without_revision(doc: Doc) -> Doc:
    """A document as compared between generations (revisions count writes, not state)."""
    return {k: v for k, v in doc.items() if k != REVISION}
