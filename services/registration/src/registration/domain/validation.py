"""Field rules shared by registration and profile updates; every problem reported at once."""

import re
from dataclasses import replace
from datetime import date

from registration.domain.commands import RegisterSme, UpdateProfile
from registration.domain.contact import check_email, normalise_phone
from registration.domain.errors import FieldProblem, InvalidRegistrationError
from registration.domain.identity import check_nik
from registration.domain.programme import check_joined_on
from registration.domain.reference import ReferenceData
from registration.domain.regions import check_region
from registration.domain.values import Contacts, Financials, Licences
from umkm_shared.text import contains_nik, has_control_characters


def free_text(field: str, value: str | None, *, multiline: bool = False) -> list[FieldProblem]:
    """Refuse control characters and NIK-shaped numbers (the API refuses them at its edge
    too; this also covers spreadsheet imports and stored names that predate the rule)."""
    if value is None:
        return []
    if has_control_characters(value, multiline=multiline):
        return [
            FieldProblem(
                field,
                "Teks tidak boleh berisi karakter kontrol.",
                "Text must not contain control characters.",
            )
        ]
    if contains_nik(value):
        return [
            FieldProblem(
                field,
                "Teks tidak boleh berisi NIK (nomor 16 digit); hapus nomornya.",
                "Text must not contain a NIK (a 16-digit national id number); remove it.",
            )
        ]
    return []


def _name(value: str) -> list[FieldProblem]:
    if value.strip() and len(value.strip()) <= 200:
        return free_text("business_name", value)
    return [
        FieldProblem(
            "business_name",
            "Nama usaha wajib diisi (maks. 200 huruf).",
            "Business name is required (200 characters at most).",
        )
    ]


def _licences(licences: Licences) -> list[FieldProblem]:
    errors = _nib(licences.nib, "licences.nib")
    for name in ("halal_certificate", "pirt", "bpom"):
        errors += free_text(f"licences.{name}", getattr(licences, name))
    return errors


def _kbli(value: str) -> list[FieldProblem]:
    if re.fullmatch(r"\d{5}", value):
        return []
    return [FieldProblem("kbli", "KBLI 2020 harus 5 digit angka.", "KBLI 2020 must be 5 digits.")]


def _nib(value: str | None, field: str = "nib") -> list[FieldProblem]:
    if value is None or re.fullmatch(r"\d{13}", value):
        return []
    return [FieldProblem(field, "NIB harus 13 digit angka.", "NIB must be 13 digits.")]


def check_financials(figures: Financials, today: date) -> list[FieldProblem]:
    """Money in whole Rupiah >= 0, a head count >= 0, and a date that is not in the future."""
    errors = [
        FieldProblem(
            f"financials.{name}",
            "Nilai rupiah tidak boleh negatif.",
            "Rupiah amounts cannot be negative.",
        )
        for name in ("business_capital", "annual_sales")
        if getattr(figures, name) < 0
    ]
    if figures.employees < 0:
        errors.append(
            FieldProblem(
                "financials.employees",
                "Jumlah karyawan tidak boleh negatif.",
                "Employees cannot be negative.",
            )
        )
    if figures.as_of > today:
        errors.append(
            FieldProblem(
                "financials.as_of",
                "Tanggal data tidak boleh di masa depan.",
                "The figures' date cannot be in the future.",
            )
        )
    return errors


def _contacts(
    phone: str, email: str | None, reference: ReferenceData
) -> Contacts | list[FieldProblem]:
    normalised = normalise_phone(phone, "contacts.phone", reference)
    errors = [normalised] if isinstance(normalised, FieldProblem) else []
    if email is not None:
        problems = free_text("contacts.email", email)
        if not problems and (problem := check_email(email, "contacts.email")):
            problems.append(problem)
        errors += problems
    if errors or isinstance(normalised, FieldProblem):
        return errors
    return Contacts(phone=normalised, email=email)


def valid_registration(
    cmd: RegisterSme, today: date, reference: ReferenceData
) -> tuple[RegisterSme, Contacts | None]:
    """The command with its phone normalised, or InvalidRegistrationError with every problem.

    `today` is the day in Asia/Jakarta: no date may lie after it."""
    errors = _name(cmd.business_name) + _nib(cmd.nib) + _kbli(cmd.kbli)
    if (nik_error := check_nik(cmd.owner_nik, reference)) is not None:
        errors.append(nik_error)
    errors += check_region(reference, cmd.kabupaten_code, cmd.kecamatan_code, cmd.desa_code)
    contacts: Contacts | None = None
    if cmd.phone is not None:
        checked = _contacts(cmd.phone, cmd.email, reference)
        if isinstance(checked, list):
            errors += checked
        else:
            contacts = checked
    elif cmd.email is not None:
        errors.append(
            FieldProblem(
                "contacts.phone",
                "Isi nomor telepon bersama email.",
                "Give a phone number along with the e-mail.",
            )
        )
    if cmd.financials is not None:
        errors += check_financials(cmd.financials, today)
    errors += check_joined_on(cmd.joined_on, today)
    if errors:
        raise InvalidRegistrationError(errors)
    return replace(cmd, business_name=cmd.business_name.strip()), contacts


def valid_update(cmd: UpdateProfile, today: date, reference: ReferenceData) -> UpdateProfile:
    """The update with its contacts normalised, or InvalidRegistrationError."""
    errors: list[FieldProblem] = []
    if cmd.business_name is not None:
        errors += _name(cmd.business_name)
    if cmd.kbli is not None:
        errors += _kbli(cmd.kbli)
    if cmd.financials is not None:
        errors += check_financials(cmd.financials, today)
    if cmd.licences is not None:
        errors += _licences(cmd.licences)
    contacts = cmd.contacts
    if contacts is not None:
        checked = _contacts(contacts.phone, contacts.email, reference)
        if isinstance(checked, list):
            errors += checked
        else:
            contacts = checked
    if errors:
        raise InvalidRegistrationError(errors)
    name = cmd.business_name.strip() if cmd.business_name is not None else None
    return replace(cmd, business_name=name, contacts=contacts)


def no_changes(cmd: UpdateProfile) -> bool:
    """True when the update names no section at all."""
    return all(
        v is None for v in (cmd.business_name, cmd.kbli, cmd.financials, cmd.licences, cmd.contacts)
    )
