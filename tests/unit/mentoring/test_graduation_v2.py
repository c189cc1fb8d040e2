"""graduation.v2, the pure policy: its dimensions, dates inside the cohort, a derived version."""

import dataclasses
from datetime import date, timedelta
from typing import Any

import pytest

from mentoring.domain.graduation import Evidence, decide, expected_graduation
from mentoring.domain.graduation_policy import DEFAULT_POLICY, GraduationPolicy
from mentoring.domain.values import MilestoneRecord, RetailPartnership, ScaleMove

START, END = date(2022, 6, 20), date(2022, 10, 20)
FOUR_SESSIONS = tuple(date(2022, 7, day) for day in (1, 8, 15, 22))
PINNED_V2 = "graduation.v2+a15a0f5e"
"""The default policy's version. If this test fails you changed a parameter of graduation.v2:
that IS a new version (it is derived from the parameters); update the pin knowingly, and say
so in the changelog: SMEs graduated before were decided under the old one."""


def milestone(kind: str, on: date = date(2022, 8, 1), **extra: Any) -> MilestoneRecord:
    return MilestoneRecord(milestone=kind, achieved_on=on, evidence=f"doc://{kind}", **extra)


def evidence(**facts: Any) -> Evidence:
    return Evidence(start=START, end=END, session_dates=FOUR_SESSIONS, **facts)


DETAILS: dict[str, dict[str, Any]] = {
    "financing_obtained": {"financing_amount": 50_000_000, "financing_source": "kur"},
    "jobs_added": {"jobs_added": 2},
    "marketplace_onboarded": {"marketplace": "Tokopedia"},
}


@pytest.mark.parametrize(
    ("kind", "dimension"),
    [
        ("nib_obtained", "formal_licensing"),
        ("halal_certified", "certification"),
        ("pirt_certified", "certification"),
        ("bpom_certified", "certification"),
        ("marketplace_onboarded", "digital_onboarding"),
        ("financing_obtained", "financing"),
        ("export_ready", "export_readiness"),
        ("jobs_added", "jobs_added"),
    ],
)
def test_each_milestone_counts_as_its_own_v2_dimension(kind: str, dimension: str) -> None:
    graduation = decide(evidence(milestones=(milestone(kind, **DETAILS.get(kind, {})),)))
    assert graduation is not None
    assert [d.dimension for d in graduation.dimensions] == [dimension]


def test_a_scale_move_up_and_a_retail_partnership_count_inside_the_cohort() -> None:
    move = ScaleMove(
        from_class="mikro", to_class="kecil", as_of=date(2022, 9, 1), rule_version="v", evidence="e"
    )
    deal = RetailPartnership(
        partnership_id="p",
        partner_id="partner-00000000a001",
        pattern="rantai_pasok",
        agreement_number="PKS/1",
        start_date=date(2022, 9, 5),
        partner_sector="ritel_modern",
    )
    graduation = decide(evidence(scale_moves=(move,), partnerships=(deal,)))
    assert graduation is not None
    assert graduation.graduated_on == date(2022, 9, 1)  # the move completed it
    assert [d.dimension for d in graduation.dimensions] == ["scale_class"]


@pytest.mark.parametrize("on", [date(1900, 1, 1), START - timedelta(days=1), END + timedelta(1)])
def test_evidence_dated_outside_the_cohort_graduates_no_one(on: date) -> None:
    move = ScaleMove(from_class="mikro", to_class="kecil", as_of=on, rule_version="v", evidence="e")
    deal = RetailPartnership(
        partnership_id="p", partner_id="x", pattern="perdagangan_umum", agreement_number="A",
        start_date=on,
    )  # fmt: skip
    facts = {"milestones": (milestone("nib_obtained", on),), "scale_moves": (move,)}
    assert decide(evidence(**facts, partnerships=(deal,))) is None


def test_sessions_outside_the_cohort_do_not_count() -> None:
    early = Evidence(
        start=START,
        end=END,
        session_dates=(*FOUR_SESSIONS[:3], START - timedelta(days=3)),
        milestones=(milestone("nib_obtained"),),
    )
    assert decide(early) is None


