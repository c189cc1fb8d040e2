"""Partnership reports: the list, and sums by partner, by pattern and by status."""

from typing import Literal

from reporting.adapters.queries.rows import GroupRow, PartnershipRow
from reporting.adapters.queries.source import ReadModels, counts, sums
from reporting.domain.routing import PARTNERS, PARTNERSHIPS
from reporting.domain.values import Doc

GroupBy = Literal["partner", "pattern", "status"]
_FIELD = {"partner": "partner_id", "pattern": "pattern", "status": "status"}


def _filters(
    partner_id: str | None, pattern: str | None, status: str | None, sme_id: str | None
) -> Doc:
    given = {"partner_id": partner_id, "pattern": pattern, "status": status, "sme_id": sme_id}
    return {k: v for k, v in given.items() if v is not None}


async def partnership_page(
    models: ReadModels,
    limit: int,
    offset: int,
    *,
    partner_id: str | None = None,
    pattern: str | None = None,
    status: str | None = None,
    sme_id: str | None = None,
) -> tuple[int, list[PartnershipRow]]:
    """A page of partnerships matching the filters, and how many match."""
    col = await models.col(PARTNERSHIPS)
    query = _filters(partner_id, pattern, status, sme_id)
    total = await col.count_documents(query)
    cursor = col.find(query).sort("_id", 1).skip(offset).limit(limit)
    docs = [d async for d in cursor]
    named = sorted({d["partner_id"] for d in docs if d["partner_id"]})
    names = {k: v.get("name", k) for k, v in (await models.by_id(PARTNERS, named)).items()}
    rows = [
        PartnershipRow(
            partnership_id=d["_id"],
            partner_id=d["partner_id"],
            partner_name=names.get(d["partner_id"] or "", d["partner_id"] or "-"),
            sme_id=d["sme_id"],
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


async def partnership_groups(models: ReadModels, by: GroupBy) -> list[GroupRow]:
    """Partnerships, products and sales summed per partner, pattern or status."""
    groups = await models.aggregate(
        PARTNERSHIPS,
        [
            {
                "$group": {
                    "_id": f"${_FIELD[by]}",
                    "partnerships": {"$sum": 1},
                    **counts("is_active"),
                    **sums("product_count", "units_sold", "gross_sales"),
                }
            }
        ],
    )
    names = {}
    if by == "partner":
        names = {k: str(v.get("name", k)) for k, v in (await models.by_id(PARTNERS)).items()}
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
