"""The NIK is checked, pseudonymised with a key and masked; it never appears in an error."""

from hypothesis import given
from hypothesis import strategies as st

from registration.adapters.regions import LokalReference
from registration.domain.identity import check_nik, mask, pseudonymise

LOKAL = LokalReference()

KEY = b"unit-test-key"


def test_a_well_formed_nik_from_kabupaten_bekasi_passes() -> None:
    assert check_nik("3216014506900001", LOKAL) is None


def test_a_woman_born_on_the_fifth_has_day_45_and_passes() -> None:
    assert check_nik("3216014506900001", LOKAL) is None  # 45 = 5 + 40


def test_a_nik_with_15_digits_is_refused_in_both_languages() -> None:
    error = check_nik("321601450690000", LOKAL)
    assert error is not None
    assert error.field == "owner_nik"
    assert "16 digit" in error.pesan
    assert "16 digits" in error.message


def test_a_nik_with_an_impossible_birth_day_is_refused_without_quoting_it() -> None:
    error = check_nik("3216017206900001", LOKAL)  # day 72 = 32 + 40
    assert error is not None
    assert "3216017206900001" not in error.pesan + error.message


def test_the_mask_keeps_region_and_serial_only() -> None:
    assert mask("3216014506900001") == "3216********0001"


def test_the_pseudonym_depends_on_the_key() -> None:
    nik = "3216014506900001"
    assert pseudonymise(nik, KEY) != pseudonymise(nik, b"another-key")


@given(st.from_regex(r"\d{16}", fullmatch=True))
def test_the_pseudonym_is_stable_hex_and_never_contains_the_nik(nik: str) -> None:
    pseudonym = pseudonymise(nik, KEY)
    assert pseudonym == pseudonymise(nik, KEY)
    assert len(pseudonym) == 64
    assert nik not in pseudonym
