"""Application service: load, decide (pure domain), store state and events in one write."""

import asyncio
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from registration.adapters.contracts import outbox_entries
from registration.adapters.documents import Doc
from registration.adapters.repository import DuplicateSmeError, SmeRepository
from registration.domain.commands import ChangeConsent, RegisterSme, UpdateProfile, WithdrawSme
from registration.domain.errors import InvalidRegistrationError
from registration.domain.sme import Decision, Sme, change_consent, register_sme, update_profile
from registration.domain.sme import withdraw as withdraw_sme
from umkm_shared.contracts.topics import TopicNames

# What became of one command of a batch: the new SME id, or why it was not registered.
Registered = str | DuplicateSmeError | InvalidRegistrationError
_Accepted = tuple[int, Doc]  # (index among the commands, the SME's document)


class SmeNotFoundError(LookupError):
    """No SME has this id."""


def new_sme_id() -> str:
    """A fresh SME id, e.g. `sme-6f1d2c3b4a59`."""
    return f"sme-{uuid.uuid4().hex[:12]}"


@dataclass
class RegistrationService:
    """Registers and maintains SMEs; every state change carries its events in the same write."""

    repository: SmeRepository
    topics: TopicNames
    pseudonym_key: bytes
    clock: Callable[[], datetime]

    async def register(self, cmd: RegisterSme, idempotency_key: str | None = None) -> str:
        """Register and return the new SME id (DuplicateSmeError if it exists already)."""
        sme, events = register_sme(cmd, new_sme_id(), self.clock(), self.pseudonym_key)
        outbox = outbox_entries(self.topics, events, first_version=1)
        await self.repository.add(sme, outbox, idempotency_key)
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
                sme, events = register_sme(cmd, new_sme_id(), now, self.pseudonym_key)
            except InvalidRegistrationError as invalid:
                results.append(invalid)
                continue
            outbox = outbox_entries(self.topics, events, 1)
            accepted.append((len(results), self.repository.document(sme, outbox, None)))
            results.append(sme.sme_id)
        return results, accepted

    async def update_profile(self, cmd: UpdateProfile) -> Sme:
        """Apply a profile update; returns the SME as stored."""
        return await self._change(cmd.sme_id, lambda sme: update_profile(sme, cmd, self.clock()))

    async def change_consent(self, cmd: ChangeConsent) -> Sme:
        """Record a consent change (a repeat of the current state changes nothing)."""
        return await self._change(cmd.sme_id, lambda sme: change_consent(sme, cmd, self.clock()))

    async def withdraw(self, cmd: WithdrawSme) -> Sme:
        """Withdraw the SME from the active register."""
        return await self._change(cmd.sme_id, lambda sme: withdraw_sme(sme, cmd, self.clock()))

    async def _change(self, sme_id: str, decide: Callable[[Sme], Decision]) -> Sme:
        current = await self.repository.load(sme_id)
        if current is None:
            raise SmeNotFoundError(sme_id)
        changed, events = decide(current)
        if events:
            outbox = outbox_entries(self.topics, events, current.version + 1)
            await self.repository.save(changed, current.version, outbox)
        return changed
