"""The mentoring section of an SME document, folded from the mentoring topic."""

from pydantic import BaseModel

from reporting.domain.values import Doc, iso_time
from umkm_shared.contracts.mentoring import MentorAssigned, SMEEnrolled
from umkm_shared.contracts.mentoring_progress import (
    MentorSessionLogged,
    MilestoneAchieved,
    SMEGraduated,
)
from umkm_shared.programme_time import WIB


def empty_mentoring() -> Doc:
    """The section before any mentoring event (an SME can be seen here before it registers)."""
    return {
        "cohort_id": None,
        "enrolled_at": None,
        "enrolled_on": None,
        "mentor_id": None,
        "mentor_history": [],
        "sessions": [],
        "milestones": [],
        "graduation": None,
    }


def _session(data: MentorSessionLogged, at: str) -> Doc:
    return {
        "at": at,
        "session_id": data.session_id,
        "date": data.session_date.isoformat(),
        "mentor_id": data.mentor_id,
        "cohort_id": data.cohort_id,
        "duration_minutes": data.duration_minutes,
        "mode": data.mode,
        "topics": sorted(set(data.topics)),
    }


def _log_session(men: Doc, data: MentorSessionLogged, at: str) -> Doc:
    # A correction replaces the session it names; a re-logged id replaces itself.
    replaced = {data.session_id, data.corrects_session_id}
    kept = [s for s in men["sessions"] if s["session_id"] not in replaced]
    men["sessions"] = sorted(
        [*kept, _session(data, at)], key=lambda s: (s["date"], s["session_id"])
    )
    if men["cohort_id"] is None:
        men["cohort_id"] = data.cohort_id
    return men


def _milestone(men: Doc, data: MilestoneAchieved, at: str) -> Doc:
    entry = {
        "at": at,
        "milestone": data.milestone,
        "achieved_on": data.achieved_on.isoformat(),
        "evidence": data.evidence,
        "financing_amount": data.financing_amount,
        "financing_source": data.financing_source,
        "jobs_added": data.jobs_added,
        "marketplace": data.marketplace,
    }
    others = [m for m in men["milestones"] if m["milestone"] != data.milestone]
    men["milestones"] = sorted([*others, entry], key=lambda m: m["milestone"])
    return men


def _graduated(men: Doc, data: SMEGraduated, at: str) -> Doc:
    men["graduation"] = {
        "at": at,
        "cohort_id": data.cohort_id,
        "graduated_on": data.graduated_on.isoformat(),
        "dimensions": [
            {"dimension": d.dimension, "before": d.before, "after": d.after, "evidence": d.evidence}
            for d in data.dimensions
        ],
        "sessions_logged": data.sessions_logged,
        "policy_version": data.policy_version,
        "decided_by": data.decided_by,
        "override_reason": data.override_reason,
    }
    return men


def fold_mentoring(section: Doc | None, data: BaseModel, at: str = "") -> Doc:
    """The section after one mentoring event about this SME, processed `at`."""
    men = dict(section) if section is not None else empty_mentoring()
    if isinstance(data, SMEEnrolled):
        men["cohort_id"] = data.cohort_id
        men["enrolled_at"] = iso_time(data.enrolled_at)
        # Programme time; events before v1.2 name none: the enrolment's day in West Java.
        men["enrolled_on"] = (
            data.enrolled_on or data.enrolled_at.astimezone(WIB).date()
        ).isoformat()
    elif isinstance(data, MentorAssigned):
        men["mentor_id"] = data.mentor_id
        men["mentor_history"] = [
            *men["mentor_history"],
            {
                "mentor_id": data.mentor_id,
                "previous_mentor_id": data.previous_mentor_id,
                "assigned_at": iso_time(data.assigned_at),
                # Programme time; events before v1.2 name none: the assignment's day in West Java.
                "assigned_on": (
                    data.assigned_on or data.assigned_at.astimezone(WIB).date()
                ).isoformat(),
            },
        ]
        men["cohort_id"] = men["cohort_id"] or data.cohort_id
    elif isinstance(data, MentorSessionLogged):
        return _log_session(men, data, at)
    elif isinstance(data, MilestoneAchieved):
        return _milestone(men, data, at)
    elif isinstance(data, SMEGraduated):
        return _graduated(men, data, at)
    return men
