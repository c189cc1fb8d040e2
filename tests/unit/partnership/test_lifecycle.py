"""Every allowed and every refused transition of a partnership, on fakes."""

import json
from collections.abc import Awaitable, Callable
from datetime import date

import pytest

from partnership.domain.commands import (
    EndPartnership,
    ProductSales,
    ProposePartnership,
    ReportSales,
)
from partnership.service import PartnershipService
from tests.unit.partnership.fakes import (
    ADMIN,
    KERIPIK,
    PASSING,
    FakePartnerships,
    agreement,
    at,
    licensed_sme,
    proposed,
    published_types,
    register_partner_command,
    service,
    tell,
    withdrawn,
)
from umkm_shared.errors import RefusalError

Action = Callable[[PartnershipService, str, str], Awaitable[object]]
SEPTEMBER = ReportSales("2022-09", (ProductSales("IDM-000123", 10, 125000),))

ACTIONS: dict[str, Action] = {
    "curate": lambda s, partner, pid: s.curate(ADMIN, partner, pid, PASSING),
    "establish": lambda s, partner, pid: s.establish(ADMIN, partner, pid, agreement()),
    "list_product": lambda s, partner, pid: s.list_product(ADMIN, partner, pid, KERIPIK),
    "report_sales": lambda s, partner, pid: s.report_sales(ADMIN, partner, pid, SEPTEMBER),
    "end": lambda s, partner, pid: s.end(ADMIN, partner, pid, EndPartnership("Tidak dilanjutkan")),
}
ALLOWED = {
    "curate": {"proposed", "curation_failed"},
    "establish": {"curated"},
    "list_product": {"active"},
    "report_sales": {"active"},
    "end": {"proposed", "curation_failed", "curated", "active"},
}
STATES = ("proposed", "curation_failed", "curated", "active", "ended")
REFUSED = [(a, s) for a in ACTIONS for s in STATES if s not in ALLOWED[a]]
PERMITTED = [(a, s) for a in ACTIONS for s in STATES if s in ALLOWED[a]]


async def test_a_partnership_goes_through_its_whole_life_with_one_event_per_step() -> None:
    svc = service()
    partner_id, p = await at(svc, "active")
    pid = p.partnership_id
    await svc.list_product(ADMIN, partner_id, pid, KERIPIK)
    await svc.report_sales(ADMIN, partner_id, pid, SEPTEMBER)
    ended = await svc.end(ADMIN, partner_id, pid, EndPartnership("Masa perjanjian berakhir"))
    assert ended.status == "ended"
    assert ended.version == 6
    assert published_types(svc) == [
        "PartnerRegistered",
        "PartnershipProposed",
        "PartnershipCurated",
        "PartnershipEstablished",
        "ProductListed",
        "SalesReported",
        "PartnershipEnded",
    ]
    assert isinstance(svc.partnerships, FakePartnerships)
    versions = [json.loads(e["payload"])["aggregateversion"] for e in svc.partnerships.published]
    assert versions == [1, 2, 3, 4, 5, 6]
    assert {e["key"] for e in svc.partnerships.published} == {p.sme_id}


@pytest.mark.parametrize(("action", "state"), PERMITTED)
async def test_each_allowed_transition_is_taken(action: str, state: str) -> None:
    svc = service()
    partner_id, p = await at(svc, state)
    if action == "report_sales":
        await svc.list_product(ADMIN, partner_id, p.partnership_id, KERIPIK)
    await ACTIONS[action](svc, partner_id, p.partnership_id)


@pytest.mark.parametrize(("action", "state"), REFUSED)
async def test_each_refused_transition_names_the_current_state_in_both_languages(
    action: str, state: str
) -> None:
    svc = service()
    partner_id, p = await at(svc, state)
    before = (await svc.partnership(ADMIN, partner_id, p.partnership_id)).version
    with pytest.raises(RefusalError) as refused:
        await ACTIONS[action](svc, partner_id, p.partnership_id)
    assert refused.value.kind == "conflict"
    assert refused.value.extra["current_state"] == state
    assert "Kemitraan berstatus" in refused.value.pesan
    assert "The partnership is" in refused.value.message
    assert (await svc.partnership(ADMIN, partner_id, p.partnership_id)).version == before


async def test_an_agreement_without_the_no_control_declaration_is_refused() -> None:
    svc = service()
    partner_id, p = await at(svc, "curated")
    with pytest.raises(RefusalError) as refused:
        await svc.establish(
            ADMIN, partner_id, p.partnership_id, agreement(no_ownership_or_control=False)
        )
    assert refused.value.kind == "invalid"
    assert "menguasai" in refused.value.pesan
    assert "own or control" in refused.value.message


async def test_an_agreement_ending_before_it_starts_is_refused() -> None:
    svc = service()
    partner_id, p = await at(svc, "curated")
    with pytest.raises(RefusalError) as refused:
        await svc.establish(
            ADMIN, partner_id, p.partnership_id, agreement(end_date=date(2022, 8, 1))
        )
    assert refused.value.errors[0].field == "end_date"


async def test_a_proposal_needs_a_known_sme_and_a_known_partner() -> None:
    svc = service()
    partner = await svc.register_partner(ADMIN, register_partner_command())
    sme_id = await licensed_sme(svc)
    cmd = ProposePartnership("sme-000000000000", "waralaba", ("Keripik",), ())
    with pytest.raises(RefusalError) as unknown_sme:
        await svc.propose(ADMIN, partner.partner_id, cmd)
    assert unknown_sme.value.kind == "not_found"
    good = ProposePartnership(sme_id, "waralaba", ("Keripik",), ())
    with pytest.raises(RefusalError) as unknown_partner:
        await svc.propose(ADMIN, "partner-000000000000", good)
    assert unknown_partner.value.kind == "not_found"


async def test_a_proposal_outside_the_ten_patterns_is_refused() -> None:
    svc = service()
    partner = await svc.register_partner(ADMIN, register_partner_command())
    sme_id = await licensed_sme(svc)
    with pytest.raises(RefusalError) as refused:
        await svc.propose(
            ADMIN, partner.partner_id, ProposePartnership(sme_id, "konsinyasi", ("K",), ())
        )
    assert refused.value.errors[0].field == "pattern"


async def test_a_withdrawn_sme_cannot_get_a_new_proposal() -> None:
    svc = service()
    partner_id, p = await proposed(svc)
    await tell(svc, (withdrawn(p.sme_id), 3))
    cmd = ProposePartnership(p.sme_id, "rantai_pasok", ("Keripik",), ())
    with pytest.raises(RefusalError) as refused:
        await svc.propose(ADMIN, partner_id, cmd)
    assert refused.value.kind == "conflict"
    assert "keluar" in refused.value.pesan
    assert "withdrawn" in refused.value.message
