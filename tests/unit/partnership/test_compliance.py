"""The regency's compliance view: per partner and per kecamatan."""

from partnership.domain.commands import ProductSales, ProposePartnership, ReportSales
from tests.unit.partnership.fakes import (
    ADMIN,
    KERIPIK,
    at,
    licensed_sme,
    register_partner_command,
    service,
)


async def test_the_view_counts_active_partnerships_umkm_products_and_sales_to_date() -> None:
    svc = service()
    partner_id, p = await at(svc, "active")
    await svc.list_product(ADMIN, partner_id, p.partnership_id, KERIPIK)
    sales = ReportSales("2022-09", (ProductSales(KERIPIK.sku, 40, 500000),))
    await svc.report_sales(ADMIN, partner_id, p.partnership_id, sales)
    other_sme = await licensed_sme(svc)
    await svc.propose(ADMIN, partner_id, ProposePartnership(other_sme, "waralaba", ("Opak",), ()))
    idle = await svc.register_partner(ADMIN, register_partner_command("Papaya Mart"))

    view = await svc.compliance(ADMIN, "32.16")
    rows = {row.name: row for row in view.partners}
    indomaret = rows["Indomaret"]
    assert indomaret.active_partnerships == 1
    assert indomaret.active_by_pattern == {"perdagangan_umum": 1}
    assert (indomaret.umkm_partnered, indomaret.products_listed) == (1, 1)
    assert indomaret.sales_to_date == 500000
    assert rows[idle.name].active_partnerships == 0
    assert [(k.kecamatan_code, k.umkm_partnered) for k in view.kecamatan] == [("32.16.01", 1)]


async def test_another_kabupaten_sees_none_of_bekasis_partnerships() -> None:
    svc = service()
    await at(svc, "active")
    view = await svc.compliance(ADMIN, "32.73")
    assert view.kecamatan == []
    assert all(row.active_partnerships == 0 for row in view.partners)
