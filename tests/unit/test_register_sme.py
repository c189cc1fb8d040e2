"""Registering an SME: every field problem reported at once, the event carries no NIK."""

from dataclasses import asdict, replace
from datetime import UTC, datetime

import pytest

from registration.domain.errors import InvalidRegistrationError
from registration.domain.sme import RegisterSme, register_sme

NOW = datetime(2022, 6, 20, 2, 0, tzinfo=UTC)
GOOD = RegisterSme(
    business_name="Keripik Tempe Bu Sari",
    owner_nik="3216014506900001",
    kbli="10792",
    kabupaten_code="32.16",
    kecamatan_code="32.16.01",
    nib="9120001234567",
)


def test_a_valid_command_yields_version_one_and_a_registered_event() -> None:
    sme, event = register_sme(GOOD, "sme-000000000001", NOW, b"k")
    assert sme.version == 1
    assert event.sme_id == "sme-000000000001"
    assert event.nik_masked == "3216********0001"


def test_the_event_never_carries_the_raw_nik() -> None:
    _, event = register_sme(GOOD, "sme-000000000001", NOW, b"k")
    assert "3216014506900001" not in repr(asdict(event))


def test_all_problems_are_reported_together() -> None:
    bad = replace(GOOD, business_name=" ", nib="123", kbli="1079", kecamatan_code="32.73.01")
    with pytest.raises(InvalidRegistrationError) as caught:
        register_sme(bad, "sme-000000000001", NOW, b"k")
    assert {e.field for e in caught.value.errors} == {
        "business_name",
        "nib",
        "kbli",
        "kecamatan_code",
    }


def test_an_unknown_kabupaten_code_is_refused() -> None:
    with pytest.raises(InvalidRegistrationError) as caught:
        register_sme(replace(GOOD, kabupaten_code="32.99"), "sme-000000000001", NOW, b"k")
    assert [e.field for e in caught.value.errors] == ["kabupaten_code"]
