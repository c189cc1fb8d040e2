"""The application service: load, decide (pure domain), one guarded write with its events."""

import asyncio
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from partnership.adapters.access import (
    COMPLIANCE,
    CURATE,
    END,
    ESTABLISH,
    LIST_PRODUCT,
    PROPOSE,
    READ,
    REPORT_SALES,
    check_partner,
    check_registration,
    reaches_partner,
    target,
)
from partnership.adapters.contracts import outbox
from partnership.adapters.ports import Partners, Partnerships, Smes
from partnership.domain import errors, idempotency, lifecycle, trading
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
from umkm_shared.auth import Caller, Target, allows, check, region_filter
from umkm_shared.contracts.topics import TopicNames
from umkm_shared.programme_time import programme_day
from umkm_shared.store import ConcurrentUpdateError

ATTEMPTS = 8
Decide = Callable[[Partnership, SmeFacts], Decision]
"""A decision on a partnership, given what is known of its SME now."""
Access = tuple[Caller, str]
"""Who asks, and for which action of the roles matrix."""


def new_id(prefix: str) -> str:
    """A fresh id such as `partnership-6f1d2c3b4a59`."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@dataclass
class PartnershipService:
    """Partners and their partnerships; every command names its caller, checked against the
    object it touches, and is scoped by partner id."""

    partners: Partners
    partnerships: Partnerships
    smes: Smes
    topics: TopicNames
    clock: Callable[[], datetime]

    async def register_partner(self, caller: Caller, cmd: RegisterPartner) -> Partner:
        """Register a partner (one per NIB, under a chosen id or a new one); PartnerRegistered."""
        check_registration(caller, cmd)
        existing = await self.partners.by_nib(cmd.nib)
        if existing is not None:
            raise errors.partner_exists(existing.partner_id)
        partner = register_partner(cmd, cmd.partner_id or new_id("partner"))
        if (await self.partners.load(partner.partner_id))[0] is not None:
            raise errors.partner_id_taken()
        entries = outbox(self.topics, [PartnerJoined(partner)], 0)
        try:
            await self.partners.save(partner.partner_id, partner, 0, entries)
        except ConcurrentUpdateError:
            # Another request registered this NIB (or id) between our look-ups and our insert.
            winner = await self.partners.by_nib(cmd.nib)
            if winner is not None:
                raise errors.partner_exists(winner.partner_id) from None
            if cmd.partner_id is not None:
                raise errors.partner_id_taken() from None
            raise
        return partner

    async def partners_for(self, caller: Caller) -> list[Partner]:
        """The partners the caller reaches: all of them, or a partner its own only."""
        return [
            p for p in await self.partners.every() if reaches_partner(caller, READ, p.partner_id)
        ]

    async def partner(self, caller: Caller, partner_id: str) -> Partner:
        """A partner the caller reaches, or 403, or 404."""
        check_partner(caller, READ, partner_id)
        return await self._partner(partner_id)

    async def sme(self, caller: Caller, sme_id: str) -> SmeFacts:
        """What this service knows of a registered SME: a Dinas of its region, a partner
        partnered with it; 404 if unknown."""
        found, _ = await self.smes.load(sme_id)
        if found is None or not found.registered:
            raise errors.not_found("UMKM", "SME", sme_id)
        own = caller.partner_id is not None and any(
            p.sme_id == sme_id for p in await self.partnerships.of_partner(caller.partner_id)
        )
        check(
            caller,
            READ,
            Target(
                kabupaten_code=found.kabupaten_code, partner_id=caller.partner_id if own else None
            ),
        )
        return found

    async def propose(
        self,
        caller: Caller,
        partner_id: str,
        cmd: ProposePartnership,
        idempotency_key: str | None = None,
    ) -> Partnership:
        """Propose a partnership with a known SME of the caller's region that has not withdrawn.

        With an Idempotency-Key the id comes from (partner, key): a retry finds the first
        proposal and raises ProposalRepeatedError with it (another body under the key: 422).
        """
        check_partner(caller, PROPOSE, partner_id)
        partner = await self._partner(partner_id)
        if idempotency_key is None:
            pid, request = new_id("partnership"), None
        else:
            pid = idempotency.partnership_id(partner_id, idempotency_key)
            request = idempotency.fingerprint(partner_id, cmd)
            await self._not_repeated(caller, pid, request)
        facts, _ = await self.smes.load(cmd.sme_id)
        if facts is not None and facts.registered:
            check(
                caller, PROPOSE, Target(kabupaten_code=facts.kabupaten_code, partner_id=partner_id)
            )
        proposal, events = lifecycle.propose(cmd, partner, facts, pid, self.clock())
        try:
            await self._store(proposal, 0, 0, events, request)
        except ConcurrentUpdateError:
            if request is not None:  # the same key's retry inserted first, on any replica
                await self._not_repeated(caller, pid, request)
            raise
        # A withdrawal learned meanwhile may have looked for open partnerships before this
        # one was stored: read the facts again, after the write, so none stays open.
        return await self._change(None, None, pid, lifecycle.end_for_withdrawal)

    async def _not_repeated(self, caller: Caller, pid: str, request: str) -> None:
        """Refuse a keyed proposal stored already: ProposalRepeatedError, or 422."""
        found, stored = await self.partnerships.keyed(pid)
        if found is not None:
            check(caller, PROPOSE, target(found))
            idempotency.refuse_repeat(found, stored, request)

    async def partnership(self, caller: Caller, partner_id: str, pid: str) -> Partnership:
        """One of the partner's partnerships; another partner's is 404 (under this id)."""
        return (await self._load((caller, READ), partner_id, pid))[0]

    async def partnerships_of(
        self, caller: Caller, partner_id: str, status: str | None
    ) -> list[Partnership]:
        """The partner's partnerships the caller reaches (a Dinas: those of its region)."""
        await self.partner(caller, partner_id)
        found = await self.partnerships.of_partner(partner_id, status)
        return [p for p in found if allows(caller, READ, target(p))]

    async def curate(
        self, caller: Caller, partner_id: str, pid: str, cmd: CuratePartnership
    ) -> Partnership:
        """Run the curation checklist on what is known of the SME now."""
        now = self.clock()
        return await self._change(
            (caller, CURATE), partner_id, pid, lambda p, f: lifecycle.curate(p, cmd, f, now)
        )

    async def establish(
        self, caller: Caller, partner_id: str, pid: str, cmd: EstablishPartnership
    ) -> Partnership:
        """Sign the agreement."""
        check_partner(caller, ESTABLISH, partner_id)
        partner = await self._partner(partner_id)
        return await self._change(
            (caller, ESTABLISH),
            partner_id,
            pid,
            lambda p, f: lifecycle.establish(p, cmd, partner, f),
        )

    async def list_product(
        self, caller: Caller, partner_id: str, pid: str, cmd: ListProduct
    ) -> Partnership:
        """List (or re-list) a product."""
        product_id, today = new_id("product"), programme_day(self.clock())
        return await self._change(
            (caller, LIST_PRODUCT),
            partner_id,
            pid,
            lambda p, _: trading.list_product(p, cmd, product_id, today),
        )

    async def report_sales(
        self, caller: Caller, partner_id: str, pid: str, cmd: ReportSales
    ) -> Partnership:
        """Report (or correct) a month's sales."""
        today = programme_day(self.clock())
        return await self._change(
            (caller, REPORT_SALES),
            partner_id,
            pid,
            lambda p, _: trading.report_sales(p, cmd, today),
        )

    async def end(
        self, caller: Caller, partner_id: str, pid: str, cmd: EndPartnership
    ) -> Partnership:
        """End the partnership."""
        today = programme_day(self.clock())
        return await self._change(
            (caller, END), partner_id, pid, lambda p, _: lifecycle.end(p, cmd, today)
        )

    async def compliance(self, caller: Caller, kabupaten: str | None) -> ComplianceView:
        """The regency's compliance view: the caller's own region unless it asks for one in
        it (another is 403); the province's for the admin and provincial readers."""
        if kabupaten is not None:
            check(caller, COMPLIANCE, Target(kabupaten_code=kabupaten))
        else:
            region = region_filter(caller)
            kabupaten = region if region is not None and "." in region else None
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
                await self._change(None, None, pid, lifecycle.end_for_withdrawal)

    async def _partner(self, partner_id: str) -> Partner:
        found, _ = await self.partners.load(partner_id)
        if found is None:
            raise errors.not_found("Mitra", "Partner", partner_id)
        return found

    async def _load(
        self, access: Access | None, partner_id: str | None, pid: str
    ) -> tuple[Partnership, int]:
        """The partnership, if under `partner_id` (None: any) and the caller may do the action
        to it; `access` None only for the system (an upstream event)."""
        if access is not None and partner_id is not None:
            check_partner(*access, partner_id)
        found, revision = await self.partnerships.load(pid)
        if found is None or partner_id not in (None, found.partner_id):
            raise errors.not_found("Kemitraan", "Partnership", pid)
        if access is not None:
            check(*access, target(found))
        return found, revision

    async def _change(
        self, access: Access | None, partner_id: str | None, pid: str, decide: Decide
    ) -> Partnership:
        """Decide on the current state and store it; `access` None only for the system."""
        for _ in range(ATTEMPTS):
            current, revision = await self._load(access, partner_id, pid)
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
        self,
        p: Partnership,
        revision: int,
        version: int,
        events: list[DomainEvent],
        request: str | None = None,
    ) -> Partnership:
        stored = p.model_copy(update={"version": version + len(events)})
        entries = outbox(self.topics, events, version)
        await self.partnerships.save(p.partnership_id, stored, revision, entries, request)
        return stored
