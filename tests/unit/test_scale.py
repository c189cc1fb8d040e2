"""PP 7/2021 classes: capital and sales thresholds, the higher class wins."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registration.domain.scale import classify
from registration.domain.values import Financials
from umkm_shared.contracts.vocabularies import SCALE_RANK

M = 1_000_000_000
DAY = date(2022, 6, 30)


@pytest.mark.parametrize(
    ("capital", "sales", "expected"),
    [
        (1 * M, 2 * M, "mikro"),  # both exactly at the mikro limits
        (1 * M + 1, 0, "kecil"),
        (0, 2 * M + 1, "kecil"),
        (5 * M, 15 * M, "kecil"),
        (5 * M + 1, 0, "menengah"),
        (0, 50 * M, "menengah"),
        (10 * M + 1, 0, "besar"),
        (0, 50 * M + 1, "besar"),
    ],
)
def test_the_class_follows_pasal_35_thresholds(capital: int, sales: int, expected: str) -> None:
    assert classify(Financials(capital, sales, 1, DAY)).scale_class == expected


def test_the_classification_keeps_its_figures_date_and_rule_version() -> None:
    scale = classify(Financials(10, 20, 1, DAY))
    assert (scale.business_capital, scale.annual_sales, scale.as_of) == (10, 20, DAY)
    assert scale.rule_version == "PP7-2021.v1"


money = st.integers(min_value=0, max_value=100 * M)


@given(money, money, money)
def test_more_sales_never_lowers_the_class(capital: int, sales: int, extra: int) -> None:
    before = classify(Financials(capital, sales, 1, DAY)).scale_class
    after = classify(Financials(capital, sales + extra, 1, DAY)).scale_class
    assert SCALE_RANK[after] >= SCALE_RANK[before]
