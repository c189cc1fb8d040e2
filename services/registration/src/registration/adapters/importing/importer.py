"""Import rows through the registration service: every row gets an outcome; bad rows never stop it.

Rows are read and parsed in a worker thread (openpyxl is CPU-bound), one chunk ahead of the
chunk being registered with one bulk write. Rows that may be the same SME (the same NIK or
NIB) never share a chunk: the later one waits for a following chunk, so which of two
duplicates is imported follows the file's order, run after run. Rows of SMEs on the register
already are recognised from its keys, read once (known.py), without a write. Rows the
importing caller may not register (another region's) are refused before anything looks them up.
"""

import asyncio
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice

from registration.adapters.importing.readers import Row
from registration.domain.commands import RegisterSme
from registration.domain.errors import DuplicateSmeError, FieldProblem
from registration.domain.importing.outcomes import (
    AlreadyRegistered,
    ImportAbortedError,
    Imported,
    ImportResult,
    Outcome,
    Progress,
    Rejected,
)
from registration.domain.importing.ports import KnownKeys, Registrar
from registration.domain.importing.rows import OUTSIDE_REGION, parse_row
from registration.domain.reference import ReferenceData

CHUNK = 500  # rows per bulk write
Parsed = tuple[int, RegisterSme | list[FieldProblem]]
Valid = tuple[int, RegisterSme]
Allowed = Callable[[RegisterSme], bool]
"""Whether the importing caller may register this SME (its region); None: every SME."""


def _read(rows: Iterator[Row], size: int, reference: ReferenceData) -> list[Parsed]:
    """The next `size` rows, parsed; runs in a worker thread."""
    return [(number, parse_row(cells, reference)) for number, cells in islice(rows, size)]


def _keys(cmd: RegisterSme) -> set[tuple[str, str]]:
    return {("nik", cmd.owner_nik)} | ({("nib", cmd.nib)} if cmd.nib else set())


@dataclass
class _Run:
    registrar: Registrar
    known: KnownKeys | None
    on_progress: Callable[[Progress], None] | None
    allowed: Allowed | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    progress: Progress = field(default_factory=Progress)
    first_rows: dict[str, int] = field(default_factory=dict)  # sme_id -> row that registered it

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

    def plan(self, todo: list[Valid]) -> tuple[list[Valid], list[Valid]]:
        """The rows to register now, and those that must wait for an earlier row's result."""
        now: list[Valid] = []
        later: list[Valid] = []
        taken: set[tuple[str, str]] = set()
        waiting: set[tuple[str, str]] = set()  # keys of deferred rows: later rows queue behind
        for number, cmd in todo:
            keys = _keys(cmd)
            if keys & taken or keys & waiting:
                later.append((number, cmd))
                waiting |= keys
            elif self.known is not None and (hit := self.known.find(cmd)) is not None:
                self.record(AlreadyRegistered(number, *hit))
            else:
                now.append((number, cmd))
                taken |= keys
        return now, later

    async def register(self, chunk: list[Valid]) -> None:
        if not chunk:
            return
        try:
            results = await self.registrar.register_many([cmd for _, cmd in chunk])
        except Exception as exc:
            raise ImportAbortedError(chunk[0][0], exc) from exc
        for (number, cmd), result in zip(chunk, results, strict=True):
            if isinstance(result, str):
                self.first_rows[result] = number
                if self.known is not None:
                    self.known.remember(cmd, result)
                self.record(Imported(number, result))
            elif isinstance(result, DuplicateSmeError):
                self.record(AlreadyRegistered(number, result.existing_id, result.field))
            else:
                self.record(Rejected(number, tuple(result.errors)))

    def valid(self, parsed: list[Parsed]) -> list[Valid]:
        """The rows that parsed into commands the caller may give; the others are rejected."""
        valid: list[Valid] = []
        for number, cmd in parsed:
            if isinstance(cmd, list):
                self.record(Rejected(number, tuple(cmd)))
            elif self.allowed is not None and not self.allowed(cmd):
                self.record(Rejected(number, (OUTSIDE_REGION,)))
            else:
                valid.append((number, cmd))
        return valid


async def import_rows(
    rows: Iterable[Row],
    registrar: Registrar,
    *,
    reference: ReferenceData,
    known: KnownKeys | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    chunk_size: int = CHUNK,
    allowed: Allowed | None = None,
) -> ImportResult:
    """Register every row; ImportAbortedError only for failures that are not about a row."""
    started = time.monotonic()
    run = _Run(registrar, known, on_progress, allowed)
    source = iter(rows)
    waiting: list[Valid] = []
    reading = asyncio.ensure_future(asyncio.to_thread(_read, source, chunk_size, reference))
    try:
        while parsed := await reading:
            reading = asyncio.ensure_future(asyncio.to_thread(_read, source, chunk_size, reference))
            now, waiting = run.plan(waiting + run.valid(parsed))
            await run.register(now)
        while waiting:
            now, waiting = run.plan(waiting)
            await run.register(now)
    finally:
        # The reader thread may still be on the file: let it finish before the file closes.
        await asyncio.wait({reading})
        if not reading.cancelled():
            reading.exception()  # seen: an error here only matters if nothing else failed
    return ImportResult(run.progress, run.results(), time.monotonic() - started)
