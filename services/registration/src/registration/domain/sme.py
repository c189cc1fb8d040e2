"""The SME aggregate and the decisions made on it. Pure: no I/O, time passed in."""

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TypeVar, get_args

from registration.domain.commands import (
    ChangeConsent,
    RegisterSme,
    UpdateProfile,
    WithdrawSme,
)
from registration.domain.errors import FieldProblem, InvalidRegistrationError, SmeWithdrawnError
from registration.domain.events import (
    DomainEvent,
    SmeConsentChanged,
    SmeProfileUpdated,
    SmeRegistered,
    SmeScaleChanged,
    SmeWithdrawn,
)
from registration.domain.identity import mask, pseudonymise
from registration.domain.reference import ReferenceData
from registration.domain.scale import classify
from registration.domain.validation import (
    free_text,
    no_changes,
    valid_registration,
    valid_update,
)
from registration.domain.values import Contacts, Financials, Licences, Scale
from umkm_shared.contracts.registration import ConsentPurpose
from umkm_shared.programme_time import programme_day

T = TypeVar("T")
CONSENT_PURPOSES: tuple[str, ...] = get_args(ConsentPurpose)


@dataclass(frozen=True)
class Sme:
    """A registered business. `version` counts the events it has emitted."""

    sme_id: str
    business_name: str
    kbli: str
    kabupaten_code: str
    kecamatan_code: str
    desa_code: str | None
    owner_nik: str  # raw: never leaves this service; the repository encrypts it
    nik_pseudonym: str
    nik_masked: str
    registered_at: datetime
    joined_on: date  # programme time: the day it joined the programme (Asia/Jakarta)
    licences: Licences = field(default_factory=Licences)
    contacts: Contacts | None = None
    financials: Financials | None = None
    scale: Scale | None = None
    consents: frozenset[str] = field(default_factory=frozenset)
    withdrawn: bool = False
    version: int = 0


Decision = tuple[Sme, list[DomainEvent]]


def register_sme(
    cmd: RegisterSme, sme_id: str, now: datetime, pseudonym_key: bytes, reference: ReferenceData
) -> Decision:
    """A new SME from a valid command, with the event that records it.

    It joined the programme on the command's `joined_on`, else today in Asia/Jakarta.
    """
    today = programme_day(now)
    cmd, contacts = valid_registration(cmd, today, reference)
    scale = classify(cmd.financials) if cmd.financials is not None else None
    sme = Sme(
        sme_id=sme_id,
        business_name=cmd.business_name,
        kbli=cmd.kbli,
        kabupaten_code=cmd.kabupaten_code,
        kecamatan_code=cmd.kecamatan_code,
        desa_code=cmd.desa_code,
        owner_nik=cmd.owner_nik,
        nik_pseudonym=pseudonymise(cmd.owner_nik, pseudonym_key),
        nik_masked=mask(cmd.owner_nik),
        registered_at=now,
        joined_on=cmd.joined_on or today,
        licences=Licences(nib=cmd.nib),
        contacts=contacts,
        financials=cmd.financials,
        scale=scale,
        version=1,
    )
    event = SmeRegistered(
        sme_id=sme_id,
        business_name=sme.business_name,
        kbli=sme.kbli,
        kabupaten_code=sme.kabupaten_code,
        kecamatan_code=sme.kecamatan_code,
        desa_code=sme.desa_code,
        nik_pseudonym=sme.nik_pseudonym,
        nik_masked=sme.nik_masked,
        licences=sme.licences,
        contacts=contacts,
        financials=sme.financials,
        scale=scale,
        registered_at=now,
        joined_on=sme.joined_on,
    )
    return sme, [event]


