"""Domain events to the v1 partnership contracts, and into one write's outbox entries."""

from collections.abc import Sequence
from typing import Any, cast

from pydantic import BaseModel

from partnership.domain import events as ev
from partnership.domain.curation import CheckItem
from partnership.domain.partnership import Curation, Partnership
from umkm_shared.contracts import partnership as v1
from umkm_shared.contracts.topics import Context, TopicNames
from umkm_shared.messaging.outbox import outbox_entries

REQUIREMENTS = ("nib", "halal", "pirt_or_bpom", "standard_packaging", "steady_supply")
ELIGIBILITY = ("scale_class", "not_withdrawn")


def _note(item: CheckItem) -> str:
    return f"{item.pesan} / {item.message}"[:500]


def _curated(p: Partnership, curation: Curation) -> v1.PartnershipCurated:
    items = curation.items
    return v1.PartnershipCurated(
        partnership_id=p.partnership_id,
        sme_id=p.sme_id,
        requirements=[
            v1.RequirementCheck(requirement=cast(Any, i.item), met=i.met, note=_note(i))
            for i in items
            if i.item in REQUIREMENTS
        ],
        eligibility=[
            v1.EligibilityCheck(check=cast(Any, i.item), met=i.met, note=_note(i))
            for i in items
            if i.item in ELIGIBILITY
        ],
        result="passed" if curation.passed else "failed",
        curated_at=curation.curated_at,
    )


def _established(e: ev.PartnershipEstablished) -> v1.PartnershipEstablished:
    p, agreement = e.partnership, e.agreement
    return v1.PartnershipEstablished(
        partnership_id=p.partnership_id,
        partner_id=p.partner_id,
        sme_id=p.sme_id,
        pattern=p.pattern,
        agreement_number=agreement.agreement_number,
        start_date=agreement.start_date,
        end_date=agreement.end_date,
        payment_terms_days=agreement.payment_terms_days,
        shelf_space=agreement.shelf_space,
        outlets=list(agreement.outlets),
        partner_sector=e.partner.sector,
    )


def _sales(p: Partnership, period: str) -> v1.SalesReported:
    total, month = p.month_total(period), p.sales.get(period, {})
    ids = {item.sku: item.product_id for item in p.listings}
    return v1.SalesReported(
        partnership_id=p.partnership_id,
        sme_id=p.sme_id,
        period=period,
        units_sold=total.units_sold,
        gross_sales=total.gross_sales,
        products=[
            v1.ProductSalesFigures(
                product_id=ids[sku], units_sold=f.units_sold, gross_sales=f.gross_sales
            )
            for sku, f in sorted(month.items())
        ],
    )


def to_contract(event: ev.DomainEvent) -> BaseModel:  # noqa: PLR0911 - one case per event
    """The published form of one domain event."""
    match event:
        case ev.PartnerJoined(partner=partner):
            return v1.PartnerRegistered(
                partner_id=partner.partner_id,
                name=partner.name,
                company_type=partner.company_type,
                kabupaten_code=partner.kabupaten_code,
                sector=partner.sector,
            )
        case ev.PartnershipProposed(partnership=p):
            return v1.PartnershipProposed(
                partnership_id=p.partnership_id,
                partner_id=p.partner_id,
                sme_id=p.sme_id,
                pattern=p.pattern,
                proposed_at=p.proposed_at,
                products=list(p.products),
                outlets=list(p.outlets),
            )
        case ev.PartnershipCurated(partnership=p, curation=curation):
            return _curated(p, curation)
        case ev.PartnershipEstablished():
            return _established(event)
        case ev.ProductListed(partnership=p, listing=item):
            return v1.ProductListed(
                partnership_id=p.partnership_id,
                sme_id=p.sme_id,
                product_id=item.product_id,
                product_name=item.name,
                unit_price=item.unit_price,
                listed_on=item.listed_on,
                sku=item.sku,
                outlets=list(item.outlets),
            )
        case ev.SalesReported(partnership=p, period=period):
            return _sales(p, period)
        case ev.PartnershipEnded(partnership=p, ended_on=ended_on, reason=reason):
            return v1.PartnershipEnded(
                partnership_id=p.partnership_id, sme_id=p.sme_id, ended_on=ended_on, reason=reason
            )


def outbox(
    topics: TopicNames, events: Sequence[ev.DomainEvent], version: int
) -> list[dict[str, str]]:
    """The outbox entries of one write; `version` is the aggregate's version before it."""
    topic = topics.events(Context.PARTNERSHIP)
    return outbox_entries([(topic, to_contract(e)) for e in events], {topic: version})
