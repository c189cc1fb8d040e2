"""The regency's compliance view (Perbup 73/2020): who partners with how many UMKM, where."""

from collections import Counter, defaultdict
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from partnership.domain.partner import Partner
from partnership.domain.partnership import Partnership


class PartnerCompliance(BaseModel):
    """One partner's partnering so far."""

    model_config = ConfigDict(frozen=True)

    partner_id: str
    name: str
    active_partnerships: int
    active_by_pattern: dict[str, int]
    umkm_partnered: int
    products_listed: int
    units_sold_to_date: int
    sales_to_date: int


class KecamatanCompliance(BaseModel):
    """How many UMKM of one kecamatan have an active partnership."""

    model_config = ConfigDict(frozen=True)

    kecamatan_code: str
    umkm_partnered: int


class ComplianceView(BaseModel):
    """Per partner and per kecamatan, optionally for one kabupaten."""

    model_config = ConfigDict(frozen=True)

    kabupaten_code: str | None
    partners: list[PartnerCompliance]
    kecamatan: list[KecamatanCompliance]


def _partner_row(partner: Partner, own: list[Partnership]) -> PartnerCompliance:
    active = [p for p in own if p.status == "active"]
    sales = [p.sales_to_date() for p in own]
    return PartnerCompliance(
        partner_id=partner.partner_id,
        name=partner.name,
        active_partnerships=len(active),
        active_by_pattern=dict(sorted(Counter(p.pattern for p in active).items())),
        umkm_partnered=len({p.sme_id for p in active}),
        products_listed=sum(len(p.listings) for p in active),
        units_sold_to_date=sum(f.units_sold for f in sales),
        sales_to_date=sum(f.gross_sales for f in sales),
    )


def compliance(
    partners: Iterable[Partner], partnerships: Iterable[Partnership], kabupaten: str | None
) -> ComplianceView:
    """Every partner of the regency (those without partnerships too: they are the gap)."""
    chosen = [p for p in partnerships if kabupaten is None or p.kabupaten_code == kabupaten]
    by_partner: dict[str, list[Partnership]] = defaultdict(list)
    for p in chosen:
        by_partner[p.partner_id].append(p)
    rows = [
        _partner_row(partner, by_partner.get(partner.partner_id, []))
        for partner in partners
        if kabupaten is None
        or partner.kabupaten_code in (None, kabupaten)
        or partner.partner_id in by_partner
    ]
    smes: dict[str, set[str]] = defaultdict(set)
    for p in chosen:
        if p.status == "active":
            smes[p.kecamatan_code or "-"].add(p.sme_id)
    return ComplianceView(
        kabupaten_code=kabupaten,
        partners=sorted(rows, key=lambda r: (-r.sales_to_date, r.name, r.partner_id)),
        kecamatan=[
            KecamatanCompliance(kecamatan_code=code, umkm_partnered=len(ids))
            for code, ids in sorted(smes.items())
        ],
    )
