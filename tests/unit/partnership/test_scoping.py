"""A partner sees and changes only its own partnerships."""

import pytest

from partnership.domain.commands import EndPartnership
from partnership.domain.partner import Partner
from tests.unit.partnership.fakes import ADMIN, PASSING, at, register_partner_command, service
from umkm_shared.errors import RefusalError


async def test_another_partners_partnership_is_not_found_for_reading_or_changing() -> None:
    svc = service()
    owner, p = await at(svc, "proposed")
    other = (await svc.register_partner(ADMIN, register_partner_command("Alfamart"))).partner_id
    attempts = [
        svc.partnership(ADMIN, other, p.partnership_id),
        svc.curate(ADMIN, other, p.partnership_id, PASSING),
        svc.end(ADMIN, other, p.partnership_id, EndPartnership("Bukan milik kami")),
    ]
    for attempt in attempts:
        with pytest.raises(RefusalError) as refused:
            await attempt
        assert refused.value.kind == "not_found"
    assert (await svc.partnership(ADMIN, owner, p.partnership_id)).status == "proposed"
    assert await svc.partnerships_of(ADMIN, other, None) == []
    assert [x.partnership_id for x in await svc.partnerships_of(ADMIN, owner, None)] == [
        p.partnership_id
    ]


async def test_an_unknown_partner_has_no_partnerships_to_list() -> None:
    with pytest.raises(RefusalError) as refused:
        await service().partnerships_of(ADMIN, "partner-000000000000", None)
    assert refused.value.kind == "not_found"


async def test_a_partner_is_registered_once_per_nib() -> None:
    svc = service()
    cmd = register_partner_command()
    first = await svc.register_partner(ADMIN, cmd)
    with pytest.raises(RefusalError) as refused:
        await svc.register_partner(ADMIN, cmd)
    assert refused.value.kind == "conflict"
    assert refused.value.extra["existing_partner_id"] == first.partner_id


async def test_a_partner_registered_by_another_replica_meanwhile_is_named_not_duplicated() -> None:
    svc = service()
    cmd = register_partner_command()
    other_replica = await svc.register_partner(ADMIN, cmd)
    looked_up = svc.partners.by_nib

    async def not_yet_seen(nib: str) -> Partner | None:
        svc.partners.by_nib = looked_up  # type: ignore[method-assign]
        return None  # our look-up ran before the other replica's insert landed

    svc.partners.by_nib = not_yet_seen  # type: ignore[method-assign]
    with pytest.raises(RefusalError) as refused:
        await svc.register_partner(ADMIN, cmd)

    assert refused.value.extra["existing_partner_id"] == other_replica.partner_id
    assert len(await svc.partners.every()) == 1
