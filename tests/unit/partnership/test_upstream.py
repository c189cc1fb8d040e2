"""SME facts from registration and mentoring events: applied once, in order, tolerantly."""

from datetime import UTC, date, datetime

import pytest

from tests.samples import new_sme_id
from tests.unit.partnership.fakes import ADMIN, licences, registered, service, tell
from umkm_shared.contracts.mentoring import SMEEnrolled
from umkm_shared.contracts.mentoring_progress import MilestoneAchieved
from umkm_shared.contracts.registration import SMEScaleChanged
from umkm_shared.errors import RefusalError


async def test_registration_and_mentoring_facts_are_learned() -> None:
    svc, sme_id = service(), new_sme_id()
    bpom = MilestoneAchieved(
        cohort_id="cohort-2022b3c4d5e6",
        sme_id=sme_id,
        milestone="bpom_certified",
        achieved_on=date(2022, 9, 1),
        evidence="doc://bpom-0001",
    )
    moved = SMEScaleChanged(
        sme_id=sme_id,
        from_class="mikro",
        to_class="kecil",
        business_capital=1_500_000_000,
        annual_sales=2_600_000_000,
        figures_as_of=date(2022, 9, 1),
        rule_version="PP7-2021.v1",
    )
    await tell(svc, (registered(sme_id), 1), (licences(sme_id, halal=False, pirt=False), 2))
    await tell(svc, (bpom, 3), (moved, 3))
    facts = await svc.sme(ADMIN, sme_id)
    assert facts.kecamatan_code == "32.16.01"
    assert facts.scale_class == "kecil"
    assert facts.holds("nib")
    assert facts.holds("bpom")
    assert not facts.holds("halal")


async def test_a_redelivered_or_older_event_changes_nothing() -> None:
    svc, sme_id = service(), new_sme_id()
    await tell(svc, (registered(sme_id), 1), (licences(sme_id, halal=True), 2))
    await tell(svc, (licences(sme_id, halal=False), 2), (registered(sme_id, scale="kecil"), 1))
    facts = await svc.sme(ADMIN, sme_id)
    assert facts.holds("halal")
    assert facts.scale_class == "mikro"


async def test_events_this_service_does_not_need_are_ignored() -> None:
    svc, sme_id = service(), new_sme_id()
    enrolled = SMEEnrolled(
        cohort_id="cohort-2022b3c4d5e6", sme_id=sme_id, enrolled_at=datetime.now(UTC)
    )
    await tell(svc, (enrolled, 1))
    with pytest.raises(RefusalError):
        await svc.sme(ADMIN, sme_id)
