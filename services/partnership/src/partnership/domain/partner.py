"""A partner: a large (or medium) enterprise that partners with UMKM."""

from pydantic import BaseModel, ConfigDict

from partnership.domain.commands import RegisterPartner
from umkm_shared.contracts.partnership import PartnerCompanyType, PartnerSector


class Contact(BaseModel):
    """The partner's contact person."""

    model_config = ConfigDict(frozen=True)

    name: str
    phone: str
    email: str | None = None


class Partner(BaseModel):
    """A registered partner company."""

    model_config = ConfigDict(frozen=True)

    partner_id: str
    name: str
    company_type: PartnerCompanyType
    sector: PartnerSector
    nib: str
    kabupaten_code: str | None
    kecamatan_code: str | None
    contact_person: Contact


def register_partner(cmd: RegisterPartner, partner_id: str) -> Partner:
    """A new partner."""
    c = cmd.contact_person
    return Partner(
        partner_id=partner_id,
        name=cmd.name,
        company_type=cmd.company_type,
        sector=cmd.sector,
        nib=cmd.nib,
        kabupaten_code=cmd.kabupaten_code,
        kecamatan_code=cmd.kecamatan_code,
        contact_person=Contact(name=c.name, phone=c.phone, email=c.email),
    )
