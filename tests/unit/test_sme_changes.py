"""Profile updates, consents and withdrawal: what changes, what is emitted, what is refused."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from registration.adapters.regions import LokalReference
from registration.domain.commands import ChangeConsent, UpdateProfile, WithdrawSme
from registration.domain.errors import InvalidRegistrationError, SmeWithdrawnError
from registration.domain.events import (
    SmeConsentChanged,
    SmeProfileUpdated,
    SmeScaleChanged,
    SmeWithdrawn,
)
from registration.domain.sme import (
    Sme,
    change_consent,
    register_sme,
    update_profile,
    withdraw,
)
from registration.domain.values import Financials, Licences
from tests.unit.test_register_sme import GOOD, NOW

LOKAL = LokalReference()

LATER = datetime(2022, 9, 30, 2, 0, tzinfo=UTC)
SMALL = Financials(300_000_000, 900_000_000, 3, date(2022, 6, 1))
GROWN = Financials(1_500_000_000, 2_600_000_000, 9, date(2022, 9, 1))


def _sme() -> Sme:
    sme, _ = register_sme(replace(GOOD, financials=SMALL), "sme-000000000001", NOW, b"k", LOKAL)
    return sme


def test_growing_past_the_mikro_limits_emits_a_scale_change_with_both_classes() -> None:
    sme, events = update_profile(
        _sme(), UpdateProfile("sme-000000000001", financials=GROWN), LATER, LOKAL
    )
    assert [type(e) for e in events] == [SmeProfileUpdated, SmeScaleChanged]
    change = events[1]
    assert isinstance(change, SmeScaleChanged)
    assert (change.before.scale_class, change.after.scale_class) == ("mikro", "kecil")
    assert sme.version == 3


def test_new_figures_in_the_same_class_emit_only_a_profile_update() -> None:
    figures = replace(SMALL, annual_sales=950_000_000)
    _, events = update_profile(
        _sme(), UpdateProfile("sme-000000000001", financials=figures), LATER, LOKAL
    )
    assert [type(e) for e in events] == [SmeProfileUpdated]


def test_an_update_that_repeats_the_current_values_emits_nothing() -> None:
    sme = _sme()
    same, events = update_profile(sme, UpdateProfile(sme.sme_id, kbli=sme.kbli), LATER, LOKAL)
    assert events == []
    assert same == sme


def test_an_update_naming_nothing_is_refused() -> None:
    with pytest.raises(InvalidRegistrationError):
        update_profile(_sme(), UpdateProfile("sme-000000000001"), LATER, LOKAL)


def test_licences_replace_the_previous_set() -> None:
    licences = Licences(nib="9120001234567", halal_certificate="ID32110000123450922")
    sme, events = update_profile(
        _sme(), UpdateProfile("sme-000000000001", licences=licences), LATER, LOKAL
    )
    assert sme.licences == licences
    assert isinstance(events[0], SmeProfileUpdated)
    assert events[0].licences == licences


def test_consent_is_recorded_once_and_a_repeat_changes_nothing() -> None:
    cmd = ChangeConsent("sme-000000000001", "bank_jabar_mentoring_feed", granted=True)
    sme, events = change_consent(_sme(), cmd, LATER)
    again, repeat = change_consent(sme, cmd, LATER)
    assert [type(e) for e in events] == [SmeConsentChanged]
    assert repeat == []
    assert again.consents == {"bank_jabar_mentoring_feed"}


def test_an_unknown_consent_purpose_is_refused() -> None:
    with pytest.raises(InvalidRegistrationError):
        change_consent(_sme(), ChangeConsent("sme-000000000001", "marketing", True), LATER)


def test_withdrawal_ends_consents_and_blocks_further_updates() -> None:
    consenting, _ = change_consent(
        _sme(), ChangeConsent("sme-000000000001", "bank_jabar_mentoring_feed", True), LATER
    )
    gone, events = withdraw(consenting, WithdrawSme("sme-000000000001", "Usaha tutup"), LATER)
    assert [type(e) for e in events] == [SmeConsentChanged, SmeWithdrawn]
    assert gone.consents == frozenset()
    with pytest.raises(SmeWithdrawnError):
        update_profile(gone, UpdateProfile(gone.sme_id, kbli="10799"), LATER, LOKAL)
    assert withdraw(gone, WithdrawSme(gone.sme_id, "lagi"), LATER) == (gone, [])
