"""The partnership and partner documents the compliance view aggregates, folded in memory."""

from datetime import UTC, date, datetime

from pydantic import BaseModel

from reporting.adapters.exports.layout import TABLES, pattern_summary
from reporting.adapters.exports.rows import ROWS
from reporting.domain.directory import fold_reference
from reporting.domain.partnerships import fold_partnership
from reporting.domain.values import Doc
from tests.unit.reporting.journeys import partner_events, partnership_events, sme_id
from umkm_shared.contracts.labels import label
from umkm_shared.contracts.partnership import (
    PartnershipCurated,
    PartnershipEnded,
    ProductSalesFigures,
    RequirementCheck,
    SalesReported,
)

SME = sme_id(2)
PID = "partnership-000000000002"


def _fold(events: list[BaseModel], doc: Doc | None = None) -> Doc:
    for data in events:
        doc = fold_partnership(doc, PID, SME, data)
    assert doc is not None
    return doc


def _sales(period: str, units: int, gross: int) -> SalesReported:
    figures = ProductSalesFigures(
        product_id="product-000000000002", units_sold=units, gross_sales=gross
    )
    return SalesReported(
        partnership_id=PID,
        sme_id=SME,
        period=period,
        units_sold=units,
        gross_sales=gross,
        products=[figures],
    )


def _curated(result: str, halal: bool) -> PartnershipCurated:
    return PartnershipCurated(
        partnership_id=PID,
        sme_id=SME,
        requirements=[RequirementCheck(requirement="halal", met=halal)],
        result=result,
        curated_at=datetime(2022, 8, 15, 6, tzinfo=UTC),
    )


def test_a_partner_document_keeps_its_name_type_and_sector() -> None:
    [(_, indomaret, _), *_] = partner_events()
    doc = fold_reference(None, indomaret)
    assert (doc["name"], doc["company_type"], doc["sector"]) == (
        "Indomaret",
        "usaha_besar",
        "ritel_modern",
    )


def test_an_established_partnership_keeps_its_outlets_sector_skus_and_product_figures() -> None:
    doc = _fold(partnership_events(2, SME))
    assert (doc["status"], doc["is_active"], doc["pattern"]) == ("active", True, "perdagangan_umum")
    assert (doc["partner_sector"], doc["outlets"]) == ("ritel_modern", ["Alfamidi Cikarang Baru"])
    [product] = doc["products"]
    assert (product["sku"], product["outlets"]) == ("SKU-000002", ["Alfamidi Cikarang Baru"])
    assert doc["sales"][0]["products"] == [
        {"product_id": "product-000000000002", "units_sold": 480, "gross_sales": 6_000_000}
    ]


def test_a_corrected_month_replaces_its_figures_and_other_months_add_up() -> None:
    doc = _fold([*partnership_events(2, SME), _sales("2022-10", 100, 1_250_000)])
    doc = _fold([_sales("2022-09", 400, 5_000_000)], doc)  # September corrected
    assert (doc["units_sold"], doc["gross_sales"]) == (500, 6_250_000)
    assert [s["period"] for s in doc["sales"]] == ["2022-09", "2022-10"]


def test_an_ended_partnership_is_no_longer_active_and_keeps_its_sales() -> None:
    ended = PartnershipEnded(
        partnership_id=PID, sme_id=SME, ended_on=date(2023, 8, 31), reason="Masa berakhir"
    )
    doc = _fold([*partnership_events(2, SME), ended])
    assert (doc["status"], doc["is_active"], doc["gross_sales"]) == ("ended", False, 6_000_000)
    assert doc["product_count"] == 1


def test_a_failed_curation_run_again_after_halal_passes() -> None:
    proposed, *_ = partnership_events(2, SME)
    failed = _fold([proposed, _curated("failed", halal=False)])
    assert (failed["status"], failed["requirements_met"]) == ("curation_failed", 0)
    passed = _fold([_curated("passed", halal=True)], failed)
    assert (passed["status"], passed["requirements_met"]) == ("curated", 1)


def test_every_exported_table_has_its_rows_and_patterns_read_as_words() -> None:
    assert set(ROWS) == set(TABLES)
    assert label("partnership_pattern", "perdagangan_umum") == "Perdagangan umum"
    assert pattern_summary({"perdagangan_umum": 3, "rantai_pasok": 1}) == (
        "Perdagangan umum: 3, Rantai pasok: 1"
    )
