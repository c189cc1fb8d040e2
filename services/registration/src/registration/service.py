"""Application services: load, decide (pure domain), store state and events in one write.

`RegistrationService` registers and maintains SMEs; `ImportJobs` runs a spreadsheet import
through it as one background task per upload (spawned by the bootstrap's runtime).
"""

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from pymongo.errors import PyMongoError

from registration.adapters.contracts import to_contract
from registration.adapters.documents import Doc
from registration.adapters.importing.importer import Allowed, import_rows
from registration.adapters.importing.known import RegisteredKeys
from registration.adapters.importing.readers import UnreadableFileError, open_table
from registration.adapters.importing.report import report_lines
from registration.adapters.importing.store import ImportStore
from registration.adapters.repository import SmeRepository
from registration.domain.commands import ChangeConsent, RegisterSme, UpdateProfile, WithdrawSme
from registration.domain.errors import (
    DuplicateSmeError,
    IdempotencyKeyReusedError,
    InvalidRegistrationError,
    SmeNotFoundError,
)
from registration.domain.events import DomainEvent
from registration.domain.idempotency import fingerprint
from registration.domain.importing.outcomes import ImportAbortedError, Progress
from registration.domain.importing.ports import Registered
from registration.domain.reference import ReferenceData
from registration.domain.sme import Decision, Sme, change_consent, register_sme, update_profile
from registration.domain.sme import withdraw as withdraw_sme
from umkm_shared.auth import Caller, Target, allows
from umkm_shared.contracts.topics import Context, TopicNames
from umkm_shared.messaging.outbox import outbox_entries
from umkm_shared.store import ConcurrentUpdateError

log = logging.getLogger(__name__)
ATTEMPTS = 3  # decisions on an SME that changed meanwhile are made again, this often at most
PROGRESS_EVERY = 1.0  # seconds between an import's progress writes
HEARTBEAT_EVERY = 5.0
"""Seconds between an import runner's heartbeats."""
ABANDONED_AFTER = timedelta(seconds=60)
"""A running import whose runner has been silent this long is marked failed (its process died)."""
ABANDONED_CHECK_EVERY = 15.0
"""Seconds between two looks for abandoned imports."""
_Accepted = tuple[int, Doc]  # (index among the commands, the SME's document)
Spawn = Callable[[Coroutine[Any, Any, object], str], "asyncio.Task[Any]"]


def new_sme_id() -> str:
    """A fresh SME id, e.g. `sme-6f1d2c3b4a59`."""
    return f"sme-{uuid.uuid4().hex[:12]}"


@dataclass
class RegistrationService:
    """Registers and maintains SMEs; every state change carries its events in the same write."""

    repository: SmeRepository
    reference: ReferenceData
    topics: TopicNames
    pseudonym_key: bytes
    clock: Callable[[], datetime]

    def _outbox(self, events: Sequence[DomainEvent], last_version: int) -> list[dict[str, str]]:
        """Outbox entries numbered after `last_version`, the SME's version before the write."""
        topic = self.topics.events(Context.REGISTRATION)
        return outbox_entries([(topic, to_contract(e)) for e in events], {topic: last_version})

    def _decide(self, cmd: RegisterSme, now: datetime) -> Decision:
        return register_sme(cmd, new_sme_id(), now, self.pseudonym_key, self.reference)

    async def register(self, cmd: RegisterSme, idempotency_key: str | None = None) -> str:
        """Register and return the new SME id (DuplicateSmeError if it exists already).

        A known idempotency key with another request is refused (IdempotencyKeyReusedError);
        an SME stored before requests were fingerprinted counts as the same request.
        """
        sme, events = self._decide(cmd, self.clock())
        request = fingerprint(cmd, self.pseudonym_key) if idempotency_key is not None else None
        try:
            await self.repository.add(
                sme, self._outbox(events, 0), idempotency_key, fingerprint=request
            )
        except DuplicateSmeError as dup:
            if dup.field == "idempotency_key" and dup.fingerprint not in (None, request):
                raise IdempotencyKeyReusedError from None
            raise
        return sme.sme_id

    async def register_many(self, cmds: Sequence[RegisterSme]) -> list[Registered]:
        """Register many SMEs with one bulk write; one result per command, in order.

        Commands that may duplicate each other belong in different calls: the store decides
        which of two clashing SMEs in one call is registered.
        """
        # Deciding a few hundred (validation, NIK encryption, events) is CPU work for a
        # noticeable while: in a worker thread, so the event loop keeps serving requests.
        results, accepted = await asyncio.to_thread(self._decide_all, cmds)
        if accepted:
            clashes = await self.repository.add_many([doc for _, doc in accepted])
            for (index, _), clash in zip(accepted, clashes, strict=True):
                if clash is not None:
                    results[index] = clash
        return results

    def _decide_all(self, cmds: Sequence[RegisterSme]) -> tuple[list[Registered], list[_Accepted]]:
        results: list[Registered] = []
        accepted: list[_Accepted] = []
        now = self.clock()
        for cmd in cmds:
            try:
                sme, events = self._decide(cmd, now)
            except InvalidRegistrationError as invalid:
                results.append(invalid)
                continue
            doc = self.repository.document(sme, self._outbox(events, 0), None)
            accepted.append((len(results), doc))
            results.append(sme.sme_id)
        return results, accepted

    async def update_profile(self, cmd: UpdateProfile) -> Sme:
        """Apply a profile update; returns the SME as stored."""
        return await self._change(
            cmd.sme_id, lambda sme: update_profile(sme, cmd, self.clock(), self.reference)
        )

    async def change_consent(self, cmd: ChangeConsent) -> Sme:
        """Record a consent change (a repeat of the current state changes nothing)."""
        return await self._change(cmd.sme_id, lambda sme: change_consent(sme, cmd, self.clock()))

    async def withdraw(self, cmd: WithdrawSme) -> Sme:
        """Withdraw the SME from the active register."""
        return await self._change(cmd.sme_id, lambda sme: withdraw_sme(sme, cmd, self.clock()))

    async def _change(self, sme_id: str, decide: Callable[[Sme], Decision]) -> Sme:
        """Load, decide, save if still unchanged; a concurrent change means decide again."""
        for attempt in range(1, ATTEMPTS + 1):
            current = await self.repository.load(sme_id)
            if current is None:
                raise SmeNotFoundError(sme_id)
            changed, events = decide(current)
            if not events:
                return changed
            try:
                await self.repository.save(
                    changed, current.version, self._outbox(events, current.version)
                )
            except ConcurrentUpdateError:
                if attempt == ATTEMPTS:
                    raise
                continue
            return changed
        raise AssertionError("unreachable")  # pragma: no cover


