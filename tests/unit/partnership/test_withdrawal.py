"""A withdrawal ends the SME's open partnerships once, whatever is redelivered."""

from datetime import UTC, date, datetime

from partnership.domain.commands import ProposePartnership
from partnership.domain.sme import SmeFacts
from tests.unit.partnership.fakes import (
    ADMIN,
    NOW,
    FakeSmes,
    at,
    licensed_sme,
    published_types,
    register_partner_command,
    service,
    tell,
    withdrawn,
)
from umkm_shared.contracts.registration import SMEWithdrawn


async def test_a_withdrawal_ends_every_open_partnership_of_the_sme_with_the_reason() -> None:
    svc = service()
    partner_id, p = await at(svc, "active")
    await tell(svc, (withdrawn(p.sme_id), 3))
    ended = await svc.partnership(ADMIN, partner_id, p.partnership_id)
    assert ended.status == "ended"
    assert ended.end_reason == "UMKM keluar dari program: Usaha tutup"
    assert ended.ended_on is not None


async def test_a_redelivered_withdrawal_ends_a_partnership_only_once() -> None:
    svc = service()
    _, p = await at(svc, "curated")
    await tell(svc, (withdrawn(p.sme_id), 3))
    await tell(svc, (withdrawn(p.sme_id), 3), (withdrawn(p.sme_id), 3))
    assert published_types(svc).count("PartnershipEnded") == 1


async def test_an_ended_partnership_stays_as_it_ended() -> None:
    svc = service()
    partner_id, p = await at(svc, "ended")
    await tell(svc, (withdrawn(p.sme_id), 3))
    assert (await svc.partnership(ADMIN, partner_id, p.partnership_id)).end_reason == (
        "Masa perjanjian berakhir"
    )
    assert published_types(svc).count("PartnershipEnded") == 1


class _WithdrawsDuringTheProposal(FakeSmes):
    """The consumer learns the withdrawal right after the proposal read the facts."""

    def __init__(self, inner: FakeSmes, sme_id: str) -> None:
        super().__init__()
        self.docs, self.sme_id, self.reads = inner.docs, sme_id, 0

    async def load(self, key: str) -> tuple[SmeFacts | None, int]:
        found = await super().load(key)
        self.reads += 1
        if self.reads == 1 and found[0] is not None:
            gone = found[0].model_copy(update={"withdrawn": True, "withdrawn_on": NOW.date()})
            self.docs[key] = (gone, found[1] + 1)
        return found


async def test_a_proposal_racing_a_withdrawal_does_not_stay_open() -> None:
    svc = service()
    partner = await svc.register_partner(ADMIN, register_partner_command())
    sme_id = await licensed_sme(svc)
    assert isinstance(svc.smes, FakeSmes)
    svc.smes = _WithdrawsDuringTheProposal(svc.smes, sme_id)
    cmd = ProposePartnership(sme_id, "waralaba", ("Keripik",), ())
    assert (await svc.propose(ADMIN, partner.partner_id, cmd)).status == "ended"


async def test_a_withdrawal_at_night_in_utc_is_dated_by_the_day_in_jakarta() -> None:
    svc = service()
    partner_id, p = await at(svc, "active")
    at_0100_wib = datetime(2022, 9, 30, 18, 0, tzinfo=UTC)  # 1 October in Jakarta
    late = SMEWithdrawn(sme_id=p.sme_id, reason="Usaha tutup", withdrawn_at=at_0100_wib)
    await tell(svc, (late, 3))
    ended = await svc.partnership(ADMIN, partner_id, p.partnership_id)
    assert ended.ended_on == date(2022, 10, 1)
