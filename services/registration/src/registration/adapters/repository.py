"""The SME register in MongoDB: the state and its pending events in ONE document write."""

import re
from dataclasses import dataclass
from typing import Any

from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError, OperationFailure

from registration.adapters.documents import Doc, from_document, to_document
from registration.adapters.nik_vault import NikVault
from registration.domain.sme import Sme
from umkm_shared.messaging.keyed_lock import KeyedLocks
from umkm_shared.messaging.pending import PendingMarks
from umkm_shared.mongo import is_duplicate_key

HIDDEN = {"owner_nik_encrypted": 0, "outbox": 0, "owner_business_key": 0, "search_name": 0}


_FIELD_NAMES = {
    "idempotency_key": "idempotency_key",
    "nib": "nib",
    "owner_business_key": "owner_business",
}


class DuplicateSmeError(Exception):
    """A natural key (NIB, owner + business name) or the idempotency key is taken."""

    def __init__(self, existing_id: str, field: str) -> None:
        super().__init__(f"an SME with this {field} exists: {existing_id}")
        self.existing_id = existing_id
        self.field = field


class ConcurrentUpdateError(Exception):
    """The SME changed since it was read; the caller may retry."""


@dataclass(frozen=True)
class SmeFilter:
    """Search criteria; None means any."""

    kabupaten_code: str | None = None
    kecamatan_code: str | None = None
    scale_class: str | None = None
    kbli: str | None = None
    status: str | None = None
    text: str | None = None
    sme_ids: list[str] | None = None  # e.g. a cohort's members

    def query(self) -> Doc:
        """The MongoDB filter (only operators FerretDB v1 supports)."""
        query: Doc = {
            name: value
            for name in ("kabupaten_code", "kecamatan_code", "scale_class", "kbli", "status")
            if (value := getattr(self, name)) is not None
        }
        if self.text:
            query["search_name"] = {"$regex": re.escape(self.text.lower())}
        if self.sme_ids is not None:
            query["_id"] = {"$in": self.sme_ids}
        return query


class SmeRepository:
    """Stores SMEs; one writer per document via `locks` (shared with the outbox relay)."""

    def __init__(
        self, collection: AsyncCollection[Doc], vault: NikVault, locks: KeyedLocks
    ) -> None:
        self._col = collection
        self._vault = vault
        self.locks = locks
        self._marks = PendingMarks(collection)

    @property
    def collection(self) -> AsyncCollection[Doc]:
        """The backing collection (the outbox relay drains it)."""
        return self._col

    async def ensure_indexes(self) -> None:
        """Unique natural and idempotency keys (sparse: FerretDB has no partial indexes)."""
        for key in ("nib", "idempotency_key", "owner_business_key"):
            await self._col.create_index([(key, ASCENDING)], unique=True, sparse=True)
        await self._col.create_index([("outbox.event_id", ASCENDING)])
        await self._col.create_index([("kabupaten_code", ASCENDING), ("kecamatan_code", ASCENDING)])

    async def add(
        self, sme: Sme, outbox: list[dict[str, str]], idempotency_key: str | None
    ) -> None:
        """Insert the SME with its pending events, or raise DuplicateSmeError."""
        doc: Doc = {"_id": sme.sme_id, **to_document(sme, self._vault), "outbox": outbox}
        # Absent, not null: sparse unique indexes skip missing fields only.
        if sme.licences.nib is not None:
            doc["nib"] = sme.licences.nib
        if idempotency_key is not None:
            doc["idempotency_key"] = idempotency_key
        try:
            await self._col.insert_one(doc)
        except DuplicateKeyError:
            raise await self._conflict(doc) from None
        await self._marks.mark(sme.sme_id)

    async def save(self, sme: Sme, expected_version: int, outbox: list[dict[str, str]]) -> None:
        """Store a changed SME and append its events, if nobody changed it in between."""
        fields = to_document(sme, self._vault)
        update: dict[str, Any] = {"$set": fields, "$push": {"outbox": {"$each": outbox}}}
        if sme.licences.nib is not None:
            fields["nib"] = sme.licences.nib
        else:
            update["$unset"] = {"nib": ""}
        async with self.locks.hold(sme.sme_id):
            try:
                result = await self._col.update_one(
                    {"_id": sme.sme_id, "version": expected_version}, update
                )
            except OperationFailure as failure:
                if not is_duplicate_key(failure):
                    raise
                raise await self._conflict({"_id": sme.sme_id, **fields}) from None
            if result.matched_count == 0:
                raise ConcurrentUpdateError(sme.sme_id)
            if outbox:
                await self._marks.mark(sme.sme_id)

    async def _conflict(self, doc: Doc) -> Exception:
        for key in ("idempotency_key", "nib", "owner_business_key"):
            if doc.get(key) is None:
                continue
            existing = await self._col.find_one({key: doc[key], "_id": {"$ne": doc["_id"]}})
            if existing is not None:
                return DuplicateSmeError(str(existing["_id"]), _FIELD_NAMES[key])
        return RuntimeError("unique index violation on an unknown key")

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
        cursor = (
            self._col.find(query, HIDDEN)
            .sort([("registered_at", ASCENDING), ("_id", ASCENDING)])
            .skip(offset)
            .limit(limit)
        )
        return total, [doc async for doc in cursor]
