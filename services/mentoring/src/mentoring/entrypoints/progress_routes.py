"""Progress endpoints: session logs, milestones, manual graduation, the enrollment view."""

from fastapi import APIRouter, status

from mentoring.domain.commands import GraduateManually, LogSession, RecordMilestone
from mentoring.domain.enrollment import enrollment_of
from mentoring.entrypoints.deps import ERRORS, ServiceDep
from mentoring.entrypoints.schemas import EnrollmentView, SessionCreated
from mentoring.service import MentoringService

router = APIRouter(tags=["progress"])
BASE = "/cohorts/{cohort_id}/enrollments/{sme_id}"


async def enrollment_view(service: MentoringService, cohort_id: str, sme_id: str) -> EnrollmentView:
    """One SME's progress in one cohort (404 if not enrolled)."""
    enrollment = enrollment_of(await service.mentee(sme_id), cohort_id)
    return EnrollmentView(
        cohort_id=cohort_id,
        sme_id=sme_id,
        mentor_id=enrollment.mentor_id,
        sessions_logged=len(enrollment.effective_sessions()),
        sessions=list(enrollment.sessions),
        milestones=list(enrollment.milestones),
        graduation=enrollment.graduation,
    )


@router.get(BASE, responses=ERRORS)
async def get_enrollment(cohort_id: str, sme_id: str, service: ServiceDep) -> EnrollmentView:
    """One SME's progress in one cohort."""
    return await enrollment_view(service, cohort_id, sme_id)


@router.post(f"{BASE}/sessions", status_code=status.HTTP_201_CREATED, responses=ERRORS)
async def log_session(
    cohort_id: str, sme_id: str, body: LogSession, service: ServiceDep
) -> SessionCreated:
    """Log a session as the assigned mentor (`mentor_id`); a correction names the one it fixes."""
    return SessionCreated(session_id=await service.log_session(cohort_id, sme_id, body))


@router.post(f"{BASE}/milestones", status_code=status.HTTP_201_CREATED, responses=ERRORS)
async def record_milestone(
    cohort_id: str, sme_id: str, body: RecordMilestone, service: ServiceDep
) -> EnrollmentView:
    """Record a milestone with its evidence reference."""
    await service.record_milestone(cohort_id, sme_id, body)
    return await enrollment_view(service, cohort_id, sme_id)


@router.post(f"{BASE}/graduation", status_code=status.HTTP_201_CREATED, responses=ERRORS)
async def graduate(
    cohort_id: str, sme_id: str, body: GraduateManually, service: ServiceDep
) -> EnrollmentView:
    """The coordinator graduates the SME, overriding the policy, with a reason."""
    await service.graduate(cohort_id, sme_id, body)
    return await enrollment_view(service, cohort_id, sme_id)
