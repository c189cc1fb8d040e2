"""What the application service needs from storage (the Mongo stores and the test fakes)."""

import abc
from typing import Generic, TypeVar

from pydantic import BaseModel

from partnership.domain.partner import Partner
from partnership.domain.partnership import Partnership
from partnership.domain.sme import SmeFacts

M = TypeVar("M", bound=BaseModel)
Outbox = list[dict[str, str]]


class Repository(abc.ABC, Generic[M]):
    """Aggregates by key with their revision; a save is conditional on the revision read."""

    @abc.abstractmethod
    async def load(self, key: str) -> tuple[M | None, int]:
        """The aggregate and its revision (0 when absent)."""

    @abc.abstractmethod
    async def save(self, key: str, state: M, revision: int, outbox: Outbox) -> int:
        """Store state and events in one write if still at `revision`, else
        ConcurrentUpdateError; returns the new revision."""


class Partners(Repository[Partner]):
    """The partners."""

    @abc.abstractmethod
    async def every(self) -> list[Partner]:
        """Every partner."""

    @abc.abstractmethod
    async def by_nib(self, nib: str) -> Partner | None:
        """The partner with this NIB, if any."""


class Partnerships(Repository[Partnership]):
    """The partnerships; one proposed with an Idempotency-Key keeps its request hash beside."""

    @abc.abstractmethod
    async def save(
        self,
        key: str,
        state: Partnership,
        revision: int,
        outbox: Outbox,
        request: str | None = None,
    ) -> int:
        """As `Repository.save`; `request` (a keyed proposal's hash) is stored outside the
        state, never shown, and kept by later writes."""

    @abc.abstractmethod
    async def keyed(self, key: str) -> tuple[Partnership | None, str | None]:
        """The partnership and the request hash it was proposed with (None: without a key)."""

    @abc.abstractmethod
    async def of_partner(self, partner_id: str, status: str | None = None) -> list[Partnership]:
        """One partner's partnerships (optionally of one status), oldest first."""

    @abc.abstractmethod
    async def open_of_sme(self, sme_id: str) -> list[str]:
        """Ids of the SME's partnerships that have not ended."""

    @abc.abstractmethod
    async def in_kabupaten(self, kabupaten: str | None) -> list[Partnership]:
        """Every partnership with an SME of the kabupaten (all of them for None)."""


class Smes(Repository[SmeFacts]):
    """The SME facts learned from upstream events."""