def test_jobs_added_counts_only_with_jobs() -> None:
    none = milestone("jobs_added").model_copy(update={"jobs_added": 0})
    assert decide(evidence(milestones=(none,))) is None


def test_graduated_on_is_the_day_both_minimums_were_first_met() -> None:
    before_sessions = decide(evidence(milestones=(milestone("nib_obtained", date(2022, 6, 25)),)))
    after_sessions = decide(evidence(milestones=(milestone("export_ready", date(2022, 8, 3)),)))
    assert before_sessions is not None
    assert after_sessions is not None
    assert before_sessions.graduated_on == FOUR_SESSIONS[-1]  # the fourth session
    assert before_sessions.sessions_logged == 4
    assert after_sessions.graduated_on == date(2022, 8, 3)  # the evidence
    assert START <= after_sessions.graduated_on <= END


def test_the_graduation_names_the_dimensions_achieved_by_its_day() -> None:
    graduation = decide(
        evidence(
            milestones=(
                milestone("halal_certified", date(2022, 8, 1)),
                milestone("nib_obtained", date(2022, 7, 2)),
                milestone("export_ready", date(2022, 9, 1)),
            )
        )
    )
    assert graduation is not None
    assert graduation.graduated_on == date(2022, 7, 22)
    assert [d.dimension for d in graduation.dimensions] == ["formal_licensing"]


def test_the_default_policy_is_v2_and_its_version_is_pinned() -> None:
    assert DEFAULT_POLICY.name == "graduation.v2"
    assert DEFAULT_POLICY.version == PINNED_V2
    assert len(DEFAULT_POLICY.version) <= 50  # the contract's max_length


CHANGES: dict[str, Any] = {
    "name": "graduation.v3",
    "min_sessions": 5,
    "min_dimensions": 2,
    "milestone_dimensions": DEFAULT_POLICY.milestone_dimensions[:-1],
    "dimensions": DEFAULT_POLICY.dimensions - {"jobs_added"},
    "retail_patterns": frozenset({"perdagangan_umum"}),
    "retail_sectors": frozenset(),
}


@pytest.mark.parametrize("parameter", [f.name for f in dataclasses.fields(GraduationPolicy)])
def test_changing_any_parameter_changes_the_version(parameter: str) -> None:
    changed = dataclasses.replace(DEFAULT_POLICY, **{parameter: CHANGES[parameter]})
    assert changed.version != DEFAULT_POLICY.version
    assert changed.version.startswith(f"{changed.name}+")


def test_the_version_does_not_depend_on_the_order_parameters_are_given() -> None:
    shuffled = dataclasses.replace(
        DEFAULT_POLICY, milestone_dimensions=tuple(reversed(DEFAULT_POLICY.milestone_dimensions))
    )
    assert shuffled.version == DEFAULT_POLICY.version


def test_v1_is_the_same_policy_type_with_its_four_dimensions() -> None:
    v1 = GraduationPolicy.v1()
    graduation = decide(evidence(milestones=(milestone("halal_certified"),)), v1)
    assert graduation is not None
    assert [d.dimension for d in graduation.dimensions] == ["licensing_certification"]
    assert graduation.policy_version == v1.version
    assert v1.version.startswith("graduation.v1+")
    assert decide(evidence(milestones=(milestone("export_ready"),)), v1) is None


def test_a_generator_can_compute_the_expected_graduation_from_plain_data() -> None:
    graduation = expected_graduation(
        START,
        END,
        session_dates=["2022-07-01", "2022-07-08", "2022-07-15", "2022-07-22"],
        milestones=[{"milestone": "marketplace_onboarded", "achieved_on": "2022-08-01",
                     "marketplace": "Shopee"}],
        scale_moves=[{"from_class": "mikro", "to_class": "kecil", "as_of": "2022-08-01"}],
        partnerships=[{"partner_id": "partner-00000000a001", "pattern": "perdagangan_umum",
                       "start_date": "2023-01-01"}],
    )  # fmt: skip
    assert graduation is not None
    assert graduation.graduated_on == date(2022, 8, 1)
    assert {d.dimension for d in graduation.dimensions} == {"digital_onboarding", "scale_class"}
    assert graduation.policy_version == PINNED_V2
    assert expected_graduation(START, END, session_dates=FOUR_SESSIONS) is None
