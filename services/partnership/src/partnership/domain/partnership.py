"""The partnership aggregate's state: one kemitraan between a partner and an SME."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from partnership.domain.curation import CheckItem
from umkm_shared.contracts.partnership import PartnershipPattern

Status = Literal["proposed", "curation_failed", "curated", "active", "ended"]
OPEN: tuple[Status, ...] = ("proposed", "curation_failed", "curated", "active")


class Value(BaseModel):
    """An immutable value."""

    model_config = ConfigDict(frozen=True)


class Curation(Value):
    """The last curation run."""

    items: tuple[CheckItem, ...]
    passed: bool
    curated_at: datetime


class Agreement(Value):
    """The signed partnership agreement."""

    agreement_number: str
    start_date: date
    end_date: date | None
    outlets: tuple[str, ...]
    payment_terms_days: int
    shelf_space: str | None = None


class Listing(Value):
    """A product listed with the partner."""

    product_id: str
    sku: str
    name: str
    unit_price: int
    outlets: tuple[str, ...]
    listed_on: date


class Figures(Value):
    """One product's sales in one month."""

    units_sold: int
    gross_sales: int


class Partnership(Value):
    """A partnership and everything it went through; `version` counts its events."""

    partnership_id: str
    partner_id: str
    sme_id: str
    pattern: PartnershipPattern
    products: tuple[str, ...]
    outlets: tuple[str, ...]
    kabupaten_code: str | None
    kecamatan_code: str | None
    proposed_at: datetime
    status: Status = "proposed"
    curation: Curation | None = None
    curations_run: int = 0
    agreement: Agreement | None = None
    listings: tuple[Listing, ...] = ()
    sales: dict[str, dict[str, Figures]] = {}
    """Period (YYYY-MM) -> SKU -> figures: one figure per product per month."""
    ended_on: date | None = None
    end_reason: str | None = None
    version: int = 0

    def listing(self, sku: str) -> Listing | None:
        """The listing of a SKU, if listed."""
        return next((item for item in self.listings if item.sku == sku), None)

    def month_total(self, period: str) -> Figures:
        """The month's figures summed over its products."""
        month = self.sales.get(period, {})
        return Figures(
            units_sold=sum(f.units_sold for f in month.values()),
            gross_sales=sum(f.gross_sales for f in month.values()),
        )

    def sales_to_date(self) -> Figures:
        """Every month's figures summed."""
        totals = [self.month_total(period) for period in self.sales]
        return Figures(
            units_sold=sum(f.units_sold for f in totals),
            gross_sales=sum(f.gross_sales for f in totals),
        )
