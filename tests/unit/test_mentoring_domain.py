"""The pure mentoring domain: enrollment, assignment, sessions, graduation, feed, balancing."""

from datetime import UTC, date, datetime, timedelta

import pytest

from mentoring.domain import enrollment, progress, projection
from mentoring.domain.balancing import Candidate, propose_assignment
from mentoring.domain.cohort import Cohort, Mentor
from mentoring.domain.commands import GraduateManually, LogSession, RecordMilestone
from mentoring.domain.errors import ConflictError, InvalidError
from mentoring.domain.events import ProgressShared, SessionLogged, SmeGraduated
from mentoring.domain.feed import sme_ref
from mentoring.domain.mentee import Consent, Mentee, Profile
from mentoring.domain.process import Rules
from mentoring.domain.values import RetailPartnership, ScaleMove

NOW = datetime(2022, 9, 1, 9, tzinfo=UTC)
RULES = Rules(hard_cap=3)
COHORT = Cohort(
    cohort_id="cohort-000000000001",
    name="Bekasi 2022",
    kabupaten_code="32.16",
    start_date=date(2022, 6, 20),
    end_date=date(2022, 10, 20),
    target_graduates=10,
    mentor_norm=2,
)
MENTOR = Mentor(
    mentor_id="mentor-000000000001", name="Dedi", kabupaten_code="32.16", expertise=("pemasaran",)
)
SME = "sme-000000000001"


def known() -> Mentee:
    profile = Profile(kabupaten_code="32.16", kecamatan_code="32.16.01", kbli="10792")
    return projection.sme_registered(Mentee(sme_id=SME), profile)[0]


def assigned() -> Mentee:
    mentee, _ = enrollment.enroll(known(), COHORT, RULES, NOW)
    return enrollment.assign(mentee, COHORT, MENTOR, 0, rules=RULES, now=NOW).decision[0]


def session(day: int = 1, **extra: object) -> LogSession:
    fields: dict[str, object] = {
        "session_date": date(2022, 7, day),
        "duration_minutes": 60,
        "mode": "daring",
        "topics": ("pemasaran",),
        **extra,
    }
    return LogSession.model_validate(fields)


def with_sessions(mentee: Mentee, count: int) -> Mentee:
    for day in range(1, count + 1):
        mentee, _ = progress.log_session(
            mentee, COHORT, session(day), f"session-{day:012x}", rules=RULES, now=NOW
        )
    return mentee


def halal() -> RecordMilestone:
    return RecordMilestone(milestone="halal_certified", achieved_on=date(2022, 8, 1), evidence="d")


def test_an_sme_registration_has_not_told_of_yet_is_refused_for_now() -> None:
    with pytest.raises(ConflictError, match="registration still propagating"):
        enrollment.enroll(Mentee(sme_id=SME), COHORT, RULES, NOW)


def test_a_withdrawn_sme_cannot_be_enrolled() -> None:
    mentee, _ = projection.sme_withdrawn(known())
    with pytest.raises(ConflictError, match="withdrawn"):
        enrollment.enroll(mentee, COHORT, RULES, NOW)


def test_assignment_warns_past_the_norm_and_refuses_past_the_hard_cap() -> None:
    mentee, _ = enrollment.enroll(known(), COHORT, RULES, NOW)
    assert enrollment.assign(mentee, COHORT, MENTOR, 1, rules=RULES, now=NOW).warning is None
    assert "norma" in str(
        enrollment.assign(mentee, COHORT, MENTOR, 2, rules=RULES, now=NOW).warning
    )
    with pytest.raises(ConflictError, match="hard cap"):
        enrollment.assign(mentee, COHORT, MENTOR, 3, rules=RULES, now=NOW)


def test_a_session_is_the_assigned_mentors() -> None:
    _, [event] = progress.log_session(assigned(), COHORT, session(), "s", rules=RULES, now=NOW)
    assert isinstance(event, SessionLogged)
    assert event.session.mentor_id == MENTOR.mentor_id


def test_no_session_is_logged_for_an_sme_without_a_mentor() -> None:
    mentee, _ = enrollment.enroll(known(), COHORT, RULES, NOW)
    with pytest.raises(ConflictError, match="no mentor"):
        progress.log_session(mentee, COHORT, session(), "s", rules=RULES, now=NOW)


@pytest.mark.parametrize("when", [date(2022, 9, 2), date(2022, 6, 19)])
def test_sessions_in_the_future_or_before_the_cohort_are_refused(when: date) -> None:
    with pytest.raises(InvalidError):
        progress.log_session(
            assigned(), COHORT, session(session_date=when), "s", rules=RULES, now=NOW
        )


def test_a_correction_replaces_the_session_instead_of_adding_one() -> None:
    mentee = with_sessions(assigned(), 1)
    corrected, events = progress.log_session(
        mentee,
        COHORT,
        session(2, corrects_session_id="session-000000000001"),
        "session-00000000000c",
        rules=RULES,
        now=NOW,
    )
    assert len(corrected.enrollments[COHORT.cohort_id].effective_sessions()) == 1
    assert len(events) == 1


