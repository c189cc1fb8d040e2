"""Propose, curate, establish, end: each step's rule, and the events it records."""

from datetime import date, datetime

from partnership.domain import errors
from partnership.domain.commands import (
    CuratePartnership,
    EndPartnership,
    EstablishPartnership,
    ProposePartnership,
)
from partnership.domain.curation import checklist
from partnership.domain.events import (
    DomainEvent,
    PartnershipCurated,
    PartnershipEnded,
    PartnershipEstablished,
    PartnershipProposed,
)
from partnership.domain.partner import Partner
from partnership.domain.partnership import OPEN, Agreement, Curation, Partnership
from partnership.domain.sme import SmeFacts
from umkm_shared.contracts.vocabularies import PARTNERSHIP_PATTERNS

Decision = tuple[Partnership, list[DomainEvent]]
"""A decision: the new state and what happened."""


def propose(
    cmd: ProposePartnership, partner: Partner, sme: SmeFacts | None, pid: str, now: datetime
) -> Decision:
    """A new proposal with a known, active SME, in one of the ten PP 7/2021 patterns."""
    if sme is None or not sme.registered:
        raise errors.not_found("UMKM", "SME", cmd.sme_id)
    if sme.withdrawn:
        raise errors.sme_withdrawn(sme.sme_id)
    if cmd.pattern not in PARTNERSHIP_PATTERNS:
        raise errors.invalid(
            "pattern",
            "Pola kemitraan harus salah satu dari sepuluh pola PP 7/2021",
            "The pattern must be one of the ten PP 7/2021 patterns",
        )
    if not cmd.products:
        raise errors.invalid(
            "products", "Sebutkan minimal satu produk", "Name one product at least"
        )
    proposal = Partnership(
        partnership_id=pid,
        partner_id=partner.partner_id,
        sme_id=sme.sme_id,
        pattern=cmd.pattern,
        products=cmd.products,
        outlets=cmd.outlets,
        kabupaten_code=sme.kabupaten_code,
        kecamatan_code=sme.kecamatan_code,
        proposed_at=now,
    )
    return proposal, [PartnershipProposed(proposal)]


def curate(p: Partnership, cmd: CuratePartnership, sme: SmeFacts, now: datetime) -> Decision:
    """Run the checklist; a failed curation may be run again (after a licence, say)."""
    if p.status not in ("proposed", "curation_failed"):
        raise errors.wrong_state(
            p.status,
            "dikurasi",
            "be curated",
            "diusulkan atau gagal kurasi",
            "proposed or failed curation",
        )
    items = checklist(sme, cmd)
    passed = all(item.met for item in items)
    curation = Curation(items=items, passed=passed, curated_at=now)
    curated = p.model_copy(
        update={
            "status": "curated" if passed else "curation_failed",
            "curation": curation,
            "curations_run": p.curations_run + 1,
        }
    )
    return curated, [PartnershipCurated(curated, curation)]


def establish(
    p: Partnership, cmd: EstablishPartnership, partner: Partner, sme: SmeFacts
) -> Decision:
    """Sign the agreement: only after a passed curation, with the no-control declaration."""
    if p.status != "curated":
        raise errors.wrong_state(
            p.status, "disahkan", "be established", "lolos kurasi", "it passed curation"
        )
    if sme.withdrawn:
        raise errors.sme_withdrawn(sme.sme_id)
    if not cmd.no_ownership_or_control:
        raise errors.invalid(
            "no_ownership_or_control",
            "PP 7/2021 melarang usaha besar memiliki atau menguasai UMKM mitranya: "
            "mitra harus menyatakan tidak memiliki atau menguasai UMKM ini",
            "PP 7/2021 forbids a large business to own or control its UMKM partner: "
            "the partner must declare it does not own or control this UMKM",
        )
    if cmd.end_date is not None and cmd.end_date < cmd.start_date:
        raise errors.invalid(
            "end_date",
            "Tanggal akhir tidak boleh sebelum tanggal mulai",
            "The end date cannot be before the start date",
        )
    if not cmd.outlets:
        raise errors.invalid("outlets", "Sebutkan minimal satu gerai", "Name one outlet at least")
    agreement = Agreement(
        agreement_number=cmd.agreement_number,
        start_date=cmd.start_date,
        end_date=cmd.end_date,
        outlets=cmd.outlets,
        payment_terms_days=cmd.payment_terms_days,
        shelf_space=cmd.shelf_space,
    )
    active = p.model_copy(update={"status": "active", "agreement": agreement})
    return active, [PartnershipEstablished(active, agreement, partner)]


def end(p: Partnership, cmd: EndPartnership, today: date) -> Decision:
    """End an open partnership, with a reason."""
    if p.status not in OPEN:
        raise errors.wrong_state(
            p.status, "diakhiri", "be ended", "belum berakhir", "it has not ended"
        )
    ended_on = cmd.ended_on or today
    ended = p.model_copy(update={"status": "ended", "ended_on": ended_on, "end_reason": cmd.reason})
    return ended, [PartnershipEnded(ended, ended_on, cmd.reason)]


def end_for_withdrawal(p: Partnership, sme: SmeFacts) -> Decision:
    """The SME withdrew: an open partnership ends with the reason; an ended one stays."""
    if p.status not in OPEN or not sme.withdrawn or sme.withdrawn_on is None:
        return p, []
    reason = f"UMKM keluar dari program: {sme.withdrawal_reason or '-'}"[:500]
    return end(p, EndPartnership(reason=reason, ended_on=sme.withdrawn_on), sme.withdrawn_on)
