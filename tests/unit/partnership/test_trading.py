"""Listings and monthly sales of an active partnership; a correction replaces the month."""

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from partnership.domain.commands import ListProduct, ProductSales, ReportSales
from partnership.service import PartnershipService
from tests.unit.partnership.fakes import ADMIN, KERIPIK, FakePartnerships, at, service
from umkm_shared.errors import RefusalError

OPAK = ListProduct("IDM-000124", "Opak Singkong 200 g", 9000, ("Indomaret Cikarang Baru",))


def _last_event(svc: PartnershipService) -> dict[str, Any]:
    assert isinstance(svc.partnerships, FakePartnerships)
    data: dict[str, Any] = json.loads(svc.partnerships.published[-1]["payload"])["data"]
    return data


async def test_a_correction_replaces_the_months_figure_and_never_adds_to_it() -> None:
    svc = service()
    partner_id, p = await at(svc, "active")
    pid = p.partnership_id
    await svc.list_product(ADMIN, partner_id, pid, KERIPIK)
    await svc.list_product(ADMIN, partner_id, pid, OPAK)
    both = (ProductSales(KERIPIK.sku, 40, 500000), ProductSales(OPAK.sku, 10, 90000))
    await svc.report_sales(ADMIN, partner_id, pid, ReportSales("2022-09", both))
    fixed = ReportSales("2022-09", (ProductSales(KERIPIK.sku, 48, 600000),))
    corrected = await svc.report_sales(ADMIN, partner_id, pid, fixed)

    assert corrected.month_total("2022-09").gross_sales == 690000
    assert corrected.sales_to_date().units_sold == 58
    event = _last_event(svc)
    assert (event["period"], event["units_sold"], event["gross_sales"]) == ("2022-09", 58, 690000)
    assert sorted(p["gross_sales"] for p in event["products"]) == [90000, 600000]


async def test_listing_a_sku_again_keeps_its_product_id_and_takes_the_new_price() -> None:
    svc = service()
    partner_id, p = await at(svc, "active")
    first = await svc.list_product(ADMIN, partner_id, p.partnership_id, KERIPIK)
    dearer = ListProduct(KERIPIK.sku, KERIPIK.name, 13000, KERIPIK.outlets)
    second = await svc.list_product(ADMIN, partner_id, p.partnership_id, dearer)
    assert len(second.listings) == 1
    assert second.listings[0].product_id == first.listings[0].product_id
    assert second.listings[0].unit_price == 13000


@pytest.mark.parametrize(
    ("sales", "field"),
    [
        (ReportSales("2022-09", (ProductSales("IDM-UNKNOWN", 1, 1000),)), "products"),
        (ReportSales("2022-09", (ProductSales(KERIPIK.sku, 1, 1),) * 2), "products"),
        (ReportSales("2022-08", (ProductSales(KERIPIK.sku, 1, 1000),)), "period"),
        (ReportSales("2022-10", (ProductSales(KERIPIK.sku, 1, 1000),)), "period"),
    ],
    ids=["unlisted product", "product twice", "before the agreement", "future month"],
)
async def test_sales_that_break_a_rule_are_refused(sales: ReportSales, field: str) -> None:
    svc = service()
    partner_id, p = await at(svc, "active")
    await svc.list_product(ADMIN, partner_id, p.partnership_id, KERIPIK)
    with pytest.raises(RefusalError) as refused:
        await svc.report_sales(ADMIN, partner_id, p.partnership_id, sales)
    assert refused.value.kind == "invalid"
    assert refused.value.errors[0].field == field


async def test_a_product_can_only_be_listed_at_the_agreements_outlets_for_a_price() -> None:
    svc = service()
    partner_id, p = await at(svc, "active")
    elsewhere = ListProduct("IDM-9", "Keripik", 12500, ("Alfamart Cibitung",))
    free = ListProduct("IDM-9", "Keripik", 0, ("Indomaret Tambun",))
    for cmd, field in ((elsewhere, "outlets"), (free, "unit_price")):
        with pytest.raises(RefusalError) as refused:
            await svc.list_product(ADMIN, partner_id, p.partnership_id, cmd)
        assert refused.value.errors[0].field == field


async def test_a_new_months_sales_are_taken_just_after_midnight_in_jakarta() -> None:
    svc = service()
    partner_id, p = await at(svc, "active")
    await svc.list_product(ADMIN, partner_id, p.partnership_id, KERIPIK)
    svc.clock = lambda: datetime(2022, 9, 30, 17, 30, tzinfo=UTC)  # 1 October, 00:30 WIB
    october = ReportSales("2022-10", (ProductSales(KERIPIK.sku, 5, 62500),))

    reported = await svc.report_sales(ADMIN, partner_id, p.partnership_id, october)

    assert reported.month_total("2022-10").units_sold == 5
