"""Partnership reports: the list, and sums by partner, by pattern and by status."""

from typing import Literal

from reporting.adapters.queries.rows import GroupRow, PartnershipRow
from reporting.adapters.queries.source import ReadModels, Region, counts, sums
from reporting.domain.routing import PARTNERS, PARTNERSHIPS, SMES
from reporting.domain.values import Doc

GroupBy = Literal["partner", "pattern", "status"]
_FIELD = {"partner": "partner_id", "pattern": "pattern", "status": "status"}


def _filters(
    partner_id: str | None, pattern: str | None, status: str | None, sme_id: str | None
) -> Doc:
    given = {"partner_id": partner_id, "pattern": pattern, "status": status, "sme_id": sme_id}
    return {k: v for k, v in given.items() if v is not None}


async def _matching(
    models: ReadModels, of_smes: list[Doc], query: Doc, limit: int, offset: int
) -> tuple[int, list[Doc]]:
    """A page of the partnership documents matching `query` of the SMEs `of_smes` keeps
    (the stages of `partnerships_in`), and how many match."""
    col = await models.col(PARTNERSHIPS)
    if not of_smes:
        cursor = col.find(query).sort("_id", 1).skip(offset).limit(limit)
        return await col.count_documents(query), [d async for d in cursor]
    scoped: list[Doc] = [{"$match": query}, *of_smes]
    counted = await models.aggregate(
        PARTNERSHIPS, [*scoped, {"$group": {"_id": None, "n": {"$sum": 1}}}]
    )
    page: list[Doc] = [{"$sort": {"_id": 1}}, {"$skip": offset}]
    if limit:  # 0 is every row, as for `find`
        page.append({"$limit": limit})
    total = int(counted[0]["n"]) if counted else 0
    return total, await models.aggregate(PARTNERSHIPS, [*scoped, *page])


async def partnership_page(
    models: ReadModels,
    limit: int,
    offset: int,
    region: Region,
    *,
    partner_id: str | None = None,
    pattern: str | None = None,
    status: str | None = None,
    sme_id: str | None = None,
    cohort_id: str | None = None,
) -> tuple[int, list[PartnershipRow]]:
    """A page of the region's partnerships (of one cohort's SMEs if `cohort_id`) matching
    the filters, and how many match."""
    query = _filters(partner_id, pattern, status, sme_id)
    of_smes = await models.partnerships_in(region, cohort_id)
    total, docs = await _matching(models, of_smes, query, limit, offset)
    named = sorted({d["partner_id"] for d in docs if d["partner_id"]})
    names = {k: v.get("name", k) for k, v in (await models.by_id(PARTNERS, named)).items()}
    sme_ids = sorted({d["sme_id"] for d in docs})
    smes = (await models.col(SMES)).find({"_id": {"$in": sme_ids}}, {"business_name": 1})
    sme_names = {s["_id"]: s.get("business_name") or s["_id"] async for s in smes}
    rows = [
        PartnershipRow(
            partnership_id=d["_id"],
            partner_id=d["partner_id"],
            partner_name=names.get(d["partner_id"] or "", d["partner_id"] or "-"),
            sme_id=d["sme_id"],
            sme_name=sme_names.get(d["sme_id"], d["sme_id"]),
            pattern=d["pattern"],
            status=d["status"],
            start_date=d["start_date"],
            product_count=d["product_count"],
            units_sold=d["units_sold"],
            gross_sales=d["gross_sales"],
        )
        for d in docs
    ]
    return total, rows


async def partnership_groups(
    models: ReadModels, by: GroupBy, region: Region, cohort_id: str | None = None
) -> list[GroupRow]:
    """The region's partnerships (of one cohort's SMEs if `cohort_id`), products and sales
    summed per partner, pattern or status."""
    groups = await models.aggregate(
        PARTNERSHIPS,
        [
            *await models.partnerships_in(region, cohort_id),
            {
                "$group": {
                    "_id": f"${_FIELD[by]}",
                    "partnerships": {"$sum": 1},
                    **counts("is_active"),
                    **sums("product_count", "units_sold", "gross_sales"),
                }
            },
        ],
    )
    names = {}
    if by == "partner":
        named = sorted(str(g["_id"]) for g in groups if g["_id"] is not None)
        names = {k: str(v.get("name", k)) for k, v in (await models.by_id(PARTNERS, named)).items()}
    rows = [
        GroupRow(
            key=str(g["_id"]),
            label=names.get(str(g["_id"]), str(g["_id"])),
            partnerships=g["partnerships"],
            active=g["is_active"],
            products=g["product_count"],
            units_sold=g["units_sold"],
            gross_sales=g["gross_sales"],
        )
        for g in groups
        if g["_id"] is not None
    ]
    return sorted(rows, key=lambda r: (-r.gross_sales, r.key))
