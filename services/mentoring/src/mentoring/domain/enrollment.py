"""Enrolling SMEs in cohorts and assigning their mentors."""

from dataclasses import dataclass
from datetime import date, datetime

from mentoring.domain.cohort import Cohort, Mentor, cohort_closed
from mentoring.domain.errors import (
    ConflictError,
    InvalidError,
    NotFoundError,
    invalid_field,
    still_propagating,
)
from mentoring.domain.events import MentorAssigned, SmeEnrolled
from mentoring.domain.mentee import Decision, Enrollment, Mentee
from mentoring.domain.process import Rules, settle


def require_active(mentee: Mentee) -> None:
    """Refuse an SME registration has not told us about (yet: 409, retry), or a withdrawn one."""
    if mentee.profile is None:
        raise still_propagating(mentee.sme_id)
    if mentee.withdrawn:
        raise ConflictError(
            f"UMKM {mentee.sme_id} sudah keluar dari program",
            f"SME {mentee.sme_id} was withdrawn from the program",
        )


def enrollment_of(mentee: Mentee, cohort_id: str) -> Enrollment:
    """The SME's enrollment in the cohort, or NotFoundError."""
    enrollment = mentee.enrollments.get(cohort_id)
    if enrollment is None:
        raise NotFoundError(
            f"UMKM {mentee.sme_id} tidak terdaftar di kohort {cohort_id}",
            f"SME {mentee.sme_id} is not enrolled in cohort {cohort_id}",
        )
    return enrollment


def open_enrollment(mentee: Mentee, cohort: Cohort) -> Enrollment:
    """The SME's enrollment in an open cohort, for a command changing it (409 once closed)."""
    require_active(mentee)
    cohort.require_open()
    enrollment = enrollment_of(mentee, cohort.cohort_id)
    if enrollment.closed_on is not None:  # frozen by a close the cohort read has not seen
        raise cohort_closed(cohort.cohort_id)
    return enrollment


def enroll(
    mentee: Mentee, cohort: Cohort, rules: Rules, now: datetime, on: date | None = None
) -> Decision:
    """Enroll a registered, active SME of the cohort's kabupaten; facts seen earlier count."""
    require_active(mentee)
    cohort.require_open()
    day = cohort.programme_date("enrolled_on", on, now)
    assert mentee.profile is not None  # noqa: S101 - require_active checked it
    if mentee.profile.kabupaten_code != cohort.kabupaten_code:
        raise InvalidError(
            f"UMKM {mentee.sme_id} bukan dari kabupaten/kota {cohort.kabupaten_code}",
            f"SME {mentee.sme_id} is not in kabupaten/kota {cohort.kabupaten_code}",
        )
    if cohort.cohort_id in mentee.enrollments:
        raise ConflictError(
            f"UMKM {mentee.sme_id} sudah terdaftar di kohort ini",
            f"SME {mentee.sme_id} is already enrolled in this cohort",
        )
    enrollment = Enrollment(
        cohort_id=cohort.cohort_id,
        cohort_start=cohort.start_date,
        cohort_end=cohort.end_date,
        enrolled_at=now,
        enrolled_on=day,
    )
    event = SmeEnrolled(
        cohort_id=cohort.cohort_id, sme_id=mentee.sme_id, enrolled_at=now, enrolled_on=day
    )
    return settle(mentee.with_enrollment(enrollment), [event], rules, now, progress=False)


def hard_cap_reached(mentor_id: str, hard_cap: int) -> ConflictError:
    """The refusal when the mentor already has `hard_cap` SMEs in the cohort."""
    return ConflictError(
        f"Pendamping {mentor_id} sudah mencapai batas {hard_cap} UMKM",
        f"mentor {mentor_id} is at the hard cap of {hard_cap} SMEs",
    )


@dataclass(frozen=True)
class Assignment:
    """The decision of an assignment, and a warning if the mentor is past the norm."""

    decision: Decision
    warning: str | None


def assigned_on(enrollment: Enrollment, cohort: Cohort, given: date | None, now: datetime) -> date:
    """The day the assignment takes effect: dated as an enrolment is (`Cohort.programme_date`),
    and not before the SME joined the cohort."""
    day, joined = cohort.programme_date("assigned_on", given, now), enrollment.enrolled_on
    if joined is not None and day < joined:
        raise invalid_field(
            "assigned_on",
            f"Tanggal penugasan tidak boleh sebelum tanggal masuk kohort ({joined})",
            f"assigned_on may not be before the SME joined the cohort ({joined})",
        )
    return day


def assign(
    mentee: Mentee,
    cohort: Cohort,
    mentor: Mentor,
    load: int,
    *,
    rules: Rules,
    now: datetime,
    on: date | None = None,
) -> Assignment:
    """Assign (or reassign) a mentor, dated `on`; `load` = SMEs the mentor already has in the
    cohort."""
    enrollment = open_enrollment(mentee, cohort)
    day = assigned_on(enrollment, cohort, on, now)
    if enrollment.mentor_id == mentor.mentor_id:
        return Assignment((mentee, []), None)
    after = load + 1
    if after > rules.hard_cap:
        raise hard_cap_reached(mentor.mentor_id, rules.hard_cap)
    warning = None
    if after > cohort.mentor_norm:
        warning = (
            f"Pendamping {mentor.mentor_id} mendampingi {after} UMKM, melebihi norma "
            f"{cohort.mentor_norm} / mentor has {after} SMEs, above the norm of "
            f"{cohort.mentor_norm}"
        )
    event = MentorAssigned(
        cohort_id=cohort.cohort_id,
        sme_id=mentee.sme_id,
        mentor_id=mentor.mentor_id,
        previous_mentor_id=enrollment.mentor_id,
        assigned_at=now,
        assigned_on=day,
    )
    changed = mentee.with_enrollment(enrollment.model_copy(update={"mentor_id": mentor.mentor_id}))
    return Assignment((changed.counted([event]), [event]), warning)