def _why(exc: BaseException) -> tuple[str, str]:
    """(Indonesian, English) reason; exception texts may quote cells, so only types and rows."""
    if isinstance(exc, UnreadableFileError):
        return exc.pesan, exc.message
    pesan = "Impor terhenti; mengimpor ulang berkas yang sama aman."
    if isinstance(exc, ImportAbortedError):
        return pesan, f"{exc}; re-importing the file is safe."
    return pesan, f"The import stopped ({type(exc).__name__}); re-importing the file is safe."


@dataclass
class ImportJobs:
    """Imports of uploaded files: each runs in the background, its progress and report stored.

    The uploaded file holds NIKs: it lives in a temporary file only while it is imported.
    """

    service: RegistrationService
    store: ImportStore
    spawn: Spawn

    async def start(
        self,
        file_name: str,
        path: Path,
        estimated_rows: int | None,
        *,
        caller: Caller,
        region: str | None,
    ) -> tuple[str, "asyncio.Task[Any]"]:
        """Record `caller`'s new import of `path` and start it; its id and the running task.

        Rows outside the caller's region are refused; the import is kept with `region` (the
        caller's, None for the whole province), for who may follow it.
        """
        import_id = f"imp-{uuid.uuid4().hex[:12]}"
        now = self.service.clock()
        await self.store.start(
            import_id, file_name, estimated_rows, now, started_by=caller.subject, region=region
        )

        def allowed(cmd: RegisterSme) -> bool:
            target = Target(kabupaten_code=cmd.kabupaten_code)
            return allows(caller, "registration.import", target)

        return import_id, self.spawn(self.run(import_id, path, allowed), f"import-{import_id}")

    async def run(self, import_id: str, path: Path, allowed: Allowed | None = None) -> None:
        """Import `path` (then delete it), writing progress as it goes and the report at the end."""
        latest = Progress()

        def seen(progress: Progress) -> None:
            nonlocal latest
            latest = progress

        service = self.service
        heartbeat = asyncio.create_task(self._beat(import_id), name=f"import-{import_id}-beat")
        try:
            known = await RegisteredKeys.load(service.repository, service.pseudonym_key)
            with contextlib.ExitStack() as opened:
                # Opening a workbook parses its first rows: off the event loop, like the rest.
                table = await asyncio.to_thread(opened.enter_context, open_table(path))
                rows = import_rows(
                    table.rows,
                    service,
                    reference=service.reference,
                    known=known,
                    on_progress=seen,
                    allowed=allowed,
                )
                work = asyncio.create_task(rows)
                try:
                    while not work.done():
                        await asyncio.wait({work}, timeout=PROGRESS_EVERY)
                        await self.store.progress(import_id, latest)
                finally:
                    work.cancel()
                result = work.result()
            lines = report_lines(result.outcomes)
            await self.store.finish(
                import_id, result.summary, lines, result.seconds, service.clock()
            )
        except (Exception, asyncio.CancelledError) as exc:  # cancelled: the service stops
            log.error("import %s failed: %s", import_id, type(exc).__name__)  # noqa: TRY400
            with contextlib.suppress(PyMongoError):
                await self.store.fail(import_id, *_why(exc), service.clock())
            if isinstance(exc, asyncio.CancelledError):
                raise
        finally:
            heartbeat.cancel()
            await asyncio.to_thread(path.unlink, missing_ok=True)

    async def _beat(self, import_id: str) -> None:
        while True:
            with contextlib.suppress(PyMongoError):  # a missed beat is made up by the next
                await self.store.beat(import_id, self.service.clock())
            await asyncio.sleep(HEARTBEAT_EVERY)

    async def fail_abandoned(self, stop: asyncio.Event) -> None:
        """Until `stop`: mark failed the imports whose runner died, any replica's.

        Any running replica notices within `ABANDONED_AFTER` plus `ABANDONED_CHECK_EVERY` of
        the runner's last heartbeat; a poll of the import then says why it stopped.
        """
        while not stop.is_set():
            with contextlib.suppress(PyMongoError):
                failed = await self.store.fail_abandoned(self.service.clock(), ABANDONED_AFTER)
                if failed:
                    log.warning("%d import(s) abandoned by a stopped process marked failed", failed)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=ABANDONED_CHECK_EVERY)
