"""Who may touch which partner, partnership and SME (object level, OWASP API1)."""

import dataclasses
from collections.abc import Awaitable, Callable

import pytest

from partnership.domain.commands import (
    EndPartnership,
    ProductSales,
    ProposePartnership,
    ReportSales,
)
from partnership.domain.partnership import Partnership
from partnership.service import PartnershipService
from tests.unit.partnership.fakes import (
    ADMIN,
    DINAS_BANDUNG,
    DINAS_BEKASI,
    KERIPIK,
    PASSING,
    VIEWER_BANDUNG,
    agreement,
    at,
    partner_caller,
    register_partner_command,
    service,
)
from umkm_shared.auth import Caller
from umkm_shared.errors import RefusalError

SEPTEMBER = ReportSales("2022-09", (ProductSales(KERIPIK.sku, 40, 500000),))
Attempt = Callable[[PartnershipService, Caller, str, str], Awaitable[Partnership]]
COMMANDS: dict[str, Attempt] = {
    "read": lambda s, c, partner, pid: s.partnership(c, partner, pid),
    "curate": lambda s, c, partner, pid: s.curate(c, partner, pid, PASSING),
    "establish": lambda s, c, partner, pid: s.establish(c, partner, pid, agreement()),
    "list_product": lambda s, c, partner, pid: s.list_product(c, partner, pid, KERIPIK),
    "report_sales": lambda s, c, partner, pid: s.report_sales(c, partner, pid, SEPTEMBER),
    "end": lambda s, c, partner, pid: s.end(c, partner, pid, EndPartnership("Tidak lanjut")),
}


async def refusal(attempt: Awaitable[object]) -> str:
    """The kind of refusal the attempt meets."""
    with pytest.raises(RefusalError) as refused:
        await attempt
    return refused.value.kind


@pytest.mark.parametrize("command", COMMANDS)
async def test_a_dinas_of_another_kabupaten_is_refused_a_bekasi_partnership(command: str) -> None:
    svc = service()
    partner_id, p = await at(svc, "active")  # an SME of Kabupaten Bekasi (32.16)
    attempt = COMMANDS[command](svc, DINAS_BANDUNG, partner_id, p.partnership_id)
    assert await refusal(attempt) == "forbidden"
    assert (await svc.partnership(ADMIN, partner_id, p.partnership_id)) == p


async def test_the_dinas_of_the_smes_kabupaten_runs_the_partnership() -> None:
    svc = service()
    partner_id, p = await at(svc, "curated")
    pid = p.partnership_id
    await svc.establish(DINAS_BEKASI, partner_id, pid, agreement())
    await svc.list_product(DINAS_BEKASI, partner_id, pid, KERIPIK)
    await svc.report_sales(DINAS_BEKASI, partner_id, pid, SEPTEMBER)
    ended = await svc.end(DINAS_BEKASI, partner_id, pid, EndPartnership("Tidak lanjut"))
    assert ended.status == "ended"


async def test_a_partner_trades_on_its_own_partnerships_only() -> None:
    svc = service()
    partner_id, p = await at(svc, "active")
    pid, own = p.partnership_id, partner_caller(partner_id)
    await svc.list_product(own, partner_id, pid, KERIPIK)
    assert (await svc.report_sales(own, partner_id, pid, SEPTEMBER)).sales != {}
    assert [x.partnership_id for x in await svc.partnerships_of(own, partner_id, None)] == [pid]

    stranger_id = "partner-00000000a999"
    stranger = partner_caller(stranger_id)
    for attempt in (
        svc.report_sales(stranger, partner_id, pid, SEPTEMBER),
        svc.list_product(stranger, partner_id, pid, KERIPIK),
        svc.partnerships_of(stranger, partner_id, None),
        svc.partner(stranger, partner_id),
        svc.sme(stranger, p.sme_id),
    ):
        assert await refusal(attempt) == "forbidden"
    # under its own id, another's partnership is not there
    assert await refusal(svc.report_sales(stranger, stranger_id, pid, SEPTEMBER)) == "not_found"


