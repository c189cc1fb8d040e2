"""Indexes behind every query-API filter, created for each generation of the read models."""

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase

from reporting.adapters.generations import collection_name
from reporting.domain.routing import COLLECTIONS, PARTNERSHIPS, SMES
from reporting.domain.values import Doc

_SME_ORDER = [("registered_on", ASCENDING), ("_id", ASCENDING)]
"""The SME list's sort: each filter's index ends with it, so a page is read in index order."""

INDEXES: dict[str, list[IndexModel]] = {
    SMES: [
        IndexModel(_SME_ORDER),
        *(
            IndexModel([(field, ASCENDING), *_SME_ORDER])
            for field in (
                "kabupaten_code",
                "kecamatan_code",
                "cohort_id",
                "mentor_id",
                "status",
                "graduated",
            )
        ),
    ],
    PARTNERSHIPS: [
        IndexModel([(field, ASCENDING), ("_id", ASCENDING)])
        for field in ("partner_id", "pattern", "status", "sme_id")
    ],
}


SEEN = IndexModel([("seen_at", ASCENDING)])
"""The newest event folded in, per collection: the dashboard's "Data per <time>"."""


async def ensure_indexes(db: AsyncDatabase[Doc], generation: str) -> None:
    """Create the indexes of one generation (a no-op for those that exist)."""
    for name in COLLECTIONS:
        await db[collection_name(name, generation)].create_indexes([*INDEXES.get(name, []), SEEN])
