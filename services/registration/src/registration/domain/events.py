"""Domain events: what happened to an SME, in the register's own vocabulary."""

from dataclasses import dataclass
from datetime import date, datetime

from registration.domain.values import Contacts, Financials, Licences, Scale


@dataclass(frozen=True)
class SmeRegistered:
    """A business was put on the register."""

    sme_id: str
    business_name: str
    kbli: str
    kabupaten_code: str
    kecamatan_code: str
    desa_code: str | None
    nik_pseudonym: str
    nik_masked: str
    licences: Licences
    contacts: Contacts | None
    financials: Financials | None
    scale: Scale | None
    registered_at: datetime
    joined_on: date


@dataclass(frozen=True)
class SmeProfileUpdated:
    """Parts of a profile changed; None means that part did not."""

    sme_id: str
    business_name: str | None
    kbli: str | None
    financials: Financials | None
    scale: Scale | None
    licences: Licences | None
    contacts: Contacts | None


@dataclass(frozen=True)
class SmeScaleChanged:
    """The PP 7/2021 class moved."""

    sme_id: str
    before: Scale
    after: Scale


@dataclass(frozen=True)
class SmeConsentChanged:
    """Consent to one purpose was given or withdrawn."""

    sme_id: str
    purpose: str
    granted: bool
    legal_basis: str
    changed_at: datetime


@dataclass(frozen=True)
class SmeWithdrawn:
    """The SME left the active register."""

    sme_id: str
    reason: str
    withdrawn_at: datetime


DomainEvent = SmeRegistered | SmeProfileUpdated | SmeScaleChanged | SmeConsentChanged | SmeWithdrawn
