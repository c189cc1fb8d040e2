"""The regency's compliance view (Perbup 73/2020): partnering per partner and per kecamatan.

Partnership documents know partner, pattern, status and SME; SME documents know where the
SME is registered. A region joins the two (`$lookup` on the SME id).
"""

from collections import Counter

from reporting.adapters.queries.rows import KecamatanComplianceRow, PartnerComplianceRow
from reporting.adapters.queries.source import ReadModels, Region, region_name, within
from reporting.domain.routing import PARTNERS, PARTNERSHIPS, SMES
from reporting.domain.values import Doc


def _when_active(value: object) -> Doc:
    return {"$cond": ["$is_active", value, None]}


async def partner_compliance(models: ReadModels, region: Region) -> list[PartnerComplianceRow]:
    """The region's partners (those without partnerships too: they are the gap), most sales first.

    Counts come from partnerships of the region's SMEs; a row is a partner of the region, a
    province-wide one, or one partnering with the region's SMEs.
    """
    groups = await models.aggregate(
        PARTNERSHIPS,
        [
            *await models.partnerships_in(region),
            {
                "$group": {
                    "_id": "$partner_id",
                    "active": {"$sum": {"$cond": ["$is_active", 1, 0]}},
                    "products": {"$sum": {"$cond": ["$is_active", "$product_count", 0]}},
                    "units_sold": {"$sum": "$units_sold"},
                    "gross_sales": {"$sum": "$gross_sales"},
                    "smes": {"$addToSet": _when_active("$sme_id")},
                    "patterns": {"$push": _when_active("$pattern")},
                }
            },
        ],
    )
    by_partner = {g["_id"]: g for g in groups if g["_id"] is not None}
    partners = await models.references(PARTNERS, region, by_partner, unplaced=True)
    rows = []
    for partner_id in set(partners) | set(by_partner):
        info, g = partners.get(partner_id, {}), by_partner.get(partner_id, {})
        patterns = Counter(p for p in g.get("patterns", []) if p is not None)
        rows.append(
            PartnerComplianceRow(
                partner_id=partner_id,
                name=info.get("name", partner_id),
                company_type=info.get("company_type"),
                sector=info.get("sector"),
                active_partnerships=int(g.get("active", 0)),
                active_by_pattern=dict(sorted(patterns.items())),
                umkm_partnered=len({s for s in g.get("smes", []) if s is not None}),
                products_listed=int(g.get("products", 0)),
                units_sold_to_date=int(g.get("units_sold", 0)),
                sales_to_date=int(g.get("gross_sales", 0)),
            )
        )
    return sorted(rows, key=lambda r: (-r.sales_to_date, r.name, r.partner_id))


def _kecamatan_row(group: Doc, names: dict[str, str]) -> KecamatanComplianceRow:
    code = group["_id"]
    kabupaten = code[:5] if code else None  # 32.16.01 lies in 32.16
    partners = {p for per_sme in group["partners"] for p in per_sme}
    return KecamatanComplianceRow(
        kecamatan_code=code or "-",
        name=region_name(code),
        kabupaten_code=kabupaten,
        kabupaten_name=region_name(kabupaten),
        umkm_partnered=group["umkm"],
        active_partnerships=group["active"],
        partners=sorted(names.get(p, p) for p in partners),
    )


async def kecamatan_compliance(models: ReadModels, region: Region) -> list[KecamatanComplianceRow]:
    """Per kecamatan of the region: distinct SMEs with an active partnership, and with whom."""
    groups = await models.aggregate(
        PARTNERSHIPS,
        [
            {"$match": {"is_active": True}},
            {
                "$group": {
                    "_id": "$sme_id",
                    "active": {"$sum": 1},
                    "partners": {"$addToSet": "$partner_id"},
                }
            },
            await models.lookup(SMES, "_id", "_id", "sme"),
            *([] if region is None else [{"$match": within("sme.kabupaten_code", region)}]),
            {"$unwind": {"path": "$sme", "preserveNullAndEmptyArrays": True}},
            {
                "$group": {
                    "_id": "$sme.kecamatan_code",
                    "umkm": {"$sum": 1},
                    "active": {"$sum": "$active"},
                    "partners": {"$push": "$partners"},
                }
            },
        ],
    )
    named = sorted({p for g in groups for per_sme in g["partners"] for p in per_sme})
    names = {k: str(v.get("name", k)) for k, v in (await models.by_id(PARTNERS, named)).items()}
    rows = [_kecamatan_row(g, names) for g in groups]
    # SMEs whose registration has not been projected yet come last, under `-`.
    return sorted(rows, key=lambda r: (r.kabupaten_code is None, r.kecamatan_code))
