"""Proposals retried with an Idempotency-Key, on fakes: one partnership per key."""

import asyncio
import re

import pytest

from partnership.domain.commands import ProposePartnership
from partnership.domain.idempotency import ProposalRepeatedError
from partnership.domain.partnership import Partnership
from partnership.service import PartnershipService
from tests.unit.partnership.fakes import (
    ADMIN,
    DINAS_BANDUNG,
    FakePartnerships,
    licensed_sme,
    published_types,
    register_partner_command,
    service,
)
from umkm_shared.errors import RefusalError

KEY = "5f0e9f4c-8d7a-4f4e-9c56-0b8b4a7f1c21"


async def partner_and_command(svc: PartnershipService) -> tuple[str, ProposePartnership]:
    partner = await svc.register_partner(ADMIN, register_partner_command())
    sme_id = await licensed_sme(svc)
    cmd = ProposePartnership(sme_id, "perdagangan_umum", ("Keripik Tempe",), ("Tambun",))
    return partner.partner_id, cmd


def stores(svc: PartnershipService) -> FakePartnerships:
    assert isinstance(svc.partnerships, FakePartnerships)
    return svc.partnerships


async def test_a_keyed_proposal_gets_an_id_derived_from_its_partner_and_key() -> None:
    svc = service()
    partner_id, cmd = await partner_and_command(svc)
    first = await svc.propose(ADMIN, partner_id, cmd, KEY)
    other_svc = service()
    other_partner, other_cmd = await partner_and_command(other_svc)
    second = await other_svc.propose(ADMIN, other_partner, other_cmd, KEY)

    assert re.fullmatch(r"partnership-[0-9a-f]{12}", first.partnership_id)
    assert first.partnership_id != second.partnership_id


async def test_a_retried_proposal_answers_the_first_and_writes_nothing() -> None:
    svc = service()
    partner_id, cmd = await partner_and_command(svc)
    first = await svc.propose(ADMIN, partner_id, cmd, KEY)
    written = (dict(stores(svc).docs), list(stores(svc).published))

    with pytest.raises(ProposalRepeatedError) as repeated:
        await svc.propose(ADMIN, partner_id, cmd, KEY)

    assert repeated.value.partnership == first
    assert (stores(svc).docs, stores(svc).published) == written
    assert published_types(svc).count("PartnershipProposed") == 1


async def test_a_key_reused_with_another_body_is_refused_on_the_key() -> None:
    svc = service()
    partner_id, cmd = await partner_and_command(svc)
    await svc.propose(ADMIN, partner_id, cmd, KEY)
    other = ProposePartnership(cmd.sme_id, "waralaba", ("Keripik Tempe",), ("Tambun",))

    with pytest.raises(RefusalError) as refused:
        await svc.propose(ADMIN, partner_id, other, KEY)

    assert refused.value.kind == "invalid"
    assert refused.value.errors[0].field == "Idempotency-Key"
    assert len(stores(svc).docs) == 1


async def test_concurrent_retries_of_one_keyed_proposal_store_one_partnership() -> None:
    svc = service()
    partner_id, cmd = await partner_and_command(svc)

    answers = await asyncio.gather(
        *(svc.propose(ADMIN, partner_id, cmd, KEY) for _ in range(3)), return_exceptions=True
    )

    [created] = [a for a in answers if not isinstance(a, BaseException)]
    assert all(
        isinstance(a, ProposalRepeatedError)
        and a.partnership.partnership_id == created.partnership_id
        for a in answers
        if a is not created
    )
    assert list(stores(svc).docs) == [created.partnership_id]
    assert published_types(svc).count("PartnershipProposed") == 1


async def test_a_retry_that_loses_the_insert_race_answers_the_winner() -> None:
    svc = service()
    partner_id, cmd = await partner_and_command(svc)
    partnerships = stores(svc)
    real_keyed = partnerships.keyed
    looked = 0

    async def keyed_after_another_replica(key: str) -> tuple[Partnership | None, str | None]:
        # The first look finds nothing: the other replica inserts right after it.
        nonlocal looked
        looked += 1
        if looked == 1:
            await other.propose(ADMIN, partner_id, cmd, KEY)
            return None, None
        return await real_keyed(key)

    other = PartnershipService(svc.partners, partnerships, svc.smes, svc.topics, clock=svc.clock)
    partnerships.keyed = keyed_after_another_replica  # type: ignore[method-assign]

    with pytest.raises(ProposalRepeatedError):
        await svc.propose(ADMIN, partner_id, cmd, KEY)
    assert len(partnerships.docs) == 1
    assert published_types(svc).count("PartnershipProposed") == 1


async def test_a_known_key_is_not_answered_to_a_caller_outside_the_partnership_region() -> None:
    svc = service()
    partner_id, cmd = await partner_and_command(svc)
    await svc.propose(ADMIN, partner_id, cmd, KEY)

    with pytest.raises(RefusalError) as refused:
        await svc.propose(DINAS_BANDUNG, partner_id, cmd, KEY)

    assert refused.value.kind == "forbidden"


async def test_proposals_without_a_key_are_stored_each_time() -> None:
    svc = service()
    partner_id, cmd = await partner_and_command(svc)
    first = await svc.propose(ADMIN, partner_id, cmd)
    second = await svc.propose(ADMIN, partner_id, cmd)

    assert first.partnership_id != second.partnership_id
    assert stores(svc).requests == {}