def test_graduation_needs_four_sessions_and_one_dimension() -> None:
    mentee, events = progress.record_milestone(
        with_sessions(assigned(), 3), COHORT, halal(), RULES, NOW
    )
    assert not any(isinstance(e, SmeGraduated) for e in events)
    mentee, events = progress.log_session(
        mentee, COHORT, session(9), "session-000000000009", rules=RULES, now=NOW
    )
    graduated = [e for e in events if isinstance(e, SmeGraduated)]
    assert len(graduated) == 1
    assert graduated[0].graduation.dimensions[0].dimension == "certification"
    assert graduated[0].graduation.policy_version == RULES.policy.version
    assert graduated[0].graduation.graduated_on == date(2022, 8, 1)  # the certificate's day
    _, later = progress.log_session(
        mentee, COHORT, session(10), "session-00000000000a", rules=RULES, now=NOW
    )
    assert not any(isinstance(e, SmeGraduated) for e in later)


def test_a_scale_move_and_a_partnership_seen_before_enrollment_count_once_enrolled() -> None:
    move = ScaleMove(
        from_class="mikro", to_class="kecil", as_of=date(2022, 8, 1), rule_version="v", evidence="e"
    )
    deal = RetailPartnership(
        partnership_id="p",
        partner_id="x",
        pattern="perdagangan_umum",
        agreement_number="A",
        start_date=date(2022, 8, 1),
    )
    mentee, _ = projection.partnership_established(Mentee(sme_id=SME), deal, RULES, NOW)
    mentee, _ = projection.scale_changed(mentee, move, RULES, NOW)
    mentee = projection.sme_registered(mentee, known().profile)[0]  # type: ignore[arg-type]
    mentee, _ = enrollment.enroll(mentee, COHORT, RULES, NOW)
    mentee = enrollment.assign(mentee, COHORT, MENTOR, 0, rules=RULES, now=NOW).decision[0]
    graduation = with_sessions(mentee, 4).enrollments[COHORT.cohort_id].graduation
    assert graduation is not None
    dims = {d.dimension: (d.before, d.after) for d in graduation.dimensions}
    assert dims["scale_class"] == ("mikro", "kecil")
    assert "retail_partnership" in dims


def test_a_redelivered_upstream_event_is_recognised() -> None:
    mentee = projection.mark_applied(known(), "registration|sme-1", 3)
    assert projection.already_applied(mentee, "registration|sme-1", 3)
    assert not projection.already_applied(mentee, "registration|sme-1", 4)


def test_manual_graduation_needs_a_reason_and_a_dimension() -> None:
    with pytest.raises(InvalidError):
        progress.graduate_manually(assigned(), COHORT, GraduateManually(reason="ok"), RULES, NOW)
    mentee, _ = progress.record_milestone(assigned(), COHORT, halal(), RULES, NOW)
    _, events = progress.graduate_manually(
        mentee, COHORT, GraduateManually(reason="ok"), RULES, NOW
    )
    graduated = [e for e in events if isinstance(e, SmeGraduated)]
    assert graduated[0].graduation.decided_by == "coordinator"


def test_the_feed_shares_progress_only_while_consent_is_on() -> None:
    mentee = with_sessions(assigned(), 1)
    on = Consent(granted=True, reference="consent-1", changed_at=NOW)
    mentee, events = projection.consent_changed(mentee, on, RULES, NOW)
    shared = [e for e in events if isinstance(e, ProgressShared)]
    assert shared[0].sme_ref == sme_ref(SME, RULES.feed_key) != SME
    assert shared[0].sessions_logged == 1
    off = Consent(granted=False, reference="consent-2", changed_at=NOW)
    mentee, _ = projection.consent_changed(mentee, off, RULES, NOW)
    _, events = progress.log_session(
        mentee, COHORT, session(5), "session-000000000005", rules=RULES, now=NOW
    )
    assert not any(isinstance(e, ProgressShared) for e in events)


def test_the_proposal_spreads_162_smes_evenly_and_keeps_kecamatan_together() -> None:
    smes = [Candidate(f"sme-{i:012x}", f"32.16.{i % 23 + 1:02d}") for i in range(162)]
    mentors = [f"mentor-{i:012x}" for i in range(6)]
    proposal = propose_assignment(smes, mentors)
    assert sorted(len(v) for v in proposal.values()) == [27] * 6
    where = {c.sme_id: c.kecamatan_code for c in smes}
    spread = [len({where[s] for s in assigned}) for assigned in proposal.values()]
    assert max(spread) <= 6  # 23 kecamatan over 6 mentors: about 4 each, plus boundaries
    assert sorted(s for v in proposal.values() for s in v) == sorted(where)


def test_an_upward_move_before_the_cohort_does_not_count() -> None:
    move = ScaleMove(
        from_class="mikro",
        to_class="kecil",
        as_of=COHORT.start_date - timedelta(days=1),
        rule_version="v",
        evidence="e",
    )
    mentee, _ = projection.scale_changed(assigned(), move, RULES, NOW)
    assert with_sessions(mentee, 4).enrollments[COHORT.cohort_id].graduation is None
