"""Which established partnerships count as the retail-partnership naik-kelas dimension."""

from datetime import date

import pytest
from pydantic import ValidationError

from mentoring.adapters.upstream import upstream_decision
from mentoring.config import MentoringSettings
from mentoring.domain import projection
from mentoring.domain.graduation import dimensions_on
from mentoring.domain.graduation_policy import GraduationPolicy
from mentoring.domain.mentee import Mentee
from mentoring.domain.process import evidence_of
from mentoring.domain.values import DimensionAchieved, RetailPartnership
from tests.unit.test_mentoring_domain import COHORT, NOW, RULES, SME, assigned
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.contracts.partnership import PartnershipEstablished
from umkm_shared.messaging.consumer import typed_data
from umkm_shared.messaging.dead_letters import decode_envelope


def deal(pattern: str, sector: str | None) -> RetailPartnership:
    return RetailPartnership(
        partnership_id="partnership-000000000001",
        partner_id="partner-000000000001",
        pattern=pattern,
        agreement_number="PKS/IDM-UMKM/032/VIII/2022",
        start_date=date(2022, 8, 1),
        partner_sector=sector,
    )


def achieved(mentee: Mentee, policy: GraduationPolicy) -> list[DimensionAchieved]:
    ev = evidence_of(mentee, mentee.enrollments[COHORT.cohort_id])
    return dimensions_on(ev, COHORT.end_date, policy)


def dimensions(partnership: RetailPartnership, policy: GraduationPolicy) -> list[str]:
    mentee, _ = projection.partnership_established(assigned(), partnership, RULES, NOW)
    found = achieved(mentee, policy)
    return [d.dimension for d in found]


@pytest.mark.parametrize("pattern", ["rantai_pasok", "inti_plasma", "penyumberluaran"])
def test_a_modern_retail_partner_counts_whatever_the_pattern(pattern: str) -> None:
    assert dimensions(deal(pattern, "ritel_modern"), GraduationPolicy()) == ["retail_partnership"]


@pytest.mark.parametrize("sector", [None, "manufaktur", "ritel_modern"])
def test_a_retail_pattern_counts_whatever_the_partner(sector: str | None) -> None:
    policy = GraduationPolicy()
    assert dimensions(deal("distribusi_dan_keagenan", sector), policy) == ["retail_partnership"]


@pytest.mark.parametrize("sector", [None, "manufaktur", "eksportir", "lainnya"])
def test_a_non_retail_pattern_with_a_non_retail_partner_does_not_count(sector: str | None) -> None:
    assert dimensions(deal("inti_plasma", sector), GraduationPolicy()) == []


def test_a_policy_without_retail_sectors_goes_by_the_pattern_alone() -> None:
    policy = GraduationPolicy(retail_sectors=frozenset())
    assert dimensions(deal("rantai_pasok", "ritel_modern"), policy) == []
    assert dimensions(deal("perdagangan_umum", "ritel_modern"), policy) == ["retail_partnership"]


def test_the_dimension_names_the_agreement_as_its_evidence() -> None:
    mentee, _ = projection.partnership_established(
        assigned(), deal("rantai_pasok", "ritel_modern"), RULES, NOW
    )
    [found] = achieved(mentee, GraduationPolicy())
    assert found == DimensionAchieved(
        dimension="retail_partnership",
        before="belum ada / none",
        after="rantai_pasok partner-000000000001",
        evidence=("perjanjian:PKS/IDM-UMKM/032/VIII/2022",),
    )


def test_the_partner_sector_is_read_from_partnership_established() -> None:
    contract = PartnershipEstablished(
        partnership_id="partnership-000000000001",
        partner_id="partner-000000000001",
        sme_id=SME,
        pattern="rantai_pasok",
        agreement_number="PKS/IDM-UMKM/032/VIII/2022",
        start_date=date(2022, 8, 1),
        payment_terms_days=14,
        partner_sector="ritel_modern",
    )
    event = decode_envelope(make_event(contract, 3).to_json_bytes())
    found = upstream_decision(event, typed_data(event), RULES, NOW)
    assert found is not None
    sme_id, decide = found
    mentee, _ = decide(Mentee(sme_id=SME))
    assert sme_id == SME
    assert [p.partner_sector for p in mentee.partnerships] == ["ritel_modern"]


def test_the_retail_sectors_come_from_settings_and_must_be_known_sectors() -> None:
    assert MentoringSettings().rules().policy.retail_sectors == {"ritel_modern"}
    none = MentoringSettings(graduation_retail_sectors=[]).rules().policy
    assert none.retail_sectors == frozenset()
    with pytest.raises(ValidationError, match="graduation_retail_sectors"):
        MentoringSettings.model_validate({"graduation_retail_sectors": ["warung"]})
