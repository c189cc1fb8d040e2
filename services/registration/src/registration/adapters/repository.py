"""The SME register in MongoDB: the state and its pending events in ONE document write.

No lock: every write is one atomic document operation. An update is conditional on the
version it was decided from, so of two concurrent changes one wins and the other gets
ConcurrentUpdateError; the outbox relay's `$pull` leaves the version alone.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import BulkWriteError, DuplicateKeyError

from registration.adapters.conflicts import UNIQUE_KEYS, UnknownConflictError, find_conflicts
from registration.adapters.documents import Doc, from_document, to_document
from registration.adapters.nik_vault import NikVault
from registration.adapters.search import ORDER, SEARCH_INDEXES, SmeFilter
from registration.domain.errors import DuplicateSmeError
from registration.domain.sme import Sme
from umkm_shared.messaging.outbox import ensure_pending_index
from umkm_shared.mongo import refused_as_duplicates
from umkm_shared.store import ConcurrentUpdateError

HIDDEN = {
    "owner_nik_encrypted": 0,
    "outbox": 0,
    "owner_business_key": 0,
    "search_name": 0,
    "idempotency_fingerprint": 0,
}
Outbox = list[dict[str, str]]


def _no_relay(_ids: Iterable[object]) -> None:
    """No relay in this process to wake."""


class SmeRepository:
    """Stores SMEs: the NIK sealed, unique natural keys, searchable fields, the outbox."""

    def __init__(self, collection: AsyncCollection[Doc], vault: NikVault) -> None:
        self._col = collection
        self._vault = vault
        self.on_events: Callable[[Iterable[object]], None] = _no_relay
        """Wakes this process's outbox relay after a write that stored events (the bootstrap
        wires `relay.notify` here; the import CLI runs no relay: a service's relay polls)."""

    @property
    def collection(self) -> AsyncCollection[Doc]:
        """The backing collection (the outbox relay drains it)."""
        return self._col

    async def ensure_indexes(self) -> None:
        """Unique natural and idempotency keys, the relay's pending index, the search fields."""
        # Sparse: an SME without a NIB (or an idempotency key) has no such field at all.
        unique = [IndexModel([(key, ASCENDING)], unique=True, sparse=True) for key in UNIQUE_KEYS]
        await self._col.create_indexes([*unique, *SEARCH_INDEXES])
        await ensure_pending_index(self._col)

    def document(
        self,
        sme: Sme,
        outbox: Outbox,
        idempotency_key: str | None,
        *,
        fingerprint: str | None = None,
    ) -> Doc:
        """The SME's stored form with its pending events (CPU only: callable from a thread).

        `fingerprint` identifies the request that came with the idempotency key.
        """
        doc: Doc = {"_id": sme.sme_id, **to_document(sme, self._vault), "outbox": outbox}
        # Absent, not null: sparse unique indexes skip missing fields only.
        if sme.licences.nib is not None:
            doc["nib"] = sme.licences.nib
        if idempotency_key is not None:
            doc["idempotency_key"] = idempotency_key
            doc["idempotency_fingerprint"] = fingerprint
        return doc

    async def add(
        self,
        sme: Sme,
        outbox: Outbox,
        idempotency_key: str | None,
        *,
        fingerprint: str | None = None,
    ) -> None:
        """Insert the SME with its pending events, or raise DuplicateSmeError."""
        doc = self.document(sme, outbox, idempotency_key, fingerprint=fingerprint)
        try:
            await self._col.insert_one(doc)
        except DuplicateKeyError:
            raise (await find_conflicts(self._col, [doc]))[0] from None
        self.on_events([doc["_id"]])

    async def add_many(self, docs: Sequence[Doc]) -> list[DuplicateSmeError | None]:
        """Insert many SME documents (from `document`) in one bulk write; None or a clash for each.

        Unordered: a duplicate does not stop the others. Callers keep SMEs that may clash
        with each other out of one call, so which of two is registered is theirs to decide.
        """
        refused: dict[int, Doc] = {}
        try:
            await self._col.insert_many(docs, ordered=False)
        except BulkWriteError as failed:
            positions = refused_as_duplicates(failed)
            if positions is None:
                raise
            refused = {i: docs[i] for i in positions}
        if len(refused) < len(docs):
            self.on_events([d["_id"] for i, d in enumerate(docs) if i not in refused])
        found = await find_conflicts(self._col, list(refused.values())) if refused else []
        clashes = dict(zip(refused, found, strict=True))
        results: list[DuplicateSmeError | None] = []
        for index in range(len(docs)):
            clash = clashes.get(index)
            if isinstance(clash, UnknownConflictError):
                raise clash
            results.append(clash)
        return results

    async def save(self, sme: Sme, expected_version: int, outbox: Outbox) -> None:
        """Store a changed SME and append its events, if nobody changed it in between."""
        fields = to_document(sme, self._vault)
        update: dict[str, Any] = {"$set": fields, "$push": {"outbox": {"$each": outbox}}}
        if sme.licences.nib is not None:
            fields["nib"] = sme.licences.nib
        else:
            update["$unset"] = {"nib": ""}
        try:
            result = await self._col.update_one(
                {"_id": sme.sme_id, "version": expected_version}, update
            )
        except DuplicateKeyError:
            raise (await find_conflicts(self._col, [{"_id": sme.sme_id, **fields}]))[0] from None
        if result.matched_count == 0:
            raise ConcurrentUpdateError(sme.sme_id)
        if outbox:
            self.on_events([sme.sme_id])

    async def load(self, sme_id: str) -> Sme | None:
        """The aggregate, NIK decrypted, for deciding a command."""
        doc = await self._col.find_one({"_id": sme_id}, {"outbox": 0})
        return None if doc is None else from_document(doc, self._vault)

    async def view(self, sme_id: str) -> Doc | None:
        """The stored SME as the API may show it: no NIK ciphertext, no outbox."""
        return await self._col.find_one({"_id": sme_id}, HIDDEN)

    async def search(self, criteria: SmeFilter, limit: int, offset: int) -> tuple[int, list[Doc]]:
        """A page of matching SMEs (oldest registration first) and how many match in all."""
        query = criteria.query()
        total = await self._col.count_documents(query)
        cursor = self._col.find(query, HIDDEN).sort(ORDER).skip(offset).limit(limit)
        return total, [doc async for doc in cursor]
