"""The importer's rules, with an in-memory register standing in for the service."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

import pytest

from registration.adapters.importing.importer import import_rows
from registration.adapters.regions import LokalReference
from registration.domain.commands import RegisterSme
from registration.domain.errors import DuplicateSmeError, FieldProblem, InvalidRegistrationError
from registration.domain.importing.outcomes import (
    AlreadyRegistered,
    ImportAbortedError,
    Imported,
    Progress,
    Rejected,
)
from registration.domain.importing.ports import Registered

LOKAL = LokalReference()
import_all = partial(import_rows, reference=LOKAL)

BASE: dict[str, object] = {
    "nama_usaha": "Keripik",
    "nik_pemilik": "3216014506900001",
    "kbli": "10792",
    "kode_kabupaten": "32.16",
    "kode_kecamatan": "32.16.01",
}


@dataclass
class FakeRegister:
    """Registers in memory; NIB is the natural key; 'rusak' as a name is invalid.

    Within one batch the LAST of two SMEs with one NIB wins, as an unordered bulk write may:
    the importer must never put two such rows in one batch.
    """

    by_nib: dict[str, str] = field(default_factory=dict)
    calls: int = 0
    batches: list[int] = field(default_factory=list)
    down: bool = False

    async def register_many(self, cmds: Sequence[RegisterSme]) -> list[Registered]:
        self.batches.append(len(cmds))
        if self.down:
            raise ConnectionError("database unreachable")
        known = dict(self.by_nib)
        results: list[Registered] = []
        for cmd in cmds:
            self.calls += 1
            if cmd.business_name == "rusak":
                results.append(
                    InvalidRegistrationError([FieldProblem("business_name", "Salah.", "Wrong.")])
                )
            elif cmd.nib in known:
                results.append(DuplicateSmeError(known[cmd.nib], "nib"))
            else:
                sme_id = f"sme-{self.calls:012d}"
                if cmd.nib:
                    self.by_nib[cmd.nib] = sme_id
                results.append(sme_id)
        return results


def rows(*changes: Mapping[str, object]) -> list[tuple[int, dict[str, object]]]:
    return [
        (n, {**BASE, "nik_pemilik": f"32160145069{n:05d}", "nib": f"91{n:011d}", **c})
        for n, c in enumerate(changes, start=2)
    ]


async def test_bad_rows_are_reported_and_the_rest_still_imported() -> None:
    register = FakeRegister()
    result = await import_all(
        rows({}, {"kbli": None}, {"nama_usaha": "rusak"}, {}), register, chunk_size=3
    )
    assert [type(o) for o in result.outcomes] == [Imported, Rejected, Rejected, Imported]
    assert result.summary == Progress(processed=4, imported=2, already_registered=0, rejected=2)
    assert register.calls == 3  # the row missing its KBLI never reached the service


async def test_of_two_rows_with_one_nib_the_first_in_the_file_is_imported() -> None:
    same = {"nib": "9120001234567"}
    for size in (1, 2, 4, 500):  # however the rows fall into batches
        result = await import_all(rows(same, {}, same, same), FakeRegister(), chunk_size=size)
        first = result.outcomes[0]
        assert isinstance(first, Imported)
        assert result.outcomes[2] == AlreadyRegistered(4, first.sme_id, "nib", first_row=2)
        assert result.outcomes[3] == AlreadyRegistered(5, first.sme_id, "nib", first_row=2)


async def test_a_rerun_reports_every_row_as_already_registered() -> None:
    register = FakeRegister()
    first = await import_all(rows({}, {}, {}), register)
    again = await import_all(rows({}, {}, {}), register)
    assert again.summary.already_registered == 3
    ids = [o.sme_id for o in first.outcomes if isinstance(o, Imported)]
    assert [o.existing_id for o in again.outcomes if isinstance(o, AlreadyRegistered)] == ids
    assert all(o.first_row is None for o in again.outcomes if isinstance(o, AlreadyRegistered))


async def test_progress_is_reported_after_every_row() -> None:
    seen: list[Progress] = []
    result = await import_all(rows({}, {"kbli": None}, {}), FakeRegister(), on_progress=seen.append)
    assert [p.processed for p in seen] == [1, 2, 3]
    assert seen[-1] == result.summary


async def test_a_failure_no_row_explains_stops_the_import_and_names_the_row() -> None:
    with pytest.raises(ImportAbortedError) as stopped:
        await import_all(rows({}, {}), FakeRegister(down=True), chunk_size=1)
    assert stopped.value.row == 2
    assert "ConnectionError" in str(stopped.value)


async def test_rows_are_registered_in_batches_of_the_chunk_size() -> None:
    register = FakeRegister()
    result = await import_all(rows(*[{}] * 7), register, chunk_size=3)
    assert register.batches == [3, 3, 1]
    assert result.summary.imported == 7


async def test_a_duplicate_waits_for_a_later_batch_without_holding_back_the_rows_after_it() -> None:
    same = {"nib": "9120001234567"}
    register = FakeRegister()
    result = await import_all(rows(same, same, {}, {}), register, chunk_size=4)
    assert register.batches == [3, 1]  # row 3 waited for row 2's result; rows 4 and 5 did not
    first = result.outcomes[0]
    assert isinstance(first, Imported)
    assert result.outcomes[1] == AlreadyRegistered(3, first.sme_id, "nib", first_row=2)
    assert [type(o) for o in result.outcomes[2:]] == [Imported, Imported]


async def test_rows_of_one_owner_never_share_a_batch_even_with_other_names() -> None:
    register = FakeRegister()
    owner = {"nik_pemilik": "3216014506900002"}
    await import_all(rows({**owner, "nama_usaha": "A"}, {**owner, "nama_usaha": "B"}), register)
    assert register.batches == [1, 1]


async def test_a_row_outside_the_callers_region_is_refused_without_naming_a_registered_sme() -> (
    None
):
    register = FakeRegister()
    await import_all(rows({}), register)  # a Bekasi SME on the register
    bandung = {"kode_kabupaten": "32.04", "kode_kecamatan": "32.04.01"}
    in_bandung = partial(import_all, allowed=lambda cmd: cmd.kabupaten_code == "32.04")
    result = await in_bandung(rows({}, bandung), register)
    assert [type(o) for o in result.outcomes] == [Rejected, Imported]
    refused = result.outcomes[0]
    assert isinstance(refused, Rejected)
    assert [e.field for e in refused.errors] == ["kode_kabupaten"]
    assert register.batches == [1, 1]  # the Bekasi row never reached the register
