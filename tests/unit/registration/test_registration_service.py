"""The registration service's rules over in-memory fakes: no Kafka, no MongoDB."""

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from registration.domain.commands import ChangeConsent, RegisterSme, UpdateProfile, WithdrawSme
from registration.domain.errors import (
    DuplicateSmeError,
    InvalidRegistrationError,
    SmeNotFoundError,
    SmeWithdrawnError,
)
from registration.domain.values import Financials
from registration.service import RegistrationService
from tests.unit.registration.fakes import FakeReference, FakeSmeRepository, fixed_clock
from umkm_shared.contracts.topics import TopicNames
from umkm_shared.store import ConcurrentUpdateError

SARI = RegisterSme(
    business_name="Keripik Tempe Bu Sari",
    owner_nik="3216014506900001",
    kbli="10792",
    kabupaten_code="32.16",
    kecamatan_code="32.16.01",
    desa_code="32.16.01.2001",
    nib="9120001234567",
    phone="0812-3456-7890",
    financials=Financials(300_000_000, 900_000_000, 3, date(2022, 6, 1)),
)
GROWN = Financials(3_000_000_000, 9_000_000_000, 12, date(2022, 6, 1))
FEED = "bank_jabar_mentoring_feed"


@pytest.fixture
def repository() -> FakeSmeRepository:
    return FakeSmeRepository()


@pytest.fixture
def service(repository: FakeSmeRepository) -> RegistrationService:
    return RegistrationService(repository, FakeReference(), TopicNames(), b"key", fixed_clock)


def published(repository: FakeSmeRepository) -> list[tuple[str, int]]:
    """(event type, aggregate version) of every event written, in order."""
    events: list[dict[str, Any]] = [json.loads(e["payload"]) for e in repository.outbox]
    return [(e["type"].split(".")[2], e["aggregateversion"]) for e in events]


async def test_a_new_sme_is_stored_with_its_registered_event_at_version_one(
    service: RegistrationService, repository: FakeSmeRepository
) -> None:
    sme_id = await service.register(SARI)
    assert repository.smes[sme_id].version == 1
    assert repository.smes[sme_id].scale is not None
    assert published(repository) == [("SMERegistered", 1)]
    assert repository.outbox[0]["topic"] == "umkm-juara.registration.v1"
    assert SARI.owner_nik not in repository.outbox[0]["payload"]


async def test_an_invalid_registration_names_every_field_and_writes_nothing(
    service: RegistrationService, repository: FakeSmeRepository
) -> None:
    with pytest.raises(InvalidRegistrationError) as refused:
        await service.register(replace(SARI, kbli="107", kecamatan_code="32.75.01"))
    assert {e.field for e in refused.value.errors} == {"kbli", "kecamatan_code"}
    assert refused.value.kind == "invalid"
    assert repository.smes == {}
    assert repository.outbox == []


async def test_a_second_sme_with_the_same_nib_is_refused_naming_the_first(
    service: RegistrationService,
) -> None:
    first = await service.register(SARI)
    with pytest.raises(DuplicateSmeError) as refused:
        await service.register(replace(SARI, owner_nik="3216014506900002", business_name="Lain"))
    assert (refused.value.existing_id, refused.value.field) == (first, "nib")
    assert refused.value.extra == {"existing_sme_id": first}
    assert refused.value.headers == {"Location": f"/smes/{first}"}


async def test_one_owner_cannot_register_a_business_of_the_same_name_twice(
    service: RegistrationService,
) -> None:
    first = await service.register(replace(SARI, nib=None))
    with pytest.raises(DuplicateSmeError) as refused:
        await service.register(replace(SARI, nib=None, business_name=" keripik tempe  BU SARI "))
    assert (refused.value.existing_id, refused.value.field) == (first, "owner_business")


