"""Application service: turns commands into stored state plus pending events."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from registration.adapters.contracts import outbox_entries
from registration.adapters.repository import SmeRepository
from registration.domain.sme import RegisterSme, register_sme
from umkm_shared.contracts.topics import TopicNames


def new_sme_id() -> str:
    """A fresh SME id, e.g. `sme-6f1d2c3b4a59`."""
    return f"sme-{uuid.uuid4().hex[:12]}"


@dataclass
class RegistrationService:
    """Registers SMEs; every state change carries its events in the same write."""

    repository: SmeRepository
    topics: TopicNames
    pseudonym_key: bytes
    clock: Callable[[], datetime]

    async def register(self, cmd: RegisterSme, idempotency_key: str | None = None) -> str:
        """Register and return the new SME id (DuplicateSmeError if it exists already)."""
        sme, event = register_sme(cmd, new_sme_id(), self.clock(), self.pseudonym_key)
        await self.repository.add(
            sme, outbox_entries(self.topics, event, sme.version), idempotency_key
        )
        return sme.sme_id
