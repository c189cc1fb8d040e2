"""Registering an SME: every field problem reported at once, the event carries no NIK."""

from dataclasses import asdict, replace
from datetime import UTC, date, datetime

import pytest

from registration.adapters.regions import LokalReference
from registration.domain.commands import RegisterSme
from registration.domain.errors import InvalidRegistrationError
from registration.domain.events import SmeRegistered
from registration.domain.sme import register_sme
from registration.domain.values import Financials

NOW = datetime(2022, 6, 20, 2, 0, tzinfo=UTC)
GOOD = RegisterSme(
    business_name="Keripik Tempe Bu Sari",
    owner_nik="3216014506900001",
    kbli="10792",
    kabupaten_code="32.16",
    kecamatan_code="32.16.01",
    desa_code="32.16.01.2001",
    nib="9120001234567",
    phone="0812-3456-7890",
)

LOKAL = LokalReference()


def _fields(cmd: RegisterSme) -> set[str]:
    with pytest.raises(InvalidRegistrationError) as caught:
        register_sme(cmd, "sme-000000000001", NOW, b"k", LOKAL)
    return {e.field for e in caught.value.errors}


def test_a_valid_command_yields_version_one_and_a_registered_event() -> None:
    sme, events = register_sme(GOOD, "sme-000000000001", NOW, b"k", LOKAL)
    assert sme.version == 1
    assert len(events) == 1
    assert isinstance(events[0], SmeRegistered)
    assert events[0].nik_masked == "3216********0001"


def test_the_phone_is_normalised_to_plus_62() -> None:
    sme, _ = register_sme(GOOD, "sme-000000000001", NOW, b"k", LOKAL)
    assert sme.contacts is not None
    assert sme.contacts.phone == "+6281234567890"


def test_the_event_never_carries_the_raw_nik() -> None:
    _, events = register_sme(GOOD, "sme-000000000001", NOW, b"k", LOKAL)
    assert "3216014506900001" not in repr(asdict(events[0]))


def test_figures_at_registration_give_a_scale_class_with_its_rule_version() -> None:
    figures = Financials(300_000_000, 900_000_000, 3, date(2022, 6, 1))
    sme, _ = register_sme(replace(GOOD, financials=figures), "sme-000000000001", NOW, b"k", LOKAL)
    assert sme.scale is not None
    assert (sme.scale.scale_class, sme.scale.rule_version) == ("mikro", "PP7-2021.v1")


def test_all_problems_are_reported_together() -> None:
    bad = replace(GOOD, business_name=" ", nib="123", kbli="1079", kecamatan_code="32.73.01")
    assert _fields(bad) == {"business_name", "nib", "kbli", "kecamatan_code"}


def test_an_unknown_kabupaten_code_is_refused() -> None:
    assert _fields(replace(GOOD, kabupaten_code="32.99")) == {"kabupaten_code"}


def test_a_desa_outside_the_kecamatan_is_refused() -> None:
    assert _fields(replace(GOOD, desa_code="32.16.02.2001")) == {"desa_code"}


def test_a_phone_that_is_not_indonesian_is_refused() -> None:
    assert _fields(replace(GOOD, phone="12")) == {"contacts.phone"}


def test_negative_money_and_future_figures_are_refused() -> None:
    figures = Financials(-1, 5, 0, date(2030, 1, 1))
    assert _fields(replace(GOOD, financials=figures)) == {
        "financials.business_capital",
        "financials.as_of",
    }


def test_a_nik_with_a_bad_birth_date_is_refused_under_the_request_field_name() -> None:
    assert _fields(replace(GOOD, owner_nik="3216017206900001")) == {"owner_nik"}
