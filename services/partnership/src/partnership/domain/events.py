"""What happened inside the partnership service (mapped to the v1 contracts by the adapters)."""

from dataclasses import dataclass
from datetime import date

from partnership.domain.partner import Partner
from partnership.domain.partnership import Agreement, Curation, Listing, Partnership


@dataclass(frozen=True)
class PartnerJoined:
    """A partner was registered."""

    partner: Partner


@dataclass(frozen=True)
class PartnershipProposed:
    """A partnership was proposed."""

    partnership: Partnership


@dataclass(frozen=True)
class PartnershipCurated:
    """A curation was run, passed or failed."""

    partnership: Partnership
    curation: Curation


@dataclass(frozen=True)
class PartnershipEstablished:
    """The agreement was signed."""

    partnership: Partnership
    agreement: Agreement
    partner: Partner


@dataclass(frozen=True)
class ProductListed:
    """A product was listed."""

    partnership: Partnership
    listing: Listing


@dataclass(frozen=True)
class SalesReported:
    """A month's sales were reported (or corrected)."""

    partnership: Partnership
    period: str


@dataclass(frozen=True)
class PartnershipEnded:
    """The partnership ended."""

    partnership: Partnership
    ended_on: date
    reason: str


DomainEvent = (
    PartnerJoined
    | PartnershipProposed
    | PartnershipCurated
    | PartnershipEstablished
    | ProductListed
    | SalesReported
    | PartnershipEnded
)
