"""Session logs, milestones and the coordinator's manual graduation."""

from datetime import date, datetime

from mentoring.domain.cohort import Cohort
from mentoring.domain.commands import GraduateManually, LogSession, RecordMilestone
from mentoring.domain.enrollment import open_enrollment
from mentoring.domain.errors import ConflictError, InvalidError, NotFoundError, in_the_future
from mentoring.domain.events import MilestoneAchieved, SessionLogged, SmeGraduated
from mentoring.domain.graduation import dimensions_on
from mentoring.domain.mentee import Decision, Mentee
from mentoring.domain.process import Rules, evidence_of, settle
from mentoring.domain.values import DimensionAchieved, Graduation, MilestoneRecord, Session
from umkm_shared.programme_time import programme_day

MAX_SESSIONS = 200
"""Session logs (corrections included) per SME and cohort: a program of weekly sessions logs
about 20; the bound keeps one SME's record, and the answers showing it, small."""
MAX_MILESTONES = 100


def _check_date(field: str, day: date, cohort: Cohort, now: datetime) -> None:
    if day > programme_day(now):
        raise in_the_future(field)
    cohort.require_inside(field, day)


def log_session(
    mentee: Mentee,
    cohort: Cohort,
    cmd: LogSession,
    session_id: str,
    *,
    rules: Rules,
    now: datetime,
) -> Decision:
    """Log a session of the assigned mentor, within the cohort's dates, never ahead.

    Who may log it (that mentor, by the access token) is the application service's check.
    """
    enrollment = open_enrollment(mentee, cohort)
    if enrollment.mentor_id is None:
        raise ConflictError(
            f"UMKM {mentee.sme_id} belum punya pendamping", f"SME {mentee.sme_id} has no mentor yet"
        )
    _check_date("session_date", cmd.session_date, cohort, now)
    if len(enrollment.sessions) >= MAX_SESSIONS:
        raise ConflictError(
            f"Batas {MAX_SESSIONS} log sesi per UMKM per kohort tercapai",
            f"the limit of {MAX_SESSIONS} session logs per SME and cohort is reached",
        )
    if cmd.corrects_session_id is not None:
        live = {s.session_id for s in enrollment.effective_sessions()}
        if cmd.corrects_session_id not in live:
            raise NotFoundError(
                f"Sesi {cmd.corrects_session_id} tidak ada atau sudah dikoreksi",
                f"session {cmd.corrects_session_id} does not exist or was already corrected",
            )
    session = Session(
        session_id=session_id,
        mentor_id=enrollment.mentor_id,
        logged_at=now,
        **cmd.model_dump(exclude={"topics"}),
        topics=tuple(dict.fromkeys(cmd.topics)),
    )
    changed = mentee.with_enrollment(
        enrollment.model_copy(update={"sessions": (*enrollment.sessions, session)})
    )
    event = SessionLogged(cohort_id=cohort.cohort_id, sme_id=mentee.sme_id, session=session)
    return settle(changed, [event], rules, now, progress=True)


def _check_milestone(cmd: RecordMilestone, cohort: Cohort, now: datetime) -> None:
    _check_date("achieved_on", cmd.achieved_on, cohort, now)
    needs = {
        "financing_obtained": cmd.financing_amount is not None and cmd.financing_source is not None,
        "jobs_added": cmd.jobs_added is not None and cmd.jobs_added >= 1,
        "marketplace_onboarded": bool(cmd.marketplace),
    }
    if not needs.get(cmd.milestone, True):
        raise InvalidError(
            f"Data pendukung {cmd.milestone} belum lengkap (jumlah/sumber/nama)",
            f"{cmd.milestone} needs its details (amount and source, jobs, or marketplace)",
        )


def record_milestone(
    mentee: Mentee, cohort: Cohort, cmd: RecordMilestone, rules: Rules, now: datetime
) -> Decision:
    """Record a milestone with evidence; each kind once per cohort (jobs_added may repeat)."""
    enrollment = open_enrollment(mentee, cohort)
    _check_milestone(cmd, cohort, now)
    if len(enrollment.milestones) >= MAX_MILESTONES:
        raise ConflictError(
            f"Batas {MAX_MILESTONES} capaian per UMKM per kohort tercapai",
            f"the limit of {MAX_MILESTONES} milestones per SME and cohort is reached",
        )
    if cmd.milestone != "jobs_added" and any(
        m.milestone == cmd.milestone for m in enrollment.milestones
    ):
        raise ConflictError(
            f"Capaian {cmd.milestone} sudah tercatat", f"{cmd.milestone} is already recorded"
        )
    record = MilestoneRecord(**cmd.model_dump())
    changed = mentee.with_enrollment(
        enrollment.model_copy(update={"milestones": (*enrollment.milestones, record)})
    )
    event = MilestoneAchieved(cohort_id=cohort.cohort_id, sme_id=mentee.sme_id, record=record)
    return settle(changed, [event], rules, now, progress=True)


def graduate_manually(
    mentee: Mentee, cohort: Cohort, cmd: GraduateManually, rules: Rules, now: datetime
) -> Decision:
    """The coordinator graduates the SME whatever the policy says, with a reason.

    Dated today, moved into the cohort's dates (a cohort run in the past graduates on its
    last day); without dimensions named, those the evidence shows by then.
    """
    enrollment = open_enrollment(mentee, cohort)
    if enrollment.graduation is not None:
        raise ConflictError(
            f"UMKM {mentee.sme_id} sudah lulus dari kohort ini",
            f"SME {mentee.sme_id} already graduated from this cohort",
        )
    day = min(max(programme_day(now), enrollment.cohort_start), enrollment.last_day)
    dimensions: tuple[DimensionAchieved, ...] = cmd.dimensions or tuple(
        dimensions_on(evidence_of(mentee, enrollment), day, rules.policy)
    )
    if not dimensions:
        raise InvalidError(
            "Sebutkan minimal satu dimensi naik kelas beserta buktinya",
            "name at least one naik-kelas dimension with its evidence",
        )
    graduation = Graduation(
        graduated_on=day,
        dimensions=dimensions,
        sessions_logged=len(enrollment.effective_sessions()),
        policy_version=rules.policy.version,
        decided_by="coordinator",
        override_reason=cmd.reason,
    )
    changed = mentee.with_enrollment(enrollment.model_copy(update={"graduation": graduation}))
    event = SmeGraduated(cohort_id=cohort.cohort_id, sme_id=mentee.sme_id, graduation=graduation)
    return settle(changed, [event], rules, now, progress=True)
