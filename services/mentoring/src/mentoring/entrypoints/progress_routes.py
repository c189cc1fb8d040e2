"""Progress endpoints: session logs, milestones, manual graduation, the enrollment view.

Sessions and milestones are the assigned mentor's: the mentor is the one the access token
names, never one a body names (an administrator logs for the assigned mentor).
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Response, status

from mentoring.domain.commands import GraduateManually, LogSession, RecordMilestone
from mentoring.domain.enrollment import enrollment_of
from mentoring.domain.errors import RequestRepeatedError
from mentoring.domain.mentee import Enrollment, Mentee
from mentoring.entrypoints.deps import ERRORS, ServiceDep
from mentoring.entrypoints.schemas import EnrollmentView, SessionCreated
from umkm_shared.auth import Caller, audit, require

router = APIRouter(tags=["progress"])
BASE = "/cohorts/{cohort_id}/enrollments/{sme_id}"
IdempotencyKey = Annotated[str | None, Header(max_length=200)]  # as registration's POST /smes


def keyed(model: type) -> dict[int | str, dict[str, Any]]:
    """The answers of a POST taking an Idempotency-Key: a known key's retry gets 200."""
    repeated = {
        "model": model,
        "description": "A retry with a known Idempotency-Key: the first result.",
    }
    return {200: repeated, **ERRORS}


def enrollment_view(mentee: Mentee, cohort_id: str) -> EnrollmentView:
    """One SME's progress in one cohort (404 if not enrolled)."""
    return view_of(mentee.sme_id, enrollment_of(mentee, cohort_id))


def view_of(sme_id: str, enrollment: Enrollment) -> EnrollmentView:
    """The answer showing one enrollment."""
    return EnrollmentView(
        cohort_id=enrollment.cohort_id,
        sme_id=sme_id,
        mentor_id=enrollment.mentor_id,
        enrolled_on=enrollment.enrolled_on,
        closed_on=enrollment.closed_on,
        sessions_logged=len(enrollment.effective_sessions()),
        sessions=list(enrollment.sessions),
        milestones=list(enrollment.milestones),
        graduation=enrollment.graduation,
    )


@router.get(BASE, responses=ERRORS)
async def get_enrollment(
    cohort_id: str,
    sme_id: str,
    service: ServiceDep,
    caller: Annotated[Caller, Depends(require("mentoring.read"))],
) -> EnrollmentView:
    """One SME's progress in one cohort."""
    return view_of(sme_id, await service.read_enrollment(caller, cohort_id, sme_id))


@router.post(
    f"{BASE}/sessions", status_code=status.HTTP_201_CREATED, responses=keyed(SessionCreated)
)
async def log_session(
    cohort_id: str,
    sme_id: str,
    body: LogSession,
    service: ServiceDep,
    caller: Annotated[Caller, Depends(require("mentoring.log_session"))],
    *,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> SessionCreated:
    """Log a session as the SME's assigned mentor (201); a known Idempotency-Key: 200, the first."""
    try:
        logged = await service.log_session(caller, cohort_id, sme_id, body, idempotency_key)
    except RequestRepeatedError as repeated:
        response.status_code = status.HTTP_200_OK
        logged = repeated.result
    return SessionCreated(session_id=logged)


@router.post(
    f"{BASE}/milestones", status_code=status.HTTP_201_CREATED, responses=keyed(EnrollmentView)
)
async def record_milestone(
    cohort_id: str,
    sme_id: str,
    body: RecordMilestone,
    service: ServiceDep,
    caller: Annotated[Caller, Depends(require("mentoring.milestone"))],
    *,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> EnrollmentView:
    """Record a milestone with its evidence, as the assigned mentor (201; a known key: 200)."""
    try:
        mentee = await service.record_milestone(caller, cohort_id, sme_id, body, idempotency_key)
    except RequestRepeatedError:
        response.status_code = status.HTTP_200_OK
        return view_of(sme_id, await service.read_enrollment(caller, cohort_id, sme_id))
    return enrollment_view(mentee, cohort_id)


@router.post(f"{BASE}/graduation", status_code=status.HTTP_201_CREATED, responses=ERRORS)
async def graduate(
    cohort_id: str,
    sme_id: str,
    body: GraduateManually,
    service: ServiceDep,
    caller: Annotated[Caller, Depends(require("mentoring.override"))],
) -> EnrollmentView:
    """The coordinator graduates the SME, overriding the policy, with a reason."""
    audit.note_reason(body.reason)  # the events' actor carries the override's reason
    return enrollment_view(await service.graduate(caller, cohort_id, sme_id, body), cohort_id)
