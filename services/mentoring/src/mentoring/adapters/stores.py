"""The service's MongoDB collections, each behind its store.

`smes` (the Mentee aggregate: the local projection, enrollments, sessions, milestones,
graduations and the process manager's applied-event marks), `cohorts` and `mentors` hold
aggregates with their outboxes, each drained by its own relay (a cohort also lists the SMEs
admitted for enrollment, see `mentoring.adapters.closing`); `mentor_loads` and
`cohort_summaries` are kept beside them (see `loads` and `summaries`).
"""

from dataclasses import dataclass
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from mentoring.adapters.loads import MentorLoads
from mentoring.adapters.mentees import PENDING_MOVES, MenteeStore
from mentoring.adapters.summaries import CohortSummaries
from mentoring.domain.cohort import Cohort, Mentor
from mentoring.domain.mentee import Mentee
from umkm_shared.mongo import Document
from umkm_shared.store import Store, update_if

MentorStore = Store[Mentor]
ADMITTED = "admitted"


class CohortStore(Store[Cohort]):
    """Cohorts, each with the SMEs admitted for enrollment beside its state."""

    async def admit(self, cohort_id: str, sme_id: str) -> bool:
        """Note an enrollment about to be written, if the cohort is still open (atomically)."""
        return await update_if(
            self.collection,
            {"_id": cohort_id, "state.status": "open"},
            {"$addToSet": {ADMITTED: sme_id}},
        )

    async def admitted(self, cohort_id: str) -> list[str]:
        """Every SME ever admitted (complete once the cohort is no longer open)."""
        doc = await self.collection.find_one({"_id": cohort_id}, {ADMITTED: 1})
        return [str(sme_id) for sme_id in (doc or {}).get(ADMITTED, [])]

    async def closing(self) -> list[str]:
        """Cohorts whose close has begun and not finished (its closer may have died)."""
        cursor = self.collection.find({"state.status": "closing"}, {"_id": 1})
        return [str(doc["_id"]) async for doc in cursor]


@dataclass(frozen=True)
class Stores:
    """Every store of one database."""

    mentees: MenteeStore
    cohorts: CohortStore
    mentors: MentorStore
    loads: MentorLoads
    summaries: CohortSummaries

    @property
    def with_outbox(self) -> tuple[Store[Any], ...]:
        """The stores whose writes carry events (each needs a relay)."""
        return (self.mentees, self.cohorts, self.mentors)

    async def ensure_indexes(self) -> None:
        """The relays' pending-outbox indexes and the repair's (requests read by `_id`)."""
        await self.mentees.ensure_indexes(PENDING_MOVES)
        await self.cohorts.ensure_indexes()
        await self.mentors.ensure_indexes()
        await self.loads.ensure_indexes()


async def open_stores(db: AsyncDatabase[Document]) -> Stores:
    """The stores over `db`, their indexes ensured."""
    stores = Stores(
        mentees=MenteeStore(db["smes"], Mentee),
        cohorts=CohortStore(db["cohorts"], Cohort),
        mentors=MentorStore(db["mentors"], Mentor),
        loads=MentorLoads(db["mentor_loads"]),
        summaries=CohortSummaries(db["cohort_summaries"]),
    )
    await stores.ensure_indexes()
    return stores
