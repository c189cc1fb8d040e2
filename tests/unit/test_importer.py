"""The importer's rules, with an in-memory register standing in for the service."""

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field

import pytest

from registration.adapters.repository import DuplicateSmeError
from registration.domain.commands import RegisterSme
from registration.domain.errors import FieldError, InvalidRegistrationError
from registration.importing.importer import import_rows
from registration.importing.outcomes import (
    AlreadyRegistered,
    ImportAbortedError,
    Imported,
    Progress,
    Rejected,
)

BASE: dict[str, object] = {
    "nama_usaha": "Keripik",
    "nik_pemilik": "3216014506900001",
    "kbli": "10792",
    "kode_kabupaten": "32.16",
    "kode_kecamatan": "32.16.01",
}


@dataclass
class FakeRegister:
    """Registers in memory; NIB is the natural key; 'rusak' as a name is invalid."""

    by_nib: dict[str, str] = field(default_factory=dict)
    calls: int = 0
    down: bool = False

    async def register(self, cmd: RegisterSme, idempotency_key: str | None = None) -> str:
        self.calls += 1
        await asyncio.sleep(0.001 * (self.calls % 3))  # finish out of order
        if self.down:
            raise ConnectionError("database unreachable")
        if cmd.business_name == "rusak":
            raise InvalidRegistrationError([FieldError("business_name", "Salah.", "Wrong.")])
        if cmd.nib in self.by_nib:
            raise DuplicateSmeError(self.by_nib[cmd.nib], "nib")
        sme_id = f"sme-{self.calls:012d}"
        if cmd.nib:
            self.by_nib[cmd.nib] = sme_id
        return sme_id


def rows(*changes: Mapping[str, object]) -> list[tuple[int, dict[str, object]]]:
    return [(n, {**BASE, "nib": f"91{n:011d}", **c}) for n, c in enumerate(changes, start=2)]


async def test_bad_rows_are_reported_and_the_rest_still_imported() -> None:
    register = FakeRegister()
    result = await import_rows(
        rows({}, {"kbli": None}, {"nama_usaha": "rusak"}, {}), register, concurrency=3
    )
    assert [type(o) for o in result.outcomes] == [Imported, Rejected, Rejected, Imported]
    assert result.summary == Progress(processed=4, imported=2, already_registered=0, rejected=2)
    assert register.calls == 3  # the row missing its KBLI never reached the service


async def test_of_two_rows_with_one_nib_the_first_in_the_file_is_imported() -> None:
    same = {"nib": "9120001234567"}
    for _ in range(5):  # out-of-order completion must not change the answer
        result = await import_rows(rows(same, {}, same, same), FakeRegister(), concurrency=4)
        first = result.outcomes[0]
        assert isinstance(first, Imported)
        assert result.outcomes[2] == AlreadyRegistered(4, first.sme_id, "nib", first_row=2)
        assert result.outcomes[3] == AlreadyRegistered(5, first.sme_id, "nib", first_row=2)


async def test_a_rerun_reports_every_row_as_already_registered() -> None:
    register = FakeRegister()
    first = await import_rows(rows({}, {}, {}), register)
    again = await import_rows(rows({}, {}, {}), register)
    assert again.summary.already_registered == 3
    ids = [o.sme_id for o in first.outcomes if isinstance(o, Imported)]
    assert [o.existing_id for o in again.outcomes if isinstance(o, AlreadyRegistered)] == ids
    assert all(o.first_row is None for o in again.outcomes if isinstance(o, AlreadyRegistered))


async def test_progress_is_reported_after_every_row() -> None:
    seen: list[Progress] = []
    result = await import_rows(
        rows({}, {"kbli": None}, {}), FakeRegister(), on_progress=seen.append
    )
    assert [p.processed for p in seen] == [1, 2, 3]
    assert seen[-1] == result.summary


async def test_a_failure_no_row_explains_stops_the_import_and_names_the_row() -> None:
    with pytest.raises(ImportAbortedError) as stopped:
        await import_rows(rows({}, {}), FakeRegister(down=True), concurrency=1)
    assert stopped.value.row == 2
    assert "ConnectionError" in str(stopped.value)
