"""The per-SME read model: each write stores the result AND what it has applied, together."""

from typing import Any

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from umkm_shared.contracts.registration import SMERegistered

Doc = dict[str, Any]


class SmeReadModel:
    """One document per SME; `applied.<context>` is the last aggregate version applied."""

    def __init__(self, collection: AsyncCollection[Doc]) -> None:
        self._col = collection

    async def apply_registered(self, event: SMERegistered, version: int) -> bool:
        """Project SMERegistered; False when this or a later version was applied already."""
        not_yet = {
            "$or": [
                {"applied.registration": {"$lt": version}},
                {"applied.registration": {"$exists": False}},
            ]
        }
        fields = {
            "business_name": event.business_name,
            "nib": event.nib,
            "kbli": event.kbli,
            "kabupaten_code": event.kabupaten_code,
            "kecamatan_code": event.kecamatan_code,
            "nik_masked": event.owner.nik_masked,
            "registered_at": event.registered_at,
            "applied.registration": version,
        }
        try:
            result = await self._col.update_one(
                {"_id": event.sme_id, **not_yet}, {"$set": fields}, upsert=True
            )
        except DuplicateKeyError:
            return False  # the document exists with this version or a later one: a redelivery
        return result.upserted_id is not None or result.modified_count == 1

    async def get(self, sme_id: str) -> Doc | None:
        """One SME's row."""
        return await self._col.find_one({"_id": sme_id})

    async def list(
        self, kabupaten_code: str | None, limit: int, offset: int
    ) -> tuple[int, list[Doc]]:
        """A page of SMEs, oldest registration first, and the total that match."""
        query: Doc = {} if kabupaten_code is None else {"kabupaten_code": kabupaten_code}
        total = await self._col.count_documents(query)
        cursor = (
            self._col.find(query).sort([("registered_at", 1), ("_id", 1)]).skip(offset).limit(limit)
        )
        return total, [doc async for doc in cursor]
