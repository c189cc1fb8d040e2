"""The MongoDB stores: one document per aggregate, the shared `Store[M]` shape."""

from pymongo import ASCENDING
from pymongo.asynchronous.database import AsyncDatabase

from partnership.adapters.ports import M, Outbox, Partners, Partnerships, Repository, Smes
from partnership.domain.partner import Partner
from partnership.domain.partnership import OPEN, Partnership
from partnership.domain.sme import SmeFacts
from umkm_shared.mongo import Document
from umkm_shared.store import Store


class _Stored(Repository[M]):
    def __init__(self, store: Store[M]) -> None:
        self.store = store

    async def load(self, key: str) -> tuple[M | None, int]:
        return await self.store.load(key)

    async def save(self, key: str, state: M, revision: int, outbox: Outbox) -> int:
        return await self.store.save(key, state, revision, outbox, self._fields(state))

    def _fields(self, state: M) -> Document:
        """Top-level fields for queries and indexes."""
        return {}


class MongoPartners(_Stored[Partner], Partners):
    """Partners in `partners`."""

    def _fields(self, state: Partner) -> Document:
        return {"nib": state.nib}

    async def every(self) -> list[Partner]:
        cursor = self.store.collection.find({}, {"state": 1}).sort("_id", ASCENDING)
        return [Partner.model_validate(doc["state"]) async for doc in cursor]

    async def by_nib(self, nib: str) -> Partner | None:
        doc = await self.store.collection.find_one({"nib": nib}, {"state": 1})
        return None if doc is None else Partner.model_validate(doc["state"])


class MongoPartnerships(_Stored[Partnership], Partnerships):
    """Partnerships in `partnerships`, with partner, SME, status and kabupaten beside."""

    def _fields(self, state: Partnership) -> Document:
        return {
            "partner_id": state.partner_id,
            "sme_id": state.sme_id,
            "status": state.status,
            "kabupaten_code": state.kabupaten_code,
        }

    async def save(
        self,
        key: str,
        state: Partnership,
        revision: int,
        outbox: Outbox,
        request: str | None = None,
    ) -> int:
        fields = self._fields(state)
        if request is not None:  # a keyed proposal's hash, beside the state: never shown
            fields["request_hash"] = request
        return await self.store.save(key, state, revision, outbox, fields)

    async def keyed(self, key: str) -> tuple[Partnership | None, str | None]:
        doc = await self.store.collection.find_one({"_id": key}, {"state": 1, "request_hash": 1})
        if doc is None:
            return None, None
        return Partnership.model_validate(doc["state"]), doc.get("request_hash")

    async def _find(self, query: Document) -> list[Partnership]:
        cursor = self.store.collection.find(query, {"state": 1})
        found = [Partnership.model_validate(doc["state"]) async for doc in cursor]
        return sorted(found, key=lambda p: (p.proposed_at, p.partnership_id))

    async def of_partner(self, partner_id: str, status: str | None = None) -> list[Partnership]:
        query: Document = {"partner_id": partner_id}
        if status is not None:
            query["status"] = status
        return await self._find(query)

    async def open_of_sme(self, sme_id: str) -> list[str]:
        query = {"sme_id": sme_id, "status": {"$in": list(OPEN)}}
        return [str(doc["_id"]) async for doc in self.store.collection.find(query, {"_id": 1})]

    async def in_kabupaten(self, kabupaten: str | None) -> list[Partnership]:
        return await self._find({} if kabupaten is None else {"kabupaten_code": kabupaten})


class MongoSmes(_Stored[SmeFacts], Smes):
    """The SME facts projection in `smes`."""


async def open_stores(
    db: AsyncDatabase[Document],
) -> tuple[MongoPartners, MongoPartnerships, MongoSmes]:
    """The three stores on `db`, their indexes ensured."""
    partners = Store(db.get_collection("partners"), Partner)
    partnerships = Store(db.get_collection("partnerships"), Partnership)
    smes = Store(db.get_collection("smes"), SmeFacts)
    await partners.ensure_indexes()
    # One partner per NIB even with two replicas registering at once: the index decides.
    await partners.collection.create_index([("nib", ASCENDING)], unique=True)
    await partnerships.ensure_indexes("partner_id", "sme_id", "kabupaten_code")
    return MongoPartners(partners), MongoPartnerships(partnerships), MongoSmes(smes)