async def test_a_replayed_idempotency_key_is_refused_with_the_first_sme(
    service: RegistrationService, repository: FakeSmeRepository
) -> None:
    first = await service.register(SARI, idempotency_key="req-1")
    with pytest.raises(DuplicateSmeError) as replayed:
        await service.register(SARI, idempotency_key="req-1")
    assert (replayed.value.existing_id, replayed.value.field) == (first, "idempotency_key")
    assert len(repository.smes) == 1


async def test_a_batch_registers_the_valid_and_reports_the_invalid_and_the_known(
    service: RegistrationService,
) -> None:
    known = await service.register(SARI)
    other = replace(SARI, owner_nik="3216014506900003", nib="9120001234568", business_name="B")
    results = await service.register_many([replace(SARI, kbli="x"), SARI, other])
    assert isinstance(results[0], InvalidRegistrationError)
    assert isinstance(results[1], DuplicateSmeError)
    assert results[1].existing_id == known
    assert isinstance(results[2], str)


async def test_growing_figures_change_the_scale_with_events_numbered_after_the_last(
    service: RegistrationService, repository: FakeSmeRepository
) -> None:
    sme_id = await service.register(SARI)
    sme = await service.update_profile(UpdateProfile(sme_id, financials=GROWN))
    assert sme.scale is not None
    assert sme.scale.scale_class == "kecil"
    assert sme.version == 3
    assert published(repository)[1:] == [("SMEProfileUpdated", 2), ("SMEScaleChanged", 3)]


async def test_an_update_that_changes_nothing_writes_nothing(
    service: RegistrationService, repository: FakeSmeRepository
) -> None:
    sme_id = await service.register(SARI)
    await service.update_profile(UpdateProfile(sme_id, kbli=SARI.kbli))
    assert published(repository) == [("SMERegistered", 1)]


async def test_consent_given_twice_is_recorded_once(
    service: RegistrationService, repository: FakeSmeRepository
) -> None:
    sme_id = await service.register(SARI)
    await service.change_consent(ChangeConsent(sme_id, FEED, granted=True))
    sme = await service.change_consent(ChangeConsent(sme_id, FEED, granted=True))
    assert sme.consents == {FEED}
    assert published(repository)[1:] == [("SMEConsentChanged", 2)]


async def test_withdrawal_ends_consents_and_later_changes_are_refused(
    service: RegistrationService, repository: FakeSmeRepository
) -> None:
    sme_id = await service.register(SARI)
    await service.change_consent(ChangeConsent(sme_id, FEED, granted=True))
    sme = await service.withdraw(WithdrawSme(sme_id, "Usaha tutup"))
    assert sme.withdrawn
    assert sme.consents == frozenset()
    assert published(repository)[2:] == [("SMEConsentChanged", 3), ("SMEWithdrawn", 4)]
    with pytest.raises(SmeWithdrawnError) as refused:
        await service.update_profile(UpdateProfile(sme_id, kbli="10799"))
    assert refused.value.kind == "conflict"


async def test_an_unknown_sme_is_not_found(service: RegistrationService) -> None:
    with pytest.raises(SmeNotFoundError) as refused:
        await service.withdraw(WithdrawSme("sme-000000000000", "Usaha tutup"))
    assert refused.value.kind == "not_found"


async def test_a_change_that_lost_a_race_is_decided_again_on_the_new_version(
    service: RegistrationService, repository: FakeSmeRepository
) -> None:
    sme_id = await service.register(SARI)
    repository.interfering_writes = 1
    sme = await service.change_consent(ChangeConsent(sme_id, FEED, granted=True))
    assert sme.version == 3
    assert published(repository)[1:] == [("SMEConsentChanged", 3)]


async def test_a_change_that_keeps_losing_races_is_refused_as_concurrent(
    service: RegistrationService, repository: FakeSmeRepository
) -> None:
    sme_id = await service.register(SARI)
    repository.interfering_writes = 3
    with pytest.raises(ConcurrentUpdateError):
        await service.change_consent(ChangeConsent(sme_id, FEED, granted=True))
    assert published(repository) == [("SMERegistered", 1)]
