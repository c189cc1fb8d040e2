"""An active partnership's trade: products listed and monthly sales (corrections replace)."""

from datetime import date

from partnership.domain import errors
from partnership.domain.commands import ListProduct, ReportSales
from partnership.domain.events import ProductListed, SalesReported
from partnership.domain.lifecycle import Decision
from partnership.domain.partnership import Agreement, Figures, Listing, Partnership


def _agreement(p: Partnership, action: str, action_en: str) -> Agreement:
    """The agreement of an active partnership; any other state refuses the action."""
    if p.status != "active" or p.agreement is None:
        raise errors.wrong_state(p.status, action, action_en, "aktif", "it is active")
    return p.agreement


def list_product(p: Partnership, cmd: ListProduct, product_id: str, today: date) -> Decision:
    """List a product at outlets of the agreement; a SKU listed again keeps its product id."""
    agreement = _agreement(p, "mendaftarkan produk", "list a product")
    if cmd.unit_price <= 0:
        raise errors.invalid(
            "unit_price", "Harga harus lebih dari nol", "The price must be above 0"
        )
    if not cmd.outlets or not set(cmd.outlets) <= set(agreement.outlets):
        raise errors.invalid(
            "outlets",
            "Gerai harus diisi dan termasuk gerai dalam perjanjian",
            "Outlets are required and must be outlets of the agreement",
        )
    earlier = p.listing(cmd.sku)
    listing = Listing(
        product_id=earlier.product_id if earlier else product_id,
        sku=cmd.sku,
        name=cmd.name,
        unit_price=cmd.unit_price,
        outlets=cmd.outlets,
        listed_on=cmd.listed_on or today,
    )
    others = tuple(item for item in p.listings if item.sku != cmd.sku)
    listed = p.model_copy(update={"listings": (*others, listing)})
    return listed, [ProductListed(listed, listing)]


def report_sales(p: Partnership, cmd: ReportSales, today: date) -> Decision:
    """Set the month's figures of the products reported; a correction replaces, never adds."""
    agreement = _agreement(p, "melaporkan penjualan", "report sales")
    if not agreement.start_date.strftime("%Y-%m") <= cmd.period <= today.strftime("%Y-%m"):
        raise errors.invalid(
            "period",
            "Bulan laporan harus antara awal perjanjian dan bulan ini",
            "The month must lie between the agreement's start and this month",
        )
    skus = [line.sku for line in cmd.products]
    negative = any(line.units_sold < 0 or line.gross_sales < 0 for line in cmd.products)
    if not skus or len(set(skus)) != len(skus) or negative:
        raise errors.invalid(
            "products",
            "Laporkan tiap produk tepat satu kali, dengan angka tidak negatif",
            "Report each product exactly once, with figures of 0 or more",
        )
    if any(p.listing(sku) is None for sku in skus):
        raise errors.invalid(
            "products",
            "Hanya produk yang terdaftar dapat dilaporkan",
            "Only listed products can be reported",
        )
    month = dict(p.sales.get(cmd.period, {}))
    for line in cmd.products:
        month[line.sku] = Figures(units_sold=line.units_sold, gross_sales=line.gross_sales)
    reported = p.model_copy(update={"sales": {**p.sales, cmd.period: month}})
    return reported, [SalesReported(reported, cmd.period)]
