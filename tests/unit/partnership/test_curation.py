"""The curation checklist: licences learned from events, the staff's items, a re-run."""

from datetime import date

from partnership.domain.curation import StaffChecks, checklist
from partnership.domain.sme import SmeFacts
from tests.unit.partnership.fakes import ADMIN, PASSING, proposed, published_types, service, tell
from umkm_shared.contracts.mentoring_progress import MilestoneAchieved


def _failed(items: object) -> dict[str, str]:
    return {i.item: i.message for i in items if not i.met}  # type: ignore[attr-defined]


def test_an_sme_with_every_licence_and_good_staff_checks_meets_every_item() -> None:
    facts = SmeFacts(
        sme_id="sme-000000000001",
        registered=True,
        scale_class="kecil",
        licences=frozenset({"nib", "halal", "bpom"}),
    )
    items = checklist(facts, PASSING)
    assert [i.item for i in items] == [
        "nib",
        "halal",
        "pirt_or_bpom",
        "scale_class",
        "not_withdrawn",
        "standard_packaging",
        "steady_supply",
    ]
    assert all(i.met for i in items)


def test_each_missing_item_fails_with_its_own_reason() -> None:
    facts = SmeFacts(
        sme_id="sme-000000000001", registered=True, withdrawn=True, withdrawn_on=date(2022, 9, 1)
    )
    failed = _failed(checklist(facts, StaffChecks(standard_packaging=False, steady_supply=False)))
    assert failed == {
        "nib": "no NIB on record",
        "halal": "no halal certificate on record",
        "pirt_or_bpom": "neither a PIRT nor a BPOM number on record",
        "scale_class": "scale class unknown: not an UMKM",
        "not_withdrawn": "withdrawn from the programme",
        "standard_packaging": "packaging does not meet the standard",
        "steady_supply": "cannot supply steadily yet",
    }


def test_a_large_business_is_not_an_umkm() -> None:
    facts = SmeFacts(
        sme_id="sme-000000000001", scale_class="besar", licences=frozenset({"nib", "halal", "pirt"})
    )
    assert _failed(checklist(facts, PASSING)) == {"scale_class": "scale class besar: not an UMKM"}


def test_a_licence_recorded_as_a_mentoring_milestone_counts() -> None:
    facts = SmeFacts(sme_id="sme-000000000001", milestones=frozenset({"halal_certified"}))
    assert facts.holds("halal")
    assert not facts.holds("bpom")


async def test_a_failed_curation_passes_when_run_again_after_the_sme_gains_halal() -> None:
    svc = service()
    partner_id, p = await proposed(svc, halal=False)
    failed = await svc.curate(ADMIN, partner_id, p.partnership_id, PASSING)
    assert failed.status == "curation_failed"
    assert failed.curation is not None
    assert _failed(failed.curation.items) == {"halal": "no halal certificate on record"}

    halal = MilestoneAchieved(
        cohort_id="cohort-2022b3c4d5e6",
        sme_id=p.sme_id,
        milestone="halal_certified",
        achieved_on=date(2022, 9, 10),
        evidence="doc://dinas-kukm-bekasi/2022/sertifikat-halal-0042",
    )
    await tell(svc, (halal, 7))
    passed = await svc.curate(ADMIN, partner_id, p.partnership_id, PASSING)
    assert passed.status == "curated"
    assert passed.curations_run == 2
    assert published_types(svc).count("PartnershipCurated") == 2


async def test_the_staff_items_alone_can_fail_a_curation() -> None:
    svc = service()
    partner_id, p = await proposed(svc)
    checks = StaffChecks(standard_packaging=False, steady_supply=True)
    failed = await svc.curate(ADMIN, partner_id, p.partnership_id, checks)
    assert failed.status == "curation_failed"
    assert failed.curation is not None
    assert list(_failed(failed.curation.items)) == ["standard_packaging"]
