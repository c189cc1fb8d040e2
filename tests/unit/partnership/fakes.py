"""In-memory fakes of the partnership service's ports, and a service built on them."""

import uuid
from datetime import UTC, date, datetime
from typing import Generic

from pydantic import BaseModel

from partnership.adapters.ports import M, Outbox, Partners, Partnerships, Repository, Smes
from partnership.adapters.upstream import learned
from partnership.domain.commands import (
    ContactPerson,
    EndPartnership,
    EstablishPartnership,
    ListProduct,
    ProposePartnership,
    RegisterPartner,
)
from partnership.domain.curation import StaffChecks
from partnership.domain.partner import Partner
from partnership.domain.partnership import OPEN, Partnership
from partnership.domain.sme import SmeFacts
from partnership.service import PartnershipService
from tests import samples
from tests.samples import new_sme_id
from umkm_shared.auth import Caller
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.contracts.registration import (
    Licences,
    SMEProfileUpdated,
    SMERegistered,
    SMEWithdrawn,
)
from umkm_shared.contracts.topics import TopicNames
from umkm_shared.messaging.dead_letters import decode_envelope
from umkm_shared.store import ConcurrentUpdateError

NOW = datetime(2022, 9, 20, 9, 0, tzinfo=UTC)
NIB = "9120001234567"
ADMIN = Caller("admin", frozenset({"admin_provinsi"}), kabupaten_code="32")
DINAS_BEKASI = Caller("dinas-bekasi", frozenset({"dinas_kabupaten"}), kabupaten_code="32.16")
DINAS_BANDUNG = Caller("dinas-bandung", frozenset({"dinas_kabupaten"}), kabupaten_code="32.04")
VIEWER_BANDUNG = Caller("viewer-bandung", frozenset({"viewer"}), kabupaten_code="32.04")


def partner_caller(partner_id: str) -> Caller:
    """A user of the partner company `partner_id`."""
    return Caller(f"user-of-{partner_id}", frozenset({"partner"}), partner_id=partner_id)


class FakeRepository(Repository[M], Generic[M]):
    """Aggregates in a dict; the outbox entries of every write in `published`."""

    def __init__(self) -> None:
        self.docs: dict[str, tuple[M, int]] = {}
        self.published: list[dict[str, str]] = []

    async def load(self, key: str) -> tuple[M | None, int]:
        state, revision = self.docs.get(key, (None, 0))
        return state, revision

    async def save(self, key: str, state: M, revision: int, outbox: Outbox) -> int:
        if self.docs.get(key, (None, 0))[1] != revision:
            raise ConcurrentUpdateError(key)
        self.docs[key] = (state, revision + 1)
        self.published.extend(outbox)
        return revision + 1


class FakePartners(FakeRepository[Partner], Partners):
    """Partners in memory."""

    async def every(self) -> list[Partner]:
        return [state for state, _ in self.docs.values()]

    async def by_nib(self, nib: str) -> Partner | None:
        return next((state for state, _ in self.docs.values() if state.nib == nib), None)

    async def save(self, key: str, state: Partner, revision: int, outbox: Outbox) -> int:
        # The unique index on `nib` of the Mongo store.
        if any(p.nib == state.nib and k != key for k, (p, _) in self.docs.items()):
            raise ConcurrentUpdateError(key)
        return await super().save(key, state, revision, outbox)


