"""Which aggregates have pending outbox entries: a small collection beside the aggregates.

FerretDB v1 answers a query on any field but `_id` by reading the whole collection, so a relay
that searched the aggregates for pending entries would read every SME on every poll. Writers
mark an aggregate after a write that added events; the relay clears the mark BEFORE it reads
the aggregate, so an event written meanwhile leaves a fresh mark behind. A mark lost to a
crash between the write and the mark is found by the relay's periodic full scan.
"""

from typing import Any

from pymongo.asynchronous.collection import AsyncCollection


class PendingMarks:
    """One `{_id}` document per aggregate with events waiting to be published."""

    def __init__(self, aggregates: AsyncCollection[dict[str, Any]]) -> None:
        self._col: AsyncCollection[dict[str, Any]] = aggregates.database[
            f"{aggregates.name}_outbox_pending"
        ]

    async def mark(self, aggregate_id: object) -> None:
        """Note that the aggregate has pending events (idempotent)."""
        await self._col.replace_one({"_id": aggregate_id}, {"_id": aggregate_id}, upsert=True)

    async def clear(self, aggregate_id: object) -> None:
        """Forget the mark; called by the relay just before it reads the aggregate."""
        await self._col.delete_one({"_id": aggregate_id})

    async def marked(self, limit: int) -> list[object]:
        """Some marked aggregate ids."""
        return [doc["_id"] async for doc in self._col.find({}, {"_id": 1}).limit(limit)]
