"""Registration's input rules that need no server: idempotency, the province, clean text."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from registration.domain.commands import ChangeConsent, RegisterSme, WithdrawSme
from registration.domain.errors import (
    DuplicateSmeError,
    IdempotencyKeyReusedError,
    InvalidRegistrationError,
)
from registration.domain.reference import Region
from registration.domain.sme import change_consent, register_sme, withdraw
from registration.service import RegistrationService
from tests.unit.registration.fakes import REGIONS, FakeReference, FakeSmeRepository, fixed_clock
from umkm_shared.contracts.topics import TopicNames

NOW = datetime(2022, 6, 20, 2, 0, tzinfo=UTC)
OTHER_NIK = "3216011306900002"
SARI = RegisterSme(
    business_name="Keripik Tempe Bu Sari",
    owner_nik="3216014506900001",
    kbli="10792",
    kabupaten_code="32.16",
    kecamatan_code="32.16.01",
    phone="0812-3456-7890",
)


class JakartaToo(FakeReference):
    """The fake's West Java regions plus Jakarta's: real, but not the program's province."""

    def region(self, code: str) -> Region | None:
        jakarta = {
            "31.71": Region("31.71", "Kota Jakarta Pusat", 2),
            "31.71.01": Region("31.71.01", "Gambir", 3),
        }
        return jakarta.get(code) or REGIONS.get(code)


@pytest.fixture
def repository() -> FakeSmeRepository:
    return FakeSmeRepository()


@pytest.fixture
def service(repository: FakeSmeRepository) -> RegistrationService:
    return RegistrationService(repository, FakeReference(), TopicNames(), b"key", fixed_clock)


def _fields(refused: pytest.ExceptionInfo[InvalidRegistrationError]) -> list[str]:
    return [problem.field for problem in refused.value.errors]


async def test_an_idempotency_key_reused_with_another_request_is_refused(
    service: RegistrationService, repository: FakeSmeRepository
) -> None:
    await service.register(SARI, idempotency_key="form-7")
    with pytest.raises(IdempotencyKeyReusedError):
        await service.register(replace(SARI, kbli="10793"), idempotency_key="form-7")
    with pytest.raises(DuplicateSmeError):  # the same request again: the first SME's answer
        await service.register(SARI, idempotency_key="form-7")
    assert len(repository.smes) == 1


async def test_an_idempotency_key_stored_before_fingerprints_is_honoured_as_before(
    service: RegistrationService, repository: FakeSmeRepository
) -> None:
    first = await service.register(SARI, idempotency_key="form-7")
    repository.fingerprints[first] = None  # an SME stored before requests were fingerprinted
    with pytest.raises(DuplicateSmeError) as replayed:
        await service.register(replace(SARI, kbli="10793"), idempotency_key="form-7")
    assert (replayed.value.existing_id, replayed.value.field) == (first, "idempotency_key")


def test_a_kabupaten_outside_west_java_is_refused() -> None:
    jakarta = replace(SARI, kabupaten_code="31.71", kecamatan_code="31.71.01")
    with pytest.raises(InvalidRegistrationError) as refused:
        register_sme(jakarta, "sme-1", NOW, b"key", JakartaToo())
    assert _fields(refused) == ["kabupaten_code"]
    assert "31.71" not in refused.value.errors[0].message


@pytest.mark.parametrize(
    ("command", "field"),
    [
        (replace(SARI, business_name="Keripik\x00Tempe"), "business_name"),
        (replace(SARI, business_name=f"Keripik {OTHER_NIK}"), "business_name"),
        (replace(SARI, business_name="Keripik 3216 0113 0690 0002"), "business_name"),
        (replace(SARI, email="sari\x1b@example.com"), "contacts.email"),
        (replace(SARI, email=f"{OTHER_NIK}@example.com"), "contacts.email"),
    ],
)
def test_a_command_with_control_characters_or_a_nik_in_its_text_is_refused(
    command: RegisterSme, field: str
) -> None:
    """The domain's own check: spreadsheet imports reach it without the API's edge."""
    with pytest.raises(InvalidRegistrationError) as refused:
        register_sme(command, "sme-1", NOW, b"key", FakeReference())
    assert _fields(refused) == [field]


def test_a_withdrawal_reason_or_a_legal_basis_with_a_nik_or_control_characters_is_refused() -> None:
    sme, _ = register_sme(SARI, "sme-1", NOW, b"key", FakeReference())
    with pytest.raises(InvalidRegistrationError) as reason:
        withdraw(sme, WithdrawSme("sme-1", f"Pemilik {OTHER_NIK} pindah"), NOW)
    with pytest.raises(InvalidRegistrationError) as basis:
        change_consent(sme, ChangeConsent("sme-1", "bank_jabar_mentoring_feed", True, "x\x07"), NOW)
    assert (_fields(reason), _fields(basis)) == (["reason"], ["legal_basis"])
    withdrawn, _ = withdraw(sme, WithdrawSme("sme-1", "Usaha tutup.\nPindah kota."), NOW)
    assert withdrawn.withdrawn
