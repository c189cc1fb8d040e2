"""The SME register in MongoDB: the state and its pending events in ONE document write."""

from typing import Any

from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from registration.adapters.nik_vault import NikVault
from registration.domain.sme import Sme

Doc = dict[str, Any]


class DuplicateSmeError(Exception):
    """The natural key (NIB) or the idempotency key is taken by an existing SME."""

    def __init__(self, existing_id: str, field: str) -> None:
        super().__init__(f"an SME with this {field} exists: {existing_id}")
        self.existing_id = existing_id
        self.field = field


class SmeRepository:
    """Stores SMEs; the raw NIK only ever as ciphertext."""

    def __init__(self, collection: AsyncCollection[Doc], vault: NikVault) -> None:
        self._col = collection
        self._vault = vault

    @property
    def collection(self) -> AsyncCollection[Doc]:
        """The backing collection (the outbox relay drains it)."""
        return self._col

    async def ensure_indexes(self) -> None:
        """Unique natural and idempotency keys; sparse, as both are optional (FerretDB-safe)."""
        await self._col.create_index([("nib", ASCENDING)], unique=True, sparse=True)
        await self._col.create_index([("idempotency_key", ASCENDING)], unique=True, sparse=True)
        await self._col.create_index([("outbox.event_id", ASCENDING)])

    async def add(
        self, sme: Sme, outbox: list[dict[str, str]], idempotency_key: str | None
    ) -> None:
        """Insert the SME with its pending events, or raise DuplicateSmeError."""
        doc: Doc = {
            "_id": sme.sme_id,
            "business_name": sme.business_name,
            "kbli": sme.kbli,
            "kabupaten_code": sme.kabupaten_code,
            "kecamatan_code": sme.kecamatan_code,
            "owner_nik_encrypted": self._vault.seal(sme.owner_nik),
            "nik_pseudonym": sme.nik_pseudonym,
            "nik_masked": sme.nik_masked,
            "registered_at": sme.registered_at,
            "version": sme.version,
            "outbox": outbox,
        }
        # Absent, not null: sparse unique indexes skip missing fields only.
        if sme.nib is not None:
            doc["nib"] = sme.nib
        if idempotency_key is not None:
            doc["idempotency_key"] = idempotency_key
        try:
            await self._col.insert_one(doc)
        except DuplicateKeyError:
            existing = await self._find_conflict(sme.nib, idempotency_key)
            if existing is None:
                raise
            raise DuplicateSmeError(*existing) from None

    async def _find_conflict(self, nib: str | None, key: str | None) -> tuple[str, str] | None:
        if key is not None and (doc := await self._col.find_one({"idempotency_key": key})):
            return str(doc["_id"]), "idempotency_key"
        if nib is not None and (doc := await self._col.find_one({"nib": nib})):
            return str(doc["_id"]), "nib"
        return None

    async def get(self, sme_id: str) -> Doc | None:
        """The stored SME, without the NIK ciphertext and outbox."""
        return await self._col.find_one({"_id": sme_id}, {"owner_nik_encrypted": 0, "outbox": 0})
