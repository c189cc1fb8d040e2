"""Application service: load, decide (pure domain), store state and events in one write."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from registration.adapters.contracts import outbox_entries
from registration.adapters.repository import SmeRepository
from registration.domain.commands import ChangeConsent, RegisterSme, UpdateProfile, WithdrawSme
from registration.domain.sme import Decision, Sme, change_consent, register_sme, update_profile
from registration.domain.sme import withdraw as withdraw_sme
from umkm_shared.contracts.topics import TopicNames


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
