"""SME rows: filtered pages, and one SME with its partnerships."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from reporting.adapters.queries.source import ReadModels, Region, holds, outside_region, within
from reporting.domain.routing import PARTNERSHIPS, SMES
from reporting.domain.values import Doc

FLAT = (
    "business_name",
    "nib",
    "kbli",
    "kabupaten_code",
    "kecamatan_code",
    "nik_masked",
    "registered_on",
    "status",
    "scale_class",
    "cohort_id",
    "mentor_id",
    "session_count",
    "last_session_date",
    "milestone_count",
    "graduated_on",
)


Id = Annotated[str, Field(max_length=100)]


class SmeFilters(BaseModel):
    """Filters of the SME list; None means any. An unknown filter is refused, not ignored."""

    model_config = ConfigDict(extra="forbid")

    kabupaten_code: str | None = Field(default=None, pattern=r"^\d{2}\.\d{2}$")
    kecamatan_code: str | None = Field(default=None, pattern=r"^\d{2}\.\d{2}\.\d{2}$")
    cohort_id: Id | None = None
    mentor_id: Id | None = None
    status: Literal["active", "withdrawn"] | None = None
    graduated: bool | None = None

    def query(self) -> Doc:
        """The Mongo filter."""
        query: Doc = {
            k: v for k, v in self.model_dump(exclude={"graduated"}).items() if v is not None
        }
        if self.graduated is not None:
            query["graduated"] = self.graduated
        return query


def sme_row(doc: Doc) -> Doc:
    """The flat row of an SME document."""
    return {"sme_id": doc["_id"], **{k: doc.get(k) for k in FLAT}}


async def sme_page(
    models: ReadModels, filters: SmeFilters, limit: int, offset: int, region: Region
) -> tuple[int, list[Doc]]:
    """A page of the region's SME rows, oldest registration first, and how many match."""
    for code in (filters.kabupaten_code, filters.kecamatan_code):
        if code is not None and not holds(region, code):
            raise outside_region()
    col = await models.col(SMES)
    query = filters.query()
    if region is not None:
        query = {"$and": [query, within("kabupaten_code", region)]}
    total = await col.count_documents(query)
    cursor = col.find(query).sort([("registered_on", 1), ("_id", 1)]).skip(offset).limit(limit)
    return total, [sme_row(doc) async for doc in cursor]


async def sme_detail(models: ReadModels, sme_id: str, region: Region) -> Doc | None:
    """One SME: its row, scale-class history, mentoring record and partnerships.

    None if it is not projected; refused (403) if it is not registered in `region`.
    """
    doc = await (await models.col(SMES)).find_one({"_id": sme_id})
    if doc is None:
        return None
    if not holds(region, doc.get("kabupaten_code")):
        raise outside_region()
    parts = (await models.col(PARTNERSHIPS)).find({"sme_id": sme_id}).sort("_id", 1)
    reg, men = doc.get("reg") or {}, doc.get("men") or {}
    return {
        **sme_row(doc),
        "scale_history": reg.get("scale_history", []),
        "financials": reg.get("financials"),
        "licences": reg.get("licences"),
        "mentor_history": men.get("mentor_history", []),
        "sessions": men.get("sessions", []),
        "milestones": men.get("milestones", []),
        "graduation": men.get("graduation"),
        "partnerships": [{k: v for k, v in p.items() if k != "_rev"} async for p in parts],
    }
