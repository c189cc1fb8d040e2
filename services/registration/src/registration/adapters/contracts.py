"""Domain events to published contracts: the only place the two vocabularies meet."""

from pydantic import BaseModel

from registration.domain import events as domain
from registration.domain.values import Contacts, Financials, Scale
from umkm_shared.contracts import registration as contract


def _financials(f: Financials | None) -> contract.FinancialFigures | None:
    if f is None:
        return None
    return contract.FinancialFigures(
        business_capital=f.business_capital,
        annual_sales=f.annual_sales,
        employees=f.employees,
        as_of=f.as_of,
    )


def _contacts(c: Contacts | None) -> contract.Contacts | None:
    return None if c is None else contract.Contacts(phone=c.phone, email=c.email)


def _scale_fields(scale: Scale | None) -> dict[str, str | None]:
    if scale is None:
        return {"scale_class": None, "scale_rule_version": None}
    return {"scale_class": scale.scale_class, "scale_rule_version": scale.rule_version}


def to_contract(event: domain.DomainEvent) -> BaseModel:
    """The public form of a domain event: pseudonym and mask, never the NIK."""
    match event:
        case domain.SmeRegistered():
            return contract.SMERegistered(
                sme_id=event.sme_id,
                business_name=event.business_name,
                nib=event.licences.nib,
                kbli=event.kbli,
                kabupaten_code=event.kabupaten_code,
                kecamatan_code=event.kecamatan_code,
                desa_code=event.desa_code,
                owner=contract.OwnerIdentity(
                    nik_pseudonym=event.nik_pseudonym, nik_masked=event.nik_masked
                ),
                contacts=_contacts(event.contacts),
                financials=_financials(event.financials),
                registered_at=event.registered_at,
                joined_on=event.joined_on,
                **_scale_fields(event.scale),
            )
        case domain.SmeProfileUpdated():
            licences = None
            if event.licences is not None:
                licences = contract.Licences(**vars(event.licences))
            return contract.SMEProfileUpdated(
                sme_id=event.sme_id,
                business_name=event.business_name,
                kbli=event.kbli,
                financials=_financials(event.financials),
                licences=licences,
                contacts=_contacts(event.contacts),
                **_scale_fields(event.scale),
            )
        case domain.SmeScaleChanged():
            return contract.SMEScaleChanged(
                sme_id=event.sme_id,
                from_class=event.before.scale_class,
                to_class=event.after.scale_class,
                business_capital=event.after.business_capital,
                annual_sales=event.after.annual_sales,
                figures_as_of=event.after.as_of,
                rule_version=event.after.rule_version,
            )
        case domain.SmeConsentChanged():
            return contract.SMEConsentChanged(
                sme_id=event.sme_id,
                purpose=event.purpose,
                granted=event.granted,
                legal_basis=event.legal_basis,
                changed_at=event.changed_at,
            )
        case domain.SmeWithdrawn():
            return contract.SMEWithdrawn(
                sme_id=event.sme_id, reason=event.reason, withdrawn_at=event.withdrawn_at
            )
