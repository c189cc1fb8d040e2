"""Value objects of an SME's profile."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Financials:
    """Raw size figures at a date: capital excludes land and buildings (PP 7/2021)."""

    business_capital: int
    annual_sales: int
    employees: int
    as_of: date


@dataclass(frozen=True)
class Scale:
    """A PP 7/2021 size class with the figures and the rule version it was computed from."""

    scale_class: str
    rule_version: str
    business_capital: int
    annual_sales: int
    as_of: date


@dataclass(frozen=True)
class Licences:
    """Licence and certificate numbers; None where the business holds none."""

    nib: str | None = None
    halal_certificate: str | None = None
    pirt: str | None = None
    bpom: str | None = None


@dataclass(frozen=True)
class Contacts:
    """How to reach the business; the phone is normalised to +62."""

    phone: str
    email: str | None = None