async def test_a_partner_lists_only_itself_and_sees_only_smes_it_partners_with() -> None:
    svc = service()
    partner_id, p = await at(svc, "proposed")
    other = await svc.register_partner(ADMIN, register_partner_command("Alfamart"))
    own = partner_caller(partner_id)
    assert [x.partner_id for x in await svc.partners_for(own)] == [partner_id]
    assert {x.partner_id for x in await svc.partners_for(DINAS_BANDUNG)} == {
        partner_id,
        other.partner_id,
    }
    assert (await svc.sme(own, p.sme_id)).sme_id == p.sme_id
    assert await refusal(svc.sme(partner_caller(other.partner_id), p.sme_id)) == "forbidden"


async def test_a_dinas_sees_smes_and_partnerships_of_its_region_only() -> None:
    svc = service()
    partner_id, p = await at(svc, "proposed")
    assert (await svc.sme(DINAS_BEKASI, p.sme_id)).kabupaten_code == "32.16"
    assert await refusal(svc.sme(DINAS_BANDUNG, p.sme_id)) == "forbidden"
    assert await refusal(svc.sme(DINAS_BANDUNG, "sme-000000000000")) == "not_found"
    assert await svc.partnerships_of(DINAS_BANDUNG, partner_id, None) == []
    assert len(await svc.partnerships_of(DINAS_BEKASI, partner_id, None)) == 1


async def test_a_dinas_proposes_only_for_an_sme_of_its_region() -> None:
    svc = service()
    partner_id, p = await at(svc, "ended")
    cmd = ProposePartnership(p.sme_id, "perdagangan_umum", ("Keripik",), ())
    assert await refusal(svc.propose(DINAS_BANDUNG, partner_id, cmd)) == "forbidden"
    assert (await svc.propose(DINAS_BEKASI, partner_id, cmd)).status == "proposed"


async def test_a_dinas_registers_partners_of_its_region_or_province_wide_only() -> None:
    svc = service()
    bekasi = register_partner_command("Toko Bekasi")
    province_wide = dataclasses.replace(
        register_partner_command("Ritel Jabar"), kabupaten_code=None, kecamatan_code=None
    )
    assert (await svc.register_partner(DINAS_BEKASI, bekasi)).kabupaten_code == "32.16"
    assert (await svc.register_partner(DINAS_BANDUNG, province_wide)).kabupaten_code is None
    elsewhere = register_partner_command("Toko Bekasi Lain")
    assert await refusal(svc.register_partner(DINAS_BANDUNG, elsewhere)) == "forbidden"
    chosen = dataclasses.replace(
        register_partner_command("Indomaret"), partner_id="partner-00000000a001"
    )
    assert await refusal(svc.register_partner(DINAS_BEKASI, chosen)) == "forbidden"
    assert len(await svc.partners.every()) == 2


async def test_a_chosen_partner_id_is_kept_and_cannot_be_taken_twice() -> None:
    svc = service()
    chosen = dataclasses.replace(
        register_partner_command("Indomaret"), partner_id="partner-00000000a001"
    )
    assert (await svc.register_partner(ADMIN, chosen)).partner_id == "partner-00000000a001"
    again = await refusal(svc.register_partner(ADMIN, chosen))  # the same NIB: existing
    taken = dataclasses.replace(register_partner_command("Alfamart"), partner_id=chosen.partner_id)
    assert (again, await refusal(svc.register_partner(ADMIN, taken))) == ("conflict", "conflict")
    assert [p.name for p in await svc.partners.every()] == ["Indomaret"]


async def test_compliance_is_the_callers_region_and_another_is_refused() -> None:
    svc = service()
    await at(svc, "active")  # a Bekasi partnership
    own = await svc.compliance(DINAS_BANDUNG, None)
    assert own.kabupaten_code == "32.04"
    assert all(row.active_partnerships == 0 for row in own.partners)
    assert (await svc.compliance(DINAS_BEKASI, None)).partners[0].active_partnerships == 1
    assert (await svc.compliance(ADMIN, None)).kabupaten_code is None
    assert await refusal(svc.compliance(DINAS_BANDUNG, "32.16")) == "forbidden"
    assert await refusal(svc.compliance(VIEWER_BANDUNG, "32.16")) == "forbidden"
    assert (await svc.compliance(VIEWER_BANDUNG, "32.04")).kecamatan == []
