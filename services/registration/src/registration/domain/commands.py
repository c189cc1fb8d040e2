"""Commands: what Dinas staff ask the register to do."""

from dataclasses import dataclass
from datetime import date

from registration.domain.values import Contacts, Financials, Licences


@dataclass(frozen=True)
class RegisterSme:
    """Put a business on the register. Phone and figures are optional at registration."""

    business_name: str
    owner_nik: str
    kbli: str
    kabupaten_code: str
    kecamatan_code: str
    desa_code: str | None = None
    nib: str | None = None
    phone: str | None = None
    email: str | None = None
    financials: Financials | None = None
    joined_on: date | None = None
    """The day the SME joined the programme; None: the day it is registered (Asia/Jakarta)."""


@dataclass(frozen=True)
class UpdateProfile:
    """Change parts of a profile; a section left None stays as it is."""

    sme_id: str
    business_name: str | None = None
    kbli: str | None = None
    financials: Financials | None = None
    licences: Licences | None = None
    contacts: Contacts | None = None


@dataclass(frozen=True)
class ChangeConsent:
    """Record that the SME gave or withdrew consent to one purpose."""

    sme_id: str
    purpose: str
    granted: bool
    legal_basis: str = "persetujuan (UU 27/2022 Pasal 20 ayat 2 huruf a)"


@dataclass(frozen=True)
class WithdrawSme:
    """Take the SME off the active register (its history stays)."""

    sme_id: str
    reason: str
