"""The application service: load, decide (pure domain), one guarded write with its events."""

import asyncio
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from partnership.adapters.contracts import outbox
from partnership.adapters.ports import Partners, Partnerships, Smes
from partnership.domain import errors, lifecycle, trading
from partnership.domain.commands import (
    CuratePartnership,
    EndPartnership,
    EstablishPartnership,
    ListProduct,
    ProposePartnership,
    RegisterPartner,
    ReportSales,
)
from partnership.domain.compliance import ComplianceView, compliance
from partnership.domain.events import DomainEvent, PartnerJoined
from partnership.domain.lifecycle import Decision
from partnership.domain.partner import Partner, register_partner
from partnership.domain.partnership import Partnership
from partnership.domain.sme import Fact, SmeFacts, learn
from umkm_shared.contracts.topics import TopicNames
from umkm_shared.store import ConcurrentUpdateError

ATTEMPTS = 8
Decide = Callable[[Partnership, SmeFacts], Decision]
"""A decision on a partnership, given what is known of its SME now."""


def new_id(prefix: str) -> str:
    """A fresh id such as `partnership-6f1d2c3b4a59`."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@dataclass
class PartnershipService:
    """Partners and their partnerships; every partnership command is scoped by partner id."""

    partners: Partners
    partnerships: Partnerships
    smes: Smes
    topics: TopicNames
    clock: Callable[[], datetime]

    async def register_partner(self, cmd: RegisterPartner) -> Partner:
        """Register a partner (one per NIB) and publish PartnerRegistered."""
        existing = await self.partners.by_nib(cmd.nib)
        if existing is not None:
            raise errors.partner_exists(existing.partner_id)
        partner = register_partner(cmd, new_id("partner"))
        entries = outbox(self.topics, [PartnerJoined(partner)], 0)
        try:
            await self.partners.save(partner.partner_id, partner, 0, entries)
        except ConcurrentUpdateError:
            # Another request registered this NIB between our look-up and our insert.
            winner = await self.partners.by_nib(cmd.nib)
            if winner is None:
                raise
            raise errors.partner_exists(winner.partner_id) from None
        return partner

    async def partner(self, partner_id: str) -> Partner:
        """A partner, or 404."""
        found, _ = await self.partners.load(partner_id)
        if found is None:
            raise errors.not_found("Mitra", "Partner", partner_id)
        return found

    async def sme(self, sme_id: str) -> SmeFacts:
        """What this service knows of a registered SME, or 404."""
        found, _ = await self.smes.load(sme_id)
        if found is None or not found.registered:
            raise errors.not_found("UMKM", "SME", sme_id)
        return found

    async def propose(self, partner_id: str, cmd: ProposePartnership) -> Partnership:
        """Propose a partnership with a known SME that has not withdrawn."""
        partner = await self.partner(partner_id)
        facts, _ = await self.smes.load(cmd.sme_id)
        pid = new_id("partnership")
        proposal, events = lifecycle.propose(cmd, partner, facts, pid, self.clock())
        await self._store(proposal, 0, 0, events)
        # A withdrawal learned meanwhile may have looked for open partnerships before this
        # one was stored: read the facts again, after the write, so none stays open.
        return await self._change(None, pid, lifecycle.end_for_withdrawal)

    async def partnership(self, partner_id: str, partnership_id: str) -> Partnership:
        """One of the partner's partnerships; another partner's is 404, not 403."""
        return (await self._load(partner_id, partnership_id))[0]

    async def partnerships_of(self, partner_id: str, status: str | None) -> list[Partnership]:
        """The partner's partnerships."""
        await self.partner(partner_id)
        return await self.partnerships.of_partner(partner_id, status)

    async def curate(self, partner_id: str, pid: str, cmd: CuratePartnership) -> Partnership:
        """Run the curation checklist on what is known of the SME now."""
        now = self.clock()
        return await self._change(partner_id, pid, lambda p, f: lifecycle.curate(p, cmd, f, now))

    async def establish(self, partner_id: str, pid: str, cmd: EstablishPartnership) -> Partnership:
        """Sign the agreement."""
        partner = await self.partner(partner_id)
        return await self._change(
            partner_id, pid, lambda p, f: lifecycle.establish(p, cmd, partner, f)
        )

    async def list_product(self, partner_id: str, pid: str, cmd: ListProduct) -> Partnership:
        """List (or re-list) a product."""
        product_id, today = new_id("product"), self.clock().date()
        return await self._change(
            partner_id, pid, lambda p, _: trading.list_product(p, cmd, product_id, today)
        )

    async def report_sales(self, partner_id: str, pid: str, cmd: ReportSales) -> Partnership:
        """Report (or correct) a month's sales."""
        today = self.clock().date()
        return await self._change(partner_id, pid, lambda p, _: trading.report_sales(p, cmd, today))

    async def end(self, partner_id: str, pid: str, cmd: EndPartnership) -> Partnership:
        """End the partnership."""
        today = self.clock().date()
        return await self._change(partner_id, pid, lambda p, _: lifecycle.end(p, cmd, today))

    async def compliance(self, kabupaten: str | None) -> ComplianceView:
        """The regency's compliance view."""
        partners = await self.partners.every()
        return compliance(partners, await self.partnerships.in_kabupaten(kabupaten), kabupaten)

    async def learn(self, batch: Sequence[Fact]) -> None:
        """Apply upstream facts (each once), SMEs side by side; withdrawals end partnerships."""
        by_sme: dict[str, list[Fact]] = defaultdict(list)
        for fact in batch:
            by_sme[fact.sme_id].append(fact)
        await asyncio.gather(*(self._learn_one(sme_id, f) for sme_id, f in by_sme.items()))

    async def _learn_one(self, sme_id: str, found: list[Fact]) -> None:
        for _ in range(ATTEMPTS):
            current, revision = await self.smes.load(sme_id)
            facts = learn(current or SmeFacts(sme_id=sme_id), found)
            try:
                if facts != current:
                    await self.smes.save(sme_id, facts, revision, [])
            except ConcurrentUpdateError:
                continue
            break
        else:
            raise ConcurrentUpdateError(sme_id)
        # Also when nothing was new: a crash may have come between the two writes.
        if facts.withdrawn:
            for pid in await self.partnerships.open_of_sme(sme_id):
                await self._change(None, pid, lifecycle.end_for_withdrawal)

    async def _load(self, partner_id: str | None, pid: str) -> tuple[Partnership, int]:
        found, revision = await self.partnerships.load(pid)
        if found is None or partner_id not in (None, found.partner_id):
            raise errors.not_found("Kemitraan", "Partnership", pid)
        return found, revision

    async def _change(self, partner_id: str | None, pid: str, decide: Decide) -> Partnership:
        """Decide on the current state and store it; `partner_id` None only for the system."""
        for _ in range(ATTEMPTS):
            current, revision = await self._load(partner_id, pid)
            facts, _ = await self.smes.load(current.sme_id)
            changed, events = decide(current, facts or SmeFacts(sme_id=current.sme_id))
            if not events:
                return current
            try:
                return await self._store(changed, revision, current.version, events)
            except ConcurrentUpdateError:
                continue
        raise ConcurrentUpdateError(pid)

    async def _store(
        self, p: Partnership, revision: int, version: int, events: list[DomainEvent]
    ) -> Partnership:
        stored = p.model_copy(update={"version": version + len(events)})
        entries = outbox(self.topics, events, version)
        await self.partnerships.save(p.partnership_id, stored, revision, entries)
        return stored
