"""Import rows through the registration service: every row gets an outcome; bad rows never stop it.

Rows are read lazily and registered a few at a time (FerretDB answers each insert on its own).
A row waits for any earlier row with the same NIB or NIK, so which of two duplicates is imported
follows the file's order, run after run. Rows of SMEs on the register already are recognised
from its keys, read once (known.py), without a query per row.
"""

import asyncio
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Protocol

from registration.adapters.repository import DuplicateSmeError
from registration.domain.commands import RegisterSme
from registration.domain.errors import InvalidRegistrationError
from registration.importing.known import Found
from registration.importing.outcomes import (
    AlreadyRegistered,
    ImportAbortedError,
    Imported,
    ImportResult,
    Outcome,
    Progress,
    Rejected,
)
from registration.importing.readers import Row
from registration.importing.rows import parse_row


class Registrar(Protocol):
    """What the importer needs of RegistrationService."""

    async def register(self, cmd: RegisterSme, idempotency_key: str | None = None) -> str:
        """Register and return the new SME id."""
        ...


class KnownKeys(Protocol):
    """The register's natural keys in memory (known.RegisteredKeys)."""

    def find(self, cmd: RegisterSme) -> Found:
        """(existing sme_id, key) if the command's SME is registered, else None."""
        ...

    def remember(self, cmd: RegisterSme, sme_id: str) -> None:
        """Note an SME registered since the keys were read."""
        ...


@dataclass
class _Run:
    registrar: Registrar
    known: KnownKeys | None
    on_progress: Callable[[Progress], None] | None
    outcomes: list[Outcome] = field(default_factory=list)
    progress: Progress = field(default_factory=Progress)
    first_rows: dict[str, int] = field(default_factory=dict)  # sme_id -> row that registered it
    busy: dict[tuple[str, str], asyncio.Future[None]] = field(default_factory=dict)

    def record(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        self.progress = self.progress.after(outcome)
        if self.on_progress is not None:
            self.on_progress(self.progress)

    def results(self) -> list[Outcome]:
        """Outcomes in row order, each known SME pointing at the row that registered it here."""
        resolved = (
            replace(o, first_row=self.first_rows.get(o.existing_id))
            if isinstance(o, AlreadyRegistered)
            else o
            for o in self.outcomes
        )
        return sorted(resolved, key=lambda o: o.row)

    async def register(self, number: int, cmd: RegisterSme) -> Outcome:
        if self.known is not None and (hit := self.known.find(cmd)) is not None:
            return AlreadyRegistered(number, *hit)
        try:
            sme_id = await self.registrar.register(cmd)
        except InvalidRegistrationError as invalid:
            return Rejected(number, tuple(invalid.errors))
        except DuplicateSmeError as dup:
            return AlreadyRegistered(number, dup.existing_id, dup.field)
        except Exception as exc:
            raise ImportAbortedError(number, exc) from exc
        self.first_rows[sme_id] = number
        if self.known is not None:
            self.known.remember(cmd, sme_id)
        return Imported(number, sme_id)

    async def work(self, rows: Iterator[Row]) -> None:
        # Workers share one iterator: next() runs between awaits, so rows are taken in order.
        loop = asyncio.get_running_loop()
        for number, cells in rows:
            cmd = parse_row(cells)
            if isinstance(cmd, list):
                self.record(Rejected(number, tuple(cmd)))
                continue
            keys = [("nik", cmd.owner_nik)] + ([("nib", cmd.nib)] if cmd.nib else [])
            earlier = {self.busy[k] for k in keys if k in self.busy}
            done: asyncio.Future[None] = loop.create_future()
            self.busy.update(dict.fromkeys(keys, done))
            try:
                if earlier:
                    await asyncio.wait(earlier)
                self.record(await self.register(number, cmd))
            finally:
                done.set_result(None)
                for key in keys:
                    if self.busy.get(key) is done:
                        del self.busy[key]


async def import_rows(
    rows: Iterable[Row],
    registrar: Registrar,
    *,
    known: KnownKeys | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    concurrency: int = 8,
) -> ImportResult:
    """Register every row; ImportAbortedError only for failures that are not about a row."""
    started = time.monotonic()
    run = _Run(registrar, known, on_progress)
    shared = iter(rows)
    try:
        async with asyncio.TaskGroup() as group:
            for _ in range(concurrency):
                group.create_task(run.work(shared))
    except BaseExceptionGroup as failed:
        raise failed.exceptions[0] from None
    return ImportResult(run.progress, run.results(), time.monotonic() - started)
