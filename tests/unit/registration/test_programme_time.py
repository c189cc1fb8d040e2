"""Programme time at registration: the day an SME joined the programme, given or today in WIB."""

import hashlib
import hmac
import json
from dataclasses import asdict, replace
from datetime import UTC, date, datetime

import pytest

from registration.adapters.contracts import to_contract
from registration.adapters.documents import joined_on
from registration.adapters.importing.report import report_lines
from registration.domain.commands import RegisterSme
from registration.domain.errors import InvalidRegistrationError
from registration.domain.idempotency import fingerprint
from registration.domain.importing.outcomes import Rejected
from registration.domain.importing.rows import parse_row
from registration.domain.importing.template import HEADERS, column_for_header
from registration.domain.sme import register_sme
from registration.service import RegistrationService
from tests.unit.registration.fakes import FakeReference, FakeSmeRepository, fixed_clock
from umkm_shared.contracts.registration import SMERegistered
from umkm_shared.contracts.topics import TopicNames

EVENING = datetime(2022, 6, 20, 18, 0, tzinfo=UTC)  # already 21 June in Jakarta (01:00 WIB)
SARI = RegisterSme(
    business_name="Keripik Tempe Bu Sari",
    owner_nik="3216014506900001",
    kbli="10792",
    kabupaten_code="32.16",
    kecamatan_code="32.16.01",
)
ROW: dict[str, object] = {
    "nama_usaha": "Keripik Tempe Bu Sari",
    "nik_pemilik": "3216014506900001",
    "kbli": "10792",
    "kode_kabupaten": "32.16",
    "kode_kecamatan": "32.16.01",
}


def _register(cmd: RegisterSme, now: datetime = EVENING) -> SMERegistered:
    sme, events = register_sme(cmd, "sme-000000000001", now, b"k", FakeReference())
    contract = to_contract(events[0])
    assert isinstance(contract, SMERegistered)
    assert contract.joined_on == sme.joined_on
    return contract


def _refusal(cmd: RegisterSme) -> tuple[str, str, str]:
    with pytest.raises(InvalidRegistrationError) as refused:
        _register(cmd)
    [problem] = refused.value.errors
    return problem.field, problem.pesan, problem.message


def test_the_day_an_sme_joined_is_kept_and_published() -> None:
    assert _register(replace(SARI, joined_on=date(2022, 6, 13))).joined_on == date(2022, 6, 13)


def test_without_a_joining_date_the_sme_joined_today_in_jakarta() -> None:
    assert _register(SARI).joined_on == date(2022, 6, 21)


def test_a_joining_date_in_the_future_is_refused() -> None:
    field, pesan, message = _refusal(replace(SARI, joined_on=date(2022, 6, 22)))
    assert field == "joined_on"
    assert "masa depan" in pesan
    assert "future" in message


def test_today_in_jakarta_is_no_future_date_even_while_utc_is_still_on_yesterday() -> None:
    assert _register(replace(SARI, joined_on=date(2022, 6, 21))).joined_on == date(2022, 6, 21)


def test_a_joining_date_before_the_programme_began_in_2019_is_refused() -> None:
    field, pesan, message = _refusal(replace(SARI, joined_on=date(2018, 12, 31)))
    assert field == "joined_on"
    assert "2019" in pesan
    assert "2019-01-01" in message


def test_the_programme_s_first_day_is_a_valid_joining_date() -> None:
    assert _register(replace(SARI, joined_on=date(2019, 1, 1))).joined_on == date(2019, 1, 1)


def test_a_bad_joining_date_is_reported_with_every_other_problem() -> None:
    with pytest.raises(InvalidRegistrationError) as refused:
        _register(replace(SARI, kbli="107", joined_on=date(2030, 1, 1)))
    assert {e.field for e in refused.value.errors} == {"kbli", "joined_on"}


def test_an_sme_stored_before_joining_dates_were_kept_joined_on_its_registration_day() -> None:
    stored_naive_utc = {"registered_at": datetime(2022, 6, 20, 18, 0)}  # as BSON gives it back
    assert joined_on(stored_naive_utc) == date(2022, 6, 21)
    assert joined_on({**stored_naive_utc, "joined_on": "2021-03-01"}) == date(2021, 3, 1)


def test_a_retry_without_a_joining_date_matches_the_fingerprint_stored_before_it_existed() -> None:
    before = {k: v for k, v in asdict(SARI).items() if k != "joined_on"}
    canonical = json.dumps(before, sort_keys=True, default=str, separators=(",", ":"))
    old = hmac.new(b"k", canonical.encode(), hashlib.sha256).hexdigest()
    assert fingerprint(SARI, b"k") == old
    assert fingerprint(replace(SARI, joined_on=date(2022, 6, 13)), b"k") != old


async def test_the_service_stores_the_joining_date_and_publishes_it() -> None:
    repository = FakeSmeRepository()
    service = RegistrationService(repository, FakeReference(), TopicNames(), b"key", fixed_clock)
    sme_id = await service.register(replace(SARI, joined_on=date(2022, 6, 13)))
    assert repository.smes[sme_id].joined_on == date(2022, 6, 13)
    event = json.loads(repository.outbox[0]["payload"])
    assert event["data"]["joined_on"] == "2022-06-13"


def test_the_import_template_has_an_optional_joining_date_column() -> None:
    assert "tanggal_bergabung" in HEADERS
    assert column_for_header("Tanggal Bergabung") == "tanggal_bergabung"
    assert column_for_header("joined_on") == "tanggal_bergabung"


@pytest.mark.parametrize(
    "cell",
    ["2022-06-13", "13/06/2022", date(2022, 6, 13), datetime(2022, 6, 13), 44725],
)
def test_a_joining_date_cell_reaches_the_command(cell: object) -> None:
    parsed = parse_row({**ROW, "tanggal_bergabung": cell}, FakeReference())
    assert isinstance(parsed, RegisterSme), parsed
    assert parsed.joined_on == date(2022, 6, 13)


def test_a_row_without_a_joining_date_leaves_it_to_the_service() -> None:
    parsed = parse_row({**ROW, "tanggal_bergabung": "  "}, FakeReference())
    assert isinstance(parsed, RegisterSme), parsed
    assert parsed.joined_on is None


def test_a_joining_date_that_is_no_date_is_named_in_the_row_s_problems() -> None:
    parsed = parse_row({**ROW, "tanggal_bergabung": "kemarin"}, FakeReference())
    assert isinstance(parsed, list)
    assert [p.field for p in parsed] == ["tanggal_bergabung"]


def test_a_refused_joining_date_is_reported_in_the_joining_date_column() -> None:
    with pytest.raises(InvalidRegistrationError) as refused:
        _register(replace(SARI, joined_on=date(2030, 1, 1)))
    [line] = report_lines([Rejected(7, tuple(refused.value.errors))])
    assert (line.baris, line.status, line.kolom) == (7, "ditolak", "tanggal_bergabung")
    assert "masa depan" in line.pesan
