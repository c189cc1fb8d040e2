"""The partnership API: partners, each partner's partnerships, the compliance view."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Response, status

from partnership.domain.compliance import ComplianceView
from partnership.domain.idempotency import MAX_KEY_LENGTH, ProposalRepeatedError
from partnership.domain.partner import Partner
from partnership.domain.partnership import Partnership, Status
from partnership.domain.sme import SmeFacts
from partnership.entrypoints.schemas import (
    CurateRequest,
    EndRequest,
    EstablishRequest,
    ListProductRequest,
    ProposeRequest,
    RegisterPartnerRequest,
    ReportSalesRequest,
)
from partnership.service import PartnershipService
from umkm_shared.auth import Caller, require
from umkm_shared.service import problems
from umkm_shared.service.state import from_state

router = APIRouter(tags=["partnerships"])
ONE = "/partners/{partner_id}/partnerships/{partnership_id}"
PERIOD = r"^\d{4}-(0[1-9]|1[0-2])$"


Service = Annotated[PartnershipService, Depends(from_state("service", PartnershipService))]
Limit = Annotated[int, Query(ge=1, le=500, description="At most this many in one answer.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Skip this many first.")]


@router.post(
    "/partners", status_code=status.HTTP_201_CREATED, responses=problems.responses(409, 422)
)
async def register_partner(
    caller: Annotated[Caller, Depends(require("partnership.register_partner"))],
    body: RegisterPartnerRequest,
    service: Service,
) -> Partner:
    """Register a partner company (a Dinas: of its own region or province-wide)."""
    return await service.register_partner(caller, body.command())


@router.get("/partners")
async def list_partners(
    caller: Annotated[Caller, Depends(require("partnership.read"))],
    service: Service,
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[Partner]:
    """The partners, a page at a time (a partner sees only itself)."""
    return (await service.partners_for(caller))[offset : offset + limit]


@router.get("/partners/{partner_id}", responses=problems.responses(404))
async def get_partner(
    caller: Annotated[Caller, Depends(require("partnership.read"))],
    partner_id: str,
    service: Service,
) -> Partner:
    """One partner."""
    return await service.partner(caller, partner_id)


@router.post(
    "/partners/{partner_id}/partnerships",
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {
            "model": Partnership,
            "description": "A retry with a known Idempotency-Key: the partnership it proposed.",
        },
        **problems.responses(404, 409, 422),
    },
)
async def propose(
    caller: Annotated[Caller, Depends(require("partnership.propose"))],
    partner_id: str,
    body: ProposeRequest,
    service: Service,
    *,
    response: Response,
    idempotency_key: Annotated[
        str | None,
        Header(
            max_length=MAX_KEY_LENGTH,
            description="One new key per proposal, the same on its retries.",
        ),
    ] = None,
) -> Partnership:
    """Propose a partnership with an SME (a Dinas: an SME of its region); 201.

    An optional Idempotency-Key makes a retry safe: the same key with the same body answers
    200 with the partnership first proposed, the same key with another body 422.
    """
    try:
        return await service.propose(caller, partner_id, body.command(), idempotency_key)
    except ProposalRepeatedError as repeated:
        response.status_code = status.HTTP_200_OK
        return repeated.partnership


@router.get("/partners/{partner_id}/partnerships", responses=problems.responses(404))
async def list_partnerships(
    *,
    caller: Annotated[Caller, Depends(require("partnership.read"))],
    partner_id: str,
    service: Service,
    state: Status | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[Partnership]:
    """The partner's partnerships (only its own; a Dinas: of its region), oldest first."""
    found = await service.partnerships_of(caller, partner_id, state)
    return found[offset : offset + limit]


@router.get(ONE, responses=problems.responses(404))
async def get_partnership(
    caller: Annotated[Caller, Depends(require("partnership.read"))],
    partner_id: str,
    partnership_id: str,
    service: Service,
) -> Partnership:
    """One of the partner's partnerships."""
    return await service.partnership(caller, partner_id, partnership_id)


@router.post(f"{ONE}/curation", responses=problems.responses(404, 409, 422))
async def curate(
    caller: Annotated[Caller, Depends(require("partnership.curate"))],
    partner_id: str,
    partnership_id: str,
    body: CurateRequest,
    service: Service,
) -> Partnership:
    """Run the curation checklist (again after a failed one)."""
    return await service.curate(caller, partner_id, partnership_id, body.command())


@router.post(f"{ONE}/agreement", responses=problems.responses(404, 409, 422))
async def establish(
    caller: Annotated[Caller, Depends(require("partnership.establish"))],
    partner_id: str,
    partnership_id: str,
    body: EstablishRequest,
    service: Service,
) -> Partnership:
    """Sign the agreement of a partnership that passed curation."""
    return await service.establish(caller, partner_id, partnership_id, body.command())


@router.post(f"{ONE}/products", responses=problems.responses(404, 409, 422))
async def list_product(
    caller: Annotated[Caller, Depends(require("partnership.list_product"))],
    partner_id: str,
    partnership_id: str,
    body: ListProductRequest,
    service: Service,
) -> Partnership:
    """List a product (a listed SKU again replaces its listing)."""
    return await service.list_product(caller, partner_id, partnership_id, body.command())


@router.put(f"{ONE}/sales/{{period}}", responses=problems.responses(404, 409, 422))
async def report_sales(
    *,
    caller: Annotated[Caller, Depends(require("partnership.report_sales"))],
    partner_id: str,
    partnership_id: str,
    period: Annotated[str, Path(pattern=PERIOD, examples=["2022-09"])],
    body: ReportSalesRequest,
    service: Service,
) -> Partnership:
    """Report a month's sales per product; reporting the month again corrects it."""
    return await service.report_sales(caller, partner_id, partnership_id, body.command(period))


@router.post(f"{ONE}/end", responses=problems.responses(404, 409, 422))
async def end(
    caller: Annotated[Caller, Depends(require("partnership.end"))],
    partner_id: str,
    partnership_id: str,
    body: EndRequest,
    service: Service,
) -> Partnership:
    """End the partnership."""
    return await service.end(caller, partner_id, partnership_id, body.command())


@router.get("/compliance")
async def compliance(
    caller: Annotated[Caller, Depends(require("partnership.compliance"))],
    service: Service,
    kabupaten_code: Annotated[str | None, Query(pattern=r"^\d{2}\.\d{2}$")] = None,
) -> ComplianceView:
    """Per partner and per kecamatan: the regency's view of partnering (Perbup 73/2020).

    Without `kabupaten_code`, the caller's own region; a region outside it is 403.
    """
    return await service.compliance(caller, kabupaten_code)


@router.get("/smes/{sme_id}", responses=problems.responses(404))
async def sme_facts(
    caller: Annotated[Caller, Depends(require("partnership.read"))],
    sme_id: str,
    service: Service,
) -> SmeFacts:
    """What this service has learned of an SME (a Dinas: of its region; a partner: partnered)."""
    return await service.sme(caller, sme_id)
