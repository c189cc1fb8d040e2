"""Cohort and mentor endpoints: open, close, enroll, assign, propose."""

from fastapi import APIRouter, status

from mentoring.domain.balancing import Candidate, propose_assignment
from mentoring.domain.cohort import Cohort, Mentor
from mentoring.domain.commands import OpenCohort, RegisterMentor
from mentoring.entrypoints.deps import ERRORS, ServiceDep
from mentoring.entrypoints.progress_routes import enrollment_view
from mentoring.entrypoints.schemas import (
    AssignmentView,
    AssignRequest,
    CohortView,
    EnrollmentView,
    EnrollRequest,
    ProposalRequest,
    ProposalView,
)
from mentoring.service import MentoringService

router = APIRouter(tags=["cohorts"])


async def cohort_view(service: MentoringService, cohort: Cohort) -> CohortView:
    """A cohort with its enrolled, graduated and per-mentor counts: reads by `_id` only."""
    summary = await service.writer.summaries.summary(cohort.cohort_id)
    loads = await service.writer.loads.counts(cohort.cohort_id, summary.mentor_ids)
    return CohortView(
        **cohort.model_dump(),
        enrolled=summary.enrolled,
        graduated=summary.graduated,
        mentor_loads={mentor_id: load for mentor_id, load in loads.items() if load},
    )


@router.post("/cohorts", status_code=status.HTTP_201_CREATED, responses=ERRORS)
async def open_cohort(body: OpenCohort, service: ServiceDep) -> CohortView:
    """Open a cohort (publishes CohortOpened)."""
    return await cohort_view(service, await service.open_cohort(body))


@router.get("/cohorts/{cohort_id}", responses=ERRORS)
async def get_cohort(cohort_id: str, service: ServiceDep) -> CohortView:
    """A cohort with its counts."""
    return await cohort_view(service, await service.cohort(cohort_id))


@router.post("/cohorts/{cohort_id}/close", responses=ERRORS)
async def close_cohort(cohort_id: str, service: ServiceDep) -> CohortView:
    """Close a cohort: no more enrollments, assignments, sessions or milestones."""
    return await cohort_view(service, await service.close_cohort(cohort_id))


@router.post("/mentors", status_code=status.HTTP_201_CREATED, responses=ERRORS)
async def register_mentor(body: RegisterMentor, service: ServiceDep) -> Mentor:
    """Register a mentor (publishes MentorRegistered)."""
    return await service.register_mentor(body)


@router.post(
    "/cohorts/{cohort_id}/enrollments", status_code=status.HTTP_201_CREATED, responses=ERRORS
)
async def enroll(cohort_id: str, body: EnrollRequest, service: ServiceDep) -> EnrollmentView:
    """Enroll a registered, active SME (404 unknown, 409 withdrawn or already enrolled)."""
    await service.enroll(cohort_id, body.sme_id)
    return await enrollment_view(service, cohort_id, body.sme_id)


@router.put("/cohorts/{cohort_id}/enrollments/{sme_id}/mentor", responses=ERRORS)
async def assign_mentor(
    cohort_id: str, sme_id: str, body: AssignRequest, service: ServiceDep
) -> AssignmentView:
    """Assign or reassign the mentor; warns past the norm, refuses (409) past the hard cap."""
    warning = await service.assign(cohort_id, sme_id, body.mentor_id)
    return AssignmentView(sme_id=sme_id, mentor_id=body.mentor_id, warning=warning)


@router.post("/cohorts/{cohort_id}/assignment-proposal", responses=ERRORS)
async def propose(cohort_id: str, body: ProposalRequest, service: ServiceDep) -> ProposalView:
    """A balanced proposal: even loads, each mentor's SMEs in neighbouring kecamatan."""
    await service.cohort(cohort_id)
    where = await service.writer.summaries.members(cohort_id)
    proposal = propose_assignment(
        [Candidate(sme_id, kecamatan) for sme_id, kecamatan in where.items()], body.mentor_ids
    )
    kecamatan = {mentor: sorted({where[s] for s in smes}) for mentor, smes in proposal.items()}
    return ProposalView(assignments=proposal, kecamatan=kecamatan)
