"""The SME endpoints of the registration API.

Every route asks `require(action)` (the roles matrix) and then checks the SME it touches
against the caller's region (`check`); searches are narrowed to it (`region_filter`).
"""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Response, status

from registration.adapters.cohorts import CohortMemberships
from registration.adapters.search import SmeFilter
from registration.domain import commands, values
from registration.domain.errors import DuplicateSmeError, SmeNotFoundError
from registration.entrypoints.schemas import (
    ConsentRequest,
    Purpose,
    RegisterSmeRequest,
    SmePage,
    SmeView,
    UpdateProfileRequest,
    WithdrawRequest,
)
from registration.service import RegistrationService
from umkm_shared.auth import Caller, Target, check, region_filter, require
from umkm_shared.contracts.types import ScaleClass
from umkm_shared.service import problems
from umkm_shared.service.state import from_state

router = APIRouter(tags=["smes"])
ERRORS = problems.responses(401, 403, 404, 409, 422)
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000  # deeper pages are a query to narrow, not to page through
Filter = Annotated[str | None, Query(max_length=20)]
REGISTER, READ, UPDATE = "registration.register", "registration.read", "registration.update"
CONSENT, WITHDRAW = "registration.consent", "registration.withdraw"


ServiceDep = Annotated[RegistrationService, Depends(from_state("service", RegistrationService))]
MembershipsDep = Annotated[CohortMemberships, Depends(from_state("memberships", CohortMemberships))]


async def _view(service: RegistrationService, sme_id: str, caller: Caller, action: str) -> SmeView:
    """The SME as shown to `caller`: 404 if unknown, 403 outside the caller's region."""
    doc = await service.repository.view(sme_id)
    if doc is None:
        raise SmeNotFoundError(sme_id)
    check(caller, action, Target(kabupaten_code=doc["kabupaten_code"]))
    return SmeView.of(doc)


@router.post(
    "/smes",
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {
            "model": SmeView,
            "description": "A retry with a known Idempotency-Key: the first result.",
        },
        **ERRORS,
    },
)
async def register_sme(
    body: RegisterSmeRequest,
    service: ServiceDep,
    caller: Annotated[Caller, Depends(require(REGISTER))],
    response: Response,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> SmeView:
    """Register an SME (201). A retry with the same Idempotency-Key answers 200 with the first."""
    check(caller, REGISTER, Target(kabupaten_code=body.kabupaten_code))
    financials = body.financials.to_value() if body.financials else None
    cmd = commands.RegisterSme(**body.model_dump(exclude={"financials"}), financials=financials)
    try:
        sme_id = await service.register(cmd, idempotency_key)
    except DuplicateSmeError as dup:
        if dup.field != "idempotency_key":
            raise
        response.status_code = status.HTTP_200_OK
        return await _view(service, dup.existing_id, caller, REGISTER)
    return await _view(service, sme_id, caller, REGISTER)


@router.get("/smes/{sme_id}", responses=ERRORS)
async def get_sme(
    sme_id: str, service: ServiceDep, caller: Annotated[Caller, Depends(require(READ))]
) -> SmeView:
    """One SME, with its NIK masked."""
    return await _view(service, sme_id, caller, READ)


@router.get("/smes", responses=problems.responses(401, 403, 422))
async def search_smes(  # noqa: PLR0917 - one parameter per documented query filter
    service: ServiceDep,
    memberships: MembershipsDep,
    caller: Annotated[Caller, Depends(require(READ))],
    kabupaten_code: Filter = None,
    kecamatan_code: Filter = None,
    scale_class: Annotated[ScaleClass | None, Query()] = None,
    kbli: Filter = None,
    cohort_id: Annotated[str | None, Query(max_length=100)] = None,
    status_: Annotated[Literal["active", "withdrawn"] | None, Query(alias="status")] = None,
    q: Annotated[str | None, Query(max_length=100, description="Part of the name")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> SmePage:
    """Search the caller's region of the register; every filter is optional, a page at a time."""
    region = region_filter(caller)
    members = await memberships.members(cohort_id) if cohort_id else None
    criteria = SmeFilter(
        kabupaten_code, kecamatan_code, scale_class, kbli, status_, q, members, region
    )
    total, docs = await service.repository.search(criteria, limit, offset)
    items = [SmeView.of(d) for d in docs]
    return SmePage(total=total, limit=limit, offset=offset, items=items)


@router.patch("/smes/{sme_id}", responses=ERRORS)
async def update_profile(
    sme_id: str,
    body: UpdateProfileRequest,
    service: ServiceDep,
    caller: Annotated[Caller, Depends(require(UPDATE))],
) -> SmeView:
    """Change the sections given; a class move under PP 7/2021 also emits SMEScaleChanged.

    The region is not among them: an SME stays in the kabupaten it was registered in.
    """
    await _view(service, sme_id, caller, UPDATE)  # unknown or out of scope: nothing is decided
    await service.update_profile(
        commands.UpdateProfile(
            sme_id=sme_id,
            business_name=body.business_name,
            kbli=body.kbli,
            financials=body.financials.to_value() if body.financials else None,
            licences=values.Licences(**body.licences.model_dump()) if body.licences else None,
            contacts=values.Contacts(**body.contacts.model_dump()) if body.contacts else None,
        )
    )
    return await _view(service, sme_id, caller, UPDATE)


@router.put("/smes/{sme_id}/consents/{purpose}", responses=ERRORS)
async def change_consent(
    sme_id: str,
    purpose: Annotated[Purpose, Path(description="What the consent covers.")],
    body: ConsentRequest,
    service: ServiceDep,
    caller: Annotated[Caller, Depends(require(CONSENT))],
) -> SmeView:
    """Give or withdraw consent to one purpose, e.g. `bank_jabar_mentoring_feed`."""
    await _view(service, sme_id, caller, CONSENT)  # unknown or out of scope: nothing is decided
    await service.change_consent(
        commands.ChangeConsent(sme_id, purpose, body.granted, body.legal_basis)
    )
    return await _view(service, sme_id, caller, CONSENT)


@router.post("/smes/{sme_id}/withdrawal", responses=ERRORS)
async def withdraw_sme(
    sme_id: str,
    body: WithdrawRequest,
    service: ServiceDep,
    caller: Annotated[Caller, Depends(require(WITHDRAW))],
) -> SmeView:
    """Withdraw the SME from the program; its consents end with it."""
    await _view(service, sme_id, caller, WITHDRAW)  # unknown or out of scope: nothing is decided
    await service.withdraw(commands.WithdrawSme(sme_id, body.reason))
    return await _view(service, sme_id, caller, WITHDRAW)
