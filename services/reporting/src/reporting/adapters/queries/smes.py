"""SME rows: filtered pages, and one SME with its partnerships."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from reporting.adapters.queries.source import (
    ReadModels,
    Region,
    holds,
    narrowed,
    outside_region,
    region_name,
    sme_filter,
)
from reporting.domain.routing import COHORTS, MENTORS, PARTNERS, PARTNERSHIPS, SMES
from reporting.domain.values import Doc
from umkm_shared.errors import RefusalError

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
    "joined_on",
    "enrolled_on",
    "graduated",
    "naik_kelas_scale",
    "bank_feed_consent",
)


Id = Annotated[str, Field(max_length=100)]


class SmeFilters(BaseModel):
    """Filters of the SME list; None means any. An unknown filter is refused, not ignored."""

    model_config = ConfigDict(extra="forbid")

    region: str | None = Field(default=None, pattern=r"^\d{2}(\.\d{2}){0,2}$")
    """A level inside the caller's region (403 outside it)."""
    kabupaten_code: str | None = Field(default=None, pattern=r"^\d{2}\.\d{2}$")
    kecamatan_code: str | None = Field(default=None, pattern=r"^\d{2}\.\d{2}\.\d{2}$")
    cohort_id: Id | None = None
    mentor_id: Id | None = None
    status: Literal["active", "withdrawn"] | None = None
    graduated: bool | None = None

    def query(self) -> Doc:
        """The Mongo filter."""
        query: Doc = {
            k: v
            for k, v in self.model_dump(exclude={"graduated", "region"}).items()
            if v is not None
        }
        if self.graduated is not None:
            query["graduated"] = self.graduated
        return query


Names = tuple[dict[str, str], dict[str, str]]
"""Cohort names and mentor names by id."""


def sme_row(doc: Doc, names: Names | None = None) -> Doc:
    """The flat row of an SME document, each id beside its name."""
    row = {"sme_id": doc["_id"], **{k: doc.get(k) for k in FLAT}}
    cohorts, mentors = names or ({}, {})
    return {
        **row,
        "kabupaten_name": region_name(row["kabupaten_code"]),
        "kecamatan_name": region_name(row["kecamatan_code"]),
        "cohort_name": cohorts.get(row["cohort_id"] or "", row["cohort_id"]),
        "mentor_name": mentors.get(row["mentor_id"] or "", row["mentor_id"]),
    }


async def names_of(models: ReadModels, docs: list[Doc]) -> Names:
    """The names of the cohorts and mentors these SME documents point at."""
    found = []
    for name, field in ((COHORTS, "cohort_id"), (MENTORS, "mentor_id")):
        ids = sorted({d[field] for d in docs if d.get(field)})
        refs = await models.by_id(name, ids)
        found.append({i: str(r.get("name", i)) for i, r in refs.items()})
    return found[0], found[1]


async def sme_page(
    models: ReadModels, filters: SmeFilters, limit: int, offset: int, region: Region
) -> tuple[int, list[Doc]]:
    """A page of the region's SME rows, oldest registration first, and how many match."""
    for code in (filters.kabupaten_code, filters.kecamatan_code):
        if code is not None and not holds(region, code):
            raise outside_region()
    region = narrowed(region, filters.region)
    col = await models.col(SMES)
    query = filters.query()
    if region is not None:
        query = {"$and": [query, sme_filter(region)]}
    total = await col.count_documents(query)
    cursor = col.find(query).sort([("registered_on", 1), ("_id", 1)]).skip(offset).limit(limit)
    docs = [doc async for doc in cursor]
    names = await names_of(models, docs)
    return total, [sme_row(doc, names) for doc in docs]


async def sme_detail(models: ReadModels, sme_id: str, region: Region) -> Doc:
    """One SME: its row, scale-class history, mentoring record and partnerships.

    Refused: 404 if it is not projected, 403 if it is not registered in `region`.
    """
    doc = await (await models.col(SMES)).find_one({"_id": sme_id})
    if doc is None:
        raise RefusalError(
            "not_found",
            "UMKM ini belum ada di laporan.",
            "This SME has not been projected (yet).",
        )
    if not holds(region, doc.get("kabupaten_code")):
        raise outside_region()
    cursor = (await models.col(PARTNERSHIPS)).find({"sme_id": sme_id}).sort("_id", 1)
    parts = [{k: v for k, v in p.items() if k != "_rev"} async for p in cursor]
    partners = await models.by_id(PARTNERS, sorted({p["partner_id"] for p in parts} - {None}))
    reg, men = doc.get("reg") or {}, doc.get("men") or {}
    cohorts, mentors = await names_of(
        models, [doc, *({"mentor_id": s["mentor_id"]} for s in men.get("sessions", []))]
    )
    sessions = [
        {**s, "mentor_name": mentors.get(s["mentor_id"], s["mentor_id"])}
        for s in men.get("sessions", [])
    ]
    return {
        **sme_row(doc, (cohorts, mentors)),
        "scale_history": reg.get("scale_history", []),
        "financials": reg.get("financials"),
        "licences": reg.get("licences"),
        "mentor_history": men.get("mentor_history", []),
        "sessions": sessions,
        "milestones": men.get("milestones", []),
        "graduation": men.get("graduation"),
        "partnerships": [
            {**p, "partner_name": partners.get(p["partner_id"] or "", {}).get("name")}
            for p in parts
        ],
    }