class FakePartnerships(FakeRepository[Partnership], Partnerships):
    """Partnerships in memory; keyed proposals' request hashes in `requests`."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: dict[str, str] = {}

    async def save(
        self,
        key: str,
        state: Partnership,
        revision: int,
        outbox: Outbox,
        request: str | None = None,
    ) -> int:
        saved = await super().save(key, state, revision, outbox)
        if request is not None:
            self.requests[key] = request
        return saved

    async def keyed(self, key: str) -> tuple[Partnership | None, str | None]:
        return (await self.load(key))[0], self.requests.get(key)

    async def of_partner(self, partner_id: str, status: str | None = None) -> list[Partnership]:
        return [
            p
            for p, _ in self.docs.values()
            if p.partner_id == partner_id and status in (None, p.status)
        ]

    async def open_of_sme(self, sme_id: str) -> list[str]:
        return [k for k, (p, _) in self.docs.items() if p.sme_id == sme_id and p.status in OPEN]

    async def in_kabupaten(self, kabupaten: str | None) -> list[Partnership]:
        return [p for p, _ in self.docs.values() if kabupaten in (None, p.kabupaten_code)]


class FakeSmes(FakeRepository[SmeFacts], Smes):
    """SME facts in memory."""


def service() -> PartnershipService:
    """A service on empty fakes, its clock stopped at NOW."""
    return PartnershipService(
        FakePartners(), FakePartnerships(), FakeSmes(), TopicNames("t-"), clock=lambda: NOW
    )


def published_types(svc: PartnershipService) -> list[str]:
    """Names of the partnership events written so far, in order."""
    assert isinstance(svc.partnerships, FakePartnerships)
    assert isinstance(svc.partners, FakePartners)
    entries = svc.partners.published + svc.partnerships.published
    return [entry["payload"].split('"type":"')[1].split('"')[0].split(".")[2] for entry in entries]


def registered(
    sme_id: str, scale: str | None = "mikro", kecamatan: str = "32.16.01"
) -> SMERegistered:
    """SMERegistered as registration publishes it: a licensed business with a NIB."""
    return samples.registered(
        sme_id, kecamatan, nib=NIB, scale=scale, business_name="Keripik Tempe Bu Sari", at=NOW
    )


def licences(sme_id: str, halal: bool = True, pirt: bool = True) -> SMEProfileUpdated:
    """SMEProfileUpdated with the complete current licences."""
    return SMEProfileUpdated(
        sme_id=sme_id,
        licences=Licences(
            nib="9120001234567",
            halal_certificate="ID32110000123450922" if halal else None,
            pirt="2063216010123-27" if pirt else None,
        ),
    )


def withdrawn(sme_id: str) -> SMEWithdrawn:
    """SMEWithdrawn."""
    return SMEWithdrawn(sme_id=sme_id, reason="Usaha tutup", withdrawn_at=NOW)


async def tell(svc: PartnershipService, *events: tuple[BaseModel, int]) -> None:
    """Deliver upstream events (payload, aggregate version) as the consumer would, one batch."""
    found = []
    for data, version in events:
        envelope = decode_envelope(make_event(data, version).to_json_bytes())
        found.append(learned(envelope, data))
    await svc.learn([item for item in found if item is not None])


def register_partner_command(name: str = "Indomaret") -> RegisterPartner:
    """A modern retailer in Kabupaten Bekasi."""
    return RegisterPartner(
        name=name,
        company_type="usaha_besar",
        sector="ritel_modern",
        nib=f"{uuid.uuid4().int % 10**13:013d}",
        kabupaten_code="32.16",
        kecamatan_code="32.16.05",
        contact_person=ContactPerson("Budi Santoso", "+6281298765432"),
    )


def agreement(**changes: object) -> EstablishPartnership:
    """An agreement over two outlets, payment in 14 days, with the no-control declaration."""
    values: dict[str, object] = {
        "agreement_number": "PKS/IDM-UMKM/032/VIII/2022",
        "start_date": date(2022, 9, 1),
        "end_date": date(2023, 8, 31),
        "outlets": ("Indomaret Cikarang Baru", "Indomaret Tambun"),
        "payment_terms_days": 14,
        "no_ownership_or_control": True,
        **changes,
    }
    return EstablishPartnership(**values)  # type: ignore[arg-type]


PASSING = StaffChecks(standard_packaging=True, steady_supply=True)
KERIPIK = ListProduct("IDM-000123", "Keripik Tempe 100 g", 12500, ("Indomaret Tambun",))


async def licensed_sme(svc: PartnershipService, halal: bool = True) -> str:
    """A registered SME with NIB and PIRT, and halal unless told otherwise."""
    sme_id = new_sme_id()
    await tell(svc, (registered(sme_id), 1), (licences(sme_id, halal=halal), 2))
    return sme_id


async def proposed(svc: PartnershipService, halal: bool = True) -> tuple[str, Partnership]:
    """A partner and a proposal of `perdagangan_umum` with a licensed SME."""
    partner = await svc.register_partner(ADMIN, register_partner_command())
    sme_id = await licensed_sme(svc, halal)
    cmd = ProposePartnership(sme_id, "perdagangan_umum", ("Keripik Tempe",), ("Indomaret Tambun",))
    return partner.partner_id, await svc.propose(ADMIN, partner.partner_id, cmd)


async def at(svc: PartnershipService, state: str) -> tuple[str, Partnership]:
    """A partnership brought to `state` through the allowed transitions."""
    partner_id, p = await proposed(svc, halal=state != "curation_failed")
    pid = p.partnership_id
    if state in ("curated", "curation_failed", "active", "ended"):
        p = await svc.curate(ADMIN, partner_id, pid, PASSING)
    if state in ("active", "ended"):
        p = await svc.establish(ADMIN, partner_id, pid, agreement())
    if state == "ended":
        p = await svc.end(ADMIN, partner_id, pid, EndPartnership("Masa perjanjian berakhir"))
    assert p.status == state
    return partner_id, p