def update_profile(
    sme: Sme, cmd: UpdateProfile, now: datetime, reference: ReferenceData
) -> Decision:
    """Apply the sections that differ; a class move also emits SmeScaleChanged."""
    _refuse_if_withdrawn(sme)
    if no_changes(cmd):
        raise InvalidRegistrationError(
            [FieldProblem("body", "Tidak ada data yang diubah.", "The update changes nothing.")]
        )
    cmd = valid_update(cmd, programme_day(now), reference)
    name, kbli = _changed(cmd.business_name, sme.business_name), _changed(cmd.kbli, sme.kbli)
    financials = _changed(cmd.financials, sme.financials)
    licences, contacts = _changed(cmd.licences, sme.licences), _changed(cmd.contacts, sme.contacts)
    if (name, kbli, financials, licences, contacts) == (None,) * 5:
        return sme, []
    scale = classify(financials) if financials is not None else sme.scale
    updated = replace(
        sme,
        business_name=name or sme.business_name,
        kbli=kbli or sme.kbli,
        financials=financials or sme.financials,
        licences=licences or sme.licences,
        contacts=contacts or sme.contacts,
        scale=scale,
    )
    events: list[DomainEvent] = [
        SmeProfileUpdated(
            sme_id=sme.sme_id,
            business_name=name,
            kbli=kbli,
            financials=financials,
            scale=scale if financials is not None else None,
            licences=licences,
            contacts=contacts,
        )
    ]
    if sme.scale is not None and scale is not None and scale.scale_class != sme.scale.scale_class:
        events.append(SmeScaleChanged(sme_id=sme.sme_id, before=sme.scale, after=scale))
    return _versioned(updated, events)


def change_consent(sme: Sme, cmd: ChangeConsent, now: datetime) -> Decision:
    """Record a consent change; repeating the current state changes nothing."""
    if cmd.purpose not in CONSENT_PURPOSES:
        raise InvalidRegistrationError(
            [
                FieldProblem(
                    "purpose",
                    f"Tujuan persetujuan tidak dikenal; yang ada: {', '.join(CONSENT_PURPOSES)}.",
                    f"Unknown consent purpose; known: {', '.join(CONSENT_PURPOSES)}.",
                )
            ]
        )
    if problems := free_text("legal_basis", cmd.legal_basis):
        raise InvalidRegistrationError(problems)
    if (cmd.purpose in sme.consents) == cmd.granted:
        return sme, []
    if cmd.granted:
        _refuse_if_withdrawn(sme)
    consents = sme.consents | {cmd.purpose} if cmd.granted else sme.consents - {cmd.purpose}
    event = SmeConsentChanged(sme.sme_id, cmd.purpose, cmd.granted, cmd.legal_basis, now)
    return _versioned(replace(sme, consents=frozenset(consents)), [event])


def withdraw(sme: Sme, cmd: WithdrawSme, now: datetime) -> Decision:
    """Take the SME off the active register; consents end with it. Repeating is a no-op."""
    if sme.withdrawn:
        return sme, []
    if not cmd.reason.strip():
        raise InvalidRegistrationError(
            [FieldProblem("reason", "Alasan wajib diisi.", "A reason is required.")]
        )
    if problems := free_text("reason", cmd.reason, multiline=True):
        raise InvalidRegistrationError(problems)
    events: list[DomainEvent] = [
        SmeConsentChanged(sme.sme_id, purpose, False, "penarikan dari program", now)
        for purpose in sorted(sme.consents)
    ]
    events.append(SmeWithdrawn(sme.sme_id, cmd.reason.strip(), now))
    return _versioned(replace(sme, withdrawn=True, consents=frozenset()), events)


def _changed(new: T | None, old: T | None) -> T | None:
    """`new` when it is given and differs from `old`, else None."""
    return new if new is not None and new != old else None


def _versioned(sme: Sme, events: list[DomainEvent]) -> Decision:
    return replace(sme, version=sme.version + len(events)), events


def _refuse_if_withdrawn(sme: Sme) -> None:
    if sme.withdrawn:
        raise SmeWithdrawnError(sme.sme_id)
