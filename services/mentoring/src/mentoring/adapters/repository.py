"""MongoDB storage: each aggregate with its pending events in ONE document write.

Three collections, each drained by its own outbox relay: `smes` (the Mentee aggregate: the
local projection, enrollments, sessions, milestones, graduations and the process manager's
applied-event marks), `cohorts` and `mentors`. Writers hold the document's lock, shared with
the relays (FerretDB v1 updates are read-modify-write).
"""

from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from mentoring.domain.cohort import Cohort, Mentor
from mentoring.domain.mentee import Mentee
from umkm_shared.messaging.keyed_lock import KeyedLocks
from umkm_shared.messaging.pending import PendingMarks

Doc = dict[str, Any]
M = TypeVar("M", bound=BaseModel)


class ConcurrentUpdateError(Exception):
    """The document changed since it was read; the caller may retry."""


def _index_fields(mentee: Mentee) -> Doc:
    """Top-level copies the queries need (cohort members, mentor loads, graduates)."""
    enrollments = mentee.enrollments.values()
    return {
        "cohort_ids": sorted(mentee.enrollments),
        "mentor_of": sorted(f"{e.cohort_id}|{e.mentor_id}" for e in enrollments if e.mentor_id),
        "graduated_in": sorted(e.cohort_id for e in enrollments if e.graduation),
        "kecamatan_code": mentee.profile.kecamatan_code if mentee.profile else None,
    }


class Store(Generic[M]):
    """Documents `{_id, state, revision, outbox, ...}` holding one pydantic aggregate each."""

    def __init__(self, collection: AsyncCollection[Doc], model: type[M], locks: KeyedLocks) -> None:
        self.collection = collection
        self._model = model
        self.locks = locks
        self._marks = PendingMarks(collection)

    async def ensure_indexes(self, *fields: str) -> None:
        """The relay's pending-outbox index plus the query fields named."""
        for name in ("outbox.event_id", *fields):
            await self.collection.create_index([(name, ASCENDING)])

    async def load(self, key: str) -> tuple[M | None, int]:
        """The aggregate and its revision (0 when absent)."""
        doc = await self.collection.find_one({"_id": key}, {"outbox": 0})
        if doc is None:
            return None, 0
        return self._model.model_validate(doc["state"]), int(doc["revision"])

    async def save(
        self, key: str, state: M, revision: int, outbox: list[dict[str, str]], extra: Doc
    ) -> None:
        """Insert (revision 0) or update if still at `revision`; the caller holds the lock."""
        fields = {"state": state.model_dump(mode="json"), "revision": revision + 1, **extra}
        if revision == 0:
            try:
                await self.collection.insert_one({"_id": key, **fields, "outbox": outbox})
            except DuplicateKeyError:
                raise ConcurrentUpdateError(key) from None
        else:
            result = await self.collection.update_one(
                {"_id": key, "revision": revision},
                {"$set": fields, "$push": {"outbox": {"$each": outbox}}},
            )
            if result.matched_count == 0:
                raise ConcurrentUpdateError(key)
        if outbox:
            await self._marks.mark(key)

    async def states(self, query: Doc) -> list[M]:
        """Every aggregate matching `query`."""
        cursor = self.collection.find(query, {"state": 1})
        return [self._model.model_validate(d["state"]) async for d in cursor]


class MenteeStore(Store[Mentee]):
    """The SMEs as mentoring knows them."""

    async def put(self, mentee: Mentee, revision: int, outbox: list[dict[str, str]]) -> None:
        """Store the SME with its query fields."""
        await self.save(mentee.sme_id, mentee, revision, outbox, _index_fields(mentee))

    async def mentor_load(self, cohort_id: str, mentor_id: str) -> int:
        """How many SMEs the mentor has in the cohort."""
        return await self.collection.count_documents({"mentor_of": f"{cohort_id}|{mentor_id}"})

    async def count(self, query: Doc) -> int:
        """How many SMEs match."""
        return await self.collection.count_documents(query)


CohortStore = Store[Cohort]
MentorStore = Store[Mentor]
