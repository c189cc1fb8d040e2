"""PP 7/2021 (Pasal 35) size classes, computed from the raw figures under a named rule version."""

from registration.domain.values import Financials, Scale
from umkm_shared.contracts.vocabularies import SCALE_RANK

RULE_VERSION = "PP7-2021.v1"
"""Class by capital and class by annual sales, whichever is higher.

The program is a support program, where PP 7/2021 applies the sales criterion as well as the
capital one; taking the higher keeps a business with large sales out of `mikro`.
"""

_MILIAR = 1_000_000_000
# Upper bounds (inclusive) per class: (capital excl. land & buildings, annual sales).
_BOUNDS = (
    ("mikro", 1 * _MILIAR, 2 * _MILIAR),
    ("kecil", 5 * _MILIAR, 15 * _MILIAR),
    ("menengah", 10 * _MILIAR, 50 * _MILIAR),
)


def _class_by(amount: int, column: int) -> str:
    for name, *limits in _BOUNDS:
        if amount <= limits[column]:
            return name
    return "besar"


def classify(figures: Financials) -> Scale:
    """The size class of a business with these figures, under RULE_VERSION."""
    by_capital = _class_by(figures.business_capital, 0)
    by_sales = _class_by(figures.annual_sales, 1)
    scale_class = max(by_capital, by_sales, key=SCALE_RANK.__getitem__)
    return Scale(
        scale_class=scale_class,
        rule_version=RULE_VERSION,
        business_capital=figures.business_capital,
        annual_sales=figures.annual_sales,
        as_of=figures.as_of,
    )
