"""MongoStore: the projector's port over MongoDB, one query and one bulk write per call."""

from collections.abc import Awaitable, Callable, Collection, Sequence

from pymongo import InsertOne, ReplaceOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

from reporting.adapters.generations import collection_name, fixed, writable_generation
from reporting.domain.store import ReadModelStore, Write
from reporting.domain.values import Doc
from reporting.service import Projector
from umkm_shared.messaging.batch_consumer import Delivery
from umkm_shared.mongo import refused_as_duplicates

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

    async def load(self, collection: str, ids: Collection[str]) -> dict[str, Doc]:
        """The documents with these ids: one `$in` query."""
        col = await self.collection(collection)
        return {doc["_id"]: doc async for doc in col.find({"_id": {"$in": list(ids)}})}

    async def find(self, collection: str, field: str, values: Collection[str]) -> dict[str, Doc]:
        """The documents whose `field` is one of `values`: one `$in` query (an indexed field)."""
        col = await self.collection(collection)
        return {doc["_id"]: doc async for doc in col.find({field: {"$in": list(values)}})}

    async def save(self, collection: str, writes: Sequence[Write]) -> set[str]:
        """One unordered bulk write: inserts for new documents, guarded replaces for the rest."""
        if not writes:
            return set()
        col = await self.collection(collection)
        lost: set[str] = set()
        try:
            result = await col.bulk_write([_operation(w) for w in writes], ordered=False)
            replaced = result.matched_count
        except BulkWriteError as exc:
            refused = refused_as_duplicates(exc)
            if refused is None:
                raise
            # A duplicate _id: someone inserted it after we read it was missing.
            lost = {writes[i].doc["_id"] for i in refused}
            replaced = exc.details["nMatched"]
        guarded = [w for w in writes if w.previous is not None]
        if replaced < len(guarded):
            lost |= await _overwritten(col, guarded)
        return lost


class LiveProjection:
    """The live consumer's handler: each batch into the generation the pointer names now.

    The pointer is read afresh per batch, just before writing (the readers' one-second cache
    would let a batch into a generation a replay has just switched to). While a replay catches
    the new generation up, every batch raises CatchingUpError: the consumer hands it over
    again, uncommitted, until the replay has read everything up to after the switch.
    """

    def __init__(self, db: AsyncDatabase[Doc]) -> None:
        self._db = db

    async def apply_batch(self, batch: Sequence[Delivery]) -> None:
        """Apply one batch to the live generation (CatchingUpError while it is catching up)."""
        generation = await writable_generation(self._db)
        await Projector(MongoStore(self._db, fixed(generation))).apply_batch(batch)


def _operation(write: Write) -> InsertOne[Doc] | ReplaceOne[Doc]:
    if write.previous is None:
        return InsertOne({**write.doc, REVISION: 1})
    rev = int(write.previous.get(REVISION, 0))
    return ReplaceOne({"_id": write.doc["_id"], REVISION: rev}, {**write.doc, REVISION: rev + 1})


async def _overwritten(col: AsyncCollection[Doc], guarded: Sequence[Write]) -> set[str]:
    """Which guarded replaces did not match: the stored document is not what we wrote."""
    ids = [w.doc["_id"] for w in guarded]
    stored = {d["_id"]: without_revision(d) async for d in col.find({"_id": {"$in": ids}})}
    return {w.doc["_id"] for w in guarded if stored.get(w.doc["_id"]) != without_revision(w.doc)}


def without_revision(doc: Doc) -> Doc:
    """A document as compared between generations (revisions count writes, not state)."""
    return {k: v for k, v in doc.items() if k != REVISION}
