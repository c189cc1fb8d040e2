"""Session logs, milestones and the coordinator's manual graduation."""

from datetime import datetime

from mentoring.domain.cohort import Cohort
from mentoring.domain.commands import GraduateManually, LogSession, RecordMilestone
from mentoring.domain.enrollment import enrollment_of, require_active
from mentoring.domain.errors import ConflictError, InvalidError, NotFoundError
from mentoring.domain.events import MilestoneAchieved, SessionLogged, SmeGraduated
from mentoring.domain.graduation import achieved_dimensions
from mentoring.domain.mentee import Decision, Mentee
from mentoring.domain.process import Rules, settle
from mentoring.domain.values import DimensionAchieved, Graduation, MilestoneRecord, Session

MAX_SESSIONS = 200
"""Session logs (corrections included) per SME and cohort: a program of weekly sessions logs
about 20; the bound keeps one SME's record, and the answers showing it, small."""
MAX_MILESTONES = 100


def _check_session(cmd: LogSession, cohort: Cohort, now: datetime) -> None:
    if cmd.session_date > now.date():
        raise InvalidError(
            "Tanggal sesi tidak boleh di masa depan", "session_date may not be in the future"
        )
    if not cohort.start_date <= cmd.session_date <= cohort.end_date:
        raise InvalidError(
            f"Tanggal sesi harus di antara {cohort.start_date} dan {cohort.end_date}",
            f"session_date must be within the cohort ({cohort.start_date}..{cohort.end_date})",
        )


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
    require_active(mentee)
    cohort.require_open()
    enrollment = enrollment_of(mentee, cohort.cohort_id)
    if enrollment.mentor_id is None:
        raise ConflictError(
            f"UMKM {mentee.sme_id} belum punya pendamping", f"SME {mentee.sme_id} has no mentor yet"
        )
    _check_session(cmd, cohort, now)
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


def _check_milestone(cmd: RecordMilestone, now: datetime) -> None:
    if cmd.achieved_on > now.date():
        raise InvalidError(
            "Tanggal capaian tidak boleh di masa depan", "achieved_on may not be in the future"
        )
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
    require_active(mentee)
    cohort.require_open()
    enrollment = enrollment_of(mentee, cohort.cohort_id)
    _check_milestone(cmd, now)
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
    """The coordinator graduates the SME whatever the policy says, with a reason."""
    require_active(mentee)
    enrollment = enrollment_of(mentee, cohort.cohort_id)
    if enrollment.graduation is not None:
        raise ConflictError(
            f"UMKM {mentee.sme_id} sudah lulus dari kohort ini",
            f"SME {mentee.sme_id} already graduated from this cohort",
        )
    dimensions: tuple[DimensionAchieved, ...] = cmd.dimensions or tuple(
        achieved_dimensions(mentee, enrollment, rules.policy)
    )
    if not dimensions:
        raise InvalidError(
            "Sebutkan minimal satu dimensi naik kelas beserta buktinya",
            "name at least one naik-kelas dimension with its evidence",
        )
    graduation = Graduation(
        graduated_on=now.date(),
        dimensions=dimensions,
        sessions_logged=len(enrollment.effective_sessions()),
        policy_version=rules.policy.version,
        decided_by="coordinator",
        override_reason=cmd.reason,
    )
    changed = mentee.with_enrollment(enrollment.model_copy(update={"graduation": graduation}))
    event = SmeGraduated(cohort_id=cohort.cohort_id, sme_id=mentee.sme_id, graduation=graduation)
    return settle(changed, [event], rules, now, progress=True)
