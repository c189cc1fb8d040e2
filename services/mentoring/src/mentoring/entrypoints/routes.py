"""Cohort and mentor endpoints: open, read, close, register, enroll, assign, propose.

Each route asks `require(action)` for its action of the roles matrix (function level);
the service checks the cohort or enrollment it loads (object level).
"""

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Depends, status

from mentoring.domain.balancing import Candidate, propose_assignment
from mentoring.domain.cohort import Cohort, Mentor
from mentoring.domain.commands import OpenCohort, RegisterMentor
from mentoring.domain.mentee import Mentee
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
from umkm_shared.auth import Caller, require

router = APIRouter(tags=["cohorts"])


async def cohort_view(
    service: MentoringService, cohort: Cohort, assigned: list[Mentee] | None = None
) -> CohortView:
    """A cohort with its counts; with `assigned` (a mentor's view) counting only those SMEs."""
    if assigned is not None:
        mine = [m.enrollments[cohort.cohort_id] for m in assigned]
        return CohortView(
            **cohort.model_dump(),
            enrolled=len(mine),
            graduated=sum(e.graduation is not None for e in mine),
            mentor_loads=dict(Counter(e.mentor_id for e in mine if e.mentor_id)),
            assigned_sme_ids=[m.sme_id for m in assigned],
        )
    summary = await service.writer.summaries.summary(cohort.cohort_id)
    loads = await service.writer.loads.counts(cohort.cohort_id, summary.mentor_ids)
    return CohortView(
        **cohort.model_dump(),
        enrolled=summary.enrolled,
        graduated=summary.graduated,
        mentor_loads={mentor_id: load for mentor_id, load in loads.items() if load},
    )


@router.post("/cohorts", status_code=status.HTTP_201_CREATED, responses=ERRORS)
async def open_cohort(
    body: OpenCohort,
    service: ServiceDep,
    caller: Annotated[Caller, Depends(require("mentoring.open_cohort"))],
) -> CohortView:
    """Open a cohort in the caller's region (publishes CohortOpened)."""
    return await cohort_view(service, await service.open_cohort(caller, body))


@router.get("/cohorts/{cohort_id}", responses=ERRORS)
async def get_cohort(
    cohort_id: str,
    service: ServiceDep,
    caller: Annotated[Caller, Depends(require("mentoring.read"))],
) -> CohortView:
    """A cohort with its counts; a mentor sees only the SMEs assigned to them."""
    return await cohort_view(service, *await service.read_cohort(caller, cohort_id))


@router.post("/cohorts/{cohort_id}/close", responses=ERRORS)
async def close_cohort(
    cohort_id: str,
    service: ServiceDep,
    caller: Annotated[Caller, Depends(require("mentoring.close_cohort"))],
) -> CohortView:
    """Close a cohort (publishes CohortClosed): every command in it is refused (409) after,
    and late upstream events change nothing in it. A close interrupted leaves the cohort
    `closing` (commands refused); closing it again finishes it, as any replica does within
    a minute."""
    return await cohort_view(service, await service.close_cohort(caller, cohort_id))


@router.post("/mentors", status_code=status.HTTP_201_CREATED, responses=ERRORS)
async def register_mentor(
    body: RegisterMentor,
    service: ServiceDep,
    caller: Annotated[Caller, Depends(require("mentoring.register_mentor"))],
) -> Mentor:
    """Register a mentor of the caller's region (publishes MentorRegistered)."""
    return await service.register_mentor(caller, body)


@router.post(
    "/cohorts/{cohort_id}/enrollments", status_code=status.HTTP_201_CREATED, responses=ERRORS
)
async def enroll(
    cohort_id: str,
    body: EnrollRequest,
    service: ServiceDep,
    caller: Annotated[Caller, Depends(require("mentoring.enroll"))],
) -> EnrollmentView:
    """Enroll a registered, active SME, dated `enrolled_on` (409 withdrawn or enrolled).

    Mentoring learns SMEs from registration's events a moment after they are registered:
    until then the answer is 409 with `Retry-After: 2`; ask again.
    """
    mentee = await service.enroll(caller, cohort_id, body.sme_id, body.enrolled_on)
    return enrollment_view(mentee, cohort_id)


@router.put("/cohorts/{cohort_id}/enrollments/{sme_id}/mentor", responses=ERRORS)
async def assign_mentor(
    cohort_id: str,
    sme_id: str,
    body: AssignRequest,
    service: ServiceDep,
    caller: Annotated[Caller, Depends(require("mentoring.assign"))],
) -> AssignmentView:
    """Assign or reassign the mentor, dated `assigned_on`; warns past the norm, refuses (409)
    past the hard cap."""
    warning = await service.assign(caller, cohort_id, sme_id, body.mentor_id, body.assigned_on)
    return AssignmentView(sme_id=sme_id, mentor_id=body.mentor_id, warning=warning)


@router.post("/cohorts/{cohort_id}/assignment-proposal", responses=ERRORS)
async def propose(
    cohort_id: str,
    body: ProposalRequest,
    service: ServiceDep,
    caller: Annotated[Caller, Depends(require("mentoring.assign"))],
) -> ProposalView:
    """A balanced proposal: even loads, each mentor's SMEs in neighbouring kecamatan."""
    await service.cohort_for(caller, "mentoring.assign", cohort_id)
    where = await service.writer.summaries.members(cohort_id)
    proposal = propose_assignment(
        [Candidate(sme_id, kecamatan) for sme_id, kecamatan in where.items()], body.mentor_ids
    )
    kecamatan = {mentor: sorted({where[s] for s in smes}) for mentor, smes in proposal.items()}
    return ProposalView(assignments=proposal, kecamatan=kecamatan)
