"""What callers ask of the partnership service: imperative, already well-formed values."""

from dataclasses import dataclass
from datetime import date

from partnership.domain.curation import StaffChecks
from umkm_shared.contracts.partnership import PartnerCompanyType, PartnerSector


@dataclass(frozen=True)
class ContactPerson:
    """The partner's contact person (personal data: kept here, never in an event)."""

    name: str
    phone: str
    email: str | None = None


@dataclass(frozen=True)
class RegisterPartner:
    """Register a large (or medium) enterprise as a partner."""

    name: str
    company_type: PartnerCompanyType
    sector: PartnerSector
    nib: str
    kabupaten_code: str | None
    kecamatan_code: str | None
    contact_person: ContactPerson
    partner_id: str | None = None
    """The id the partner's identity-provider accounts carry in their `partner_id` claim."""


@dataclass(frozen=True)
class ProposePartnership:
    """Propose a partnership of the given pattern with an SME."""

    sme_id: str
    pattern: str
    products: tuple[str, ...]
    outlets: tuple[str, ...]


CuratePartnership = StaffChecks


@dataclass(frozen=True)
class EstablishPartnership:
    """Sign the agreement."""

    agreement_number: str
    start_date: date
    end_date: date | None
    outlets: tuple[str, ...]
    payment_terms_days: int
    no_ownership_or_control: bool
    """The partner declares it does not own or control the UMKM (PP 7/2021 forbids that)."""
    shelf_space: str | None = None


@dataclass(frozen=True)
class ListProduct:
    """List (or re-list, e.g. at a new price) one SME product with the partner."""

    sku: str
    name: str
    unit_price: int
    outlets: tuple[str, ...]
    listed_on: date | None = None


@dataclass(frozen=True)
class ProductSales:
    """One product's figures for the month."""

    sku: str
    units_sold: int
    gross_sales: int


@dataclass(frozen=True)
class ReportSales:
    """A month's sales per product; a second report of the month replaces the figures."""

    period: str
    products: tuple[ProductSales, ...]


@dataclass(frozen=True)
class EndPartnership:
    """End the partnership."""

    reason: str
    ended_on: date | None = None
