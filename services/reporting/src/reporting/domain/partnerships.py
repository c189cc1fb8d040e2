"""One document per partnership (kemitraan), folded from the partnership topic."""

from pydantic import BaseModel

from reporting.domain.values import Doc, iso_time
from umkm_shared.contracts.partnership import (
    PartnershipCurated,
    PartnershipEnded,
    PartnershipEstablished,
    PartnershipProposed,
    ProductListed,
    SalesReported,
)


def _empty(partnership_id: str, sme_id: str) -> Doc:
    return {
        "_id": partnership_id,
        "sme_id": sme_id,
        "partner_id": None,
        "pattern": None,
        "status": "proposed",
        "proposed_at": None,
        "curation_result": None,
        "requirements_met": None,
        "agreement_number": None,
        "start_date": None,
        "end_date": None,
        "payment_terms_days": None,
        "partner_sector": None,
        "outlets": [],
        "ended_on": None,
        "end_reason": None,
        "products": [],
        "sales": [],
    }


def _totals(doc: Doc) -> Doc:
    doc["product_count"] = len(doc["products"])
    doc["units_sold"] = sum(s["units_sold"] for s in doc["sales"])
    doc["gross_sales"] = sum(s["gross_sales"] for s in doc["sales"])
    doc["is_active"] = doc["status"] == "active"
    return doc


def _apply(doc: Doc, data: BaseModel) -> None:
    if isinstance(data, PartnershipProposed):
        doc.update(partner_id=data.partner_id, pattern=data.pattern)
        doc["proposed_at"] = iso_time(data.proposed_at)
    elif isinstance(data, PartnershipCurated):
        doc["curation_result"] = data.result
        doc["requirements_met"] = sum(r.met for r in data.requirements)
        doc["status"] = "curated" if data.result == "passed" else "curation_failed"
    elif isinstance(data, PartnershipEstablished):
        # Contact person (personal data) is for the partner's staff, not for reports.
        doc.update(
            partner_id=data.partner_id,
            pattern=data.pattern,
            status="active",
            agreement_number=data.agreement_number,
            start_date=data.start_date.isoformat(),
            end_date=data.end_date.isoformat() if data.end_date else None,
            payment_terms_days=data.payment_terms_days,
            partner_sector=data.partner_sector,
            outlets=sorted(set(data.outlets)),
        )
    elif isinstance(data, ProductListed):
        product = {
            "product_id": data.product_id,
            "product_name": data.product_name,
            "unit_price": data.unit_price,
            "listed_on": data.listed_on.isoformat(),
            "sku": data.sku,
            "outlets": sorted(set(data.outlets)),
        }
        others = [p for p in doc["products"] if p["product_id"] != data.product_id]
        doc["products"] = sorted([*others, product], key=lambda p: p["product_id"])
    elif isinstance(data, SalesReported):
        # A month reported again replaces the earlier figure (a correction), never adds to it.
        month = {
            "period": data.period,
            "units_sold": data.units_sold,
            "gross_sales": data.gross_sales,
            "products": [p.model_dump() for p in data.products],
        }
        others = [s for s in doc["sales"] if s["period"] != data.period]
        doc["sales"] = sorted([*others, month], key=lambda s: s["period"])
    elif isinstance(data, PartnershipEnded):
        doc.update(status="ended", ended_on=data.ended_on.isoformat(), end_reason=data.reason)


def fold_partnership(current: Doc | None, partnership_id: str, sme_id: str, data: BaseModel) -> Doc:
    """The partnership document after one of its events."""
    doc = dict(current) if current is not None else _empty(partnership_id, sme_id)
    _apply(doc, data)
    return _totals(doc)
