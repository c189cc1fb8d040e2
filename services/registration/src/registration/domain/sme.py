"""The SME aggregate, the command that registers one, and the event that records it."""

import re
from dataclasses import dataclass
from datetime import datetime

from registration.domain.errors import FieldError, InvalidRegistrationError
from registration.domain.identity import check_nik, mask, pseudonymise
from registration.domain.regions import check_region


@dataclass(frozen=True)
class RegisterSme:
    """Command: put a business on the register."""

    business_name: str
    owner_nik: str
    kbli: str
    kabupaten_code: str
    kecamatan_code: str
    nib: str | None = None


@dataclass(frozen=True)
class SmeRegistered:
    """Domain event: a business was put on the register."""

    sme_id: str
    business_name: str
    nib: str | None
    kbli: str
    kabupaten_code: str
    kecamatan_code: str
    nik_pseudonym: str
    nik_masked: str
    registered_at: datetime


@dataclass(frozen=True)
class Sme:
    """A registered business. `version` counts the events it has emitted."""

    sme_id: str
    business_name: str
    nib: str | None
    kbli: str
    kabupaten_code: str
    kecamatan_code: str
    owner_nik: str  # raw: never leaves this service; encrypted by the repository
    nik_pseudonym: str
    nik_masked: str
    registered_at: datetime
    version: int


def validate(cmd: RegisterSme) -> list[FieldError]:
    """Every problem with the command, so a clerk can fix them all at once."""
    errors: list[FieldError] = []
    if not cmd.business_name.strip():
        errors.append(
            FieldError("business_name", "Nama usaha wajib diisi.", "Business name is required.")
        )
    if (nik_error := check_nik(cmd.owner_nik)) is not None:
        errors.append(nik_error)
    if cmd.nib is not None and not re.fullmatch(r"\d{13}", cmd.nib):
        errors.append(FieldError("nib", "NIB harus 13 digit angka.", "NIB must be 13 digits."))
    if not re.fullmatch(r"\d{5}", cmd.kbli):
        errors.append(
            FieldError("kbli", "KBLI 2020 harus 5 digit angka.", "KBLI 2020 must be 5 digits.")
        )
    errors.extend(check_region(cmd.kabupaten_code, cmd.kecamatan_code))
    return errors


def register_sme(
    cmd: RegisterSme, sme_id: str, now: datetime, pseudonym_key: bytes
) -> tuple[Sme, SmeRegistered]:
    """Validate the command and return the new SME with the event that records it."""
    errors = validate(cmd)
    if errors:
        raise InvalidRegistrationError(errors)
    pseudonym = pseudonymise(cmd.owner_nik, pseudonym_key)
    sme = Sme(
        sme_id=sme_id,
        business_name=cmd.business_name.strip(),
        nib=cmd.nib,
        kbli=cmd.kbli,
        kabupaten_code=cmd.kabupaten_code,
        kecamatan_code=cmd.kecamatan_code,
        owner_nik=cmd.owner_nik,
        nik_pseudonym=pseudonym,
        nik_masked=mask(cmd.owner_nik),
        registered_at=now,
        version=1,
    )
    event = SmeRegistered(
        sme_id=sme.sme_id,
        business_name=sme.business_name,
        nib=sme.nib,
        kbli=sme.kbli,
        kabupaten_code=sme.kabupaten_code,
        kecamatan_code=sme.kecamatan_code,
        nik_pseudonym=pseudonym,
        nik_masked=sme.nik_masked,
        registered_at=now,
    )
    return sme, event
