"""The partnership API: partners, each partner's partnerships, the compliance view."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, status

from partnership.domain.compliance import ComplianceView
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
async def register_partner(body: RegisterPartnerRequest, service: Service) -> Partner:
    """Register a partner company."""
    return await service.register_partner(body.command())


@router.get("/partners")
async def list_partners(service: Service, limit: Limit = 100, offset: Offset = 0) -> list[Partner]:
    """The partners, a page at a time (for the office's staff)."""
    return (await service.partners.every())[offset : offset + limit]


@router.get("/partners/{partner_id}", responses=problems.responses(404))
async def get_partner(partner_id: str, service: Service) -> Partner:
    """One partner."""
    return await service.partner(partner_id)


@router.post(
    "/partners/{partner_id}/partnerships",
    status_code=status.HTTP_201_CREATED,
    responses=problems.responses(404, 409, 422),
)
async def propose(partner_id: str, body: ProposeRequest, service: Service) -> Partnership:
    """Propose a partnership with an SME."""
    return await service.propose(partner_id, body.command())


@router.get("/partners/{partner_id}/partnerships", responses=problems.responses(404))
async def list_partnerships(
    partner_id: str,
    service: Service,
    state: Status | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[Partnership]:
    """The partner's partnerships (and only its own), oldest first, a page at a time."""
    return (await service.partnerships_of(partner_id, state))[offset : offset + limit]


@router.get(ONE, responses=problems.responses(404))
async def get_partnership(partner_id: str, partnership_id: str, service: Service) -> Partnership:
    """One of the partner's partnerships."""
    return await service.partnership(partner_id, partnership_id)


@router.post(f"{ONE}/curation", responses=problems.responses(404, 409, 422))
async def curate(
    partner_id: str, partnership_id: str, body: CurateRequest, service: Service
) -> Partnership:
    """Run the curation checklist (again after a failed one)."""
    return await service.curate(partner_id, partnership_id, body.command())


@router.post(f"{ONE}/agreement", responses=problems.responses(404, 409, 422))
async def establish(
    partner_id: str, partnership_id: str, body: EstablishRequest, service: Service
) -> Partnership:
    """Sign the agreement of a partnership that passed curation."""
    return await service.establish(partner_id, partnership_id, body.command())


@router.post(f"{ONE}/products", responses=problems.responses(404, 409, 422))
async def list_product(
    partner_id: str, partnership_id: str, body: ListProductRequest, service: Service
) -> Partnership:
    """List a product (a listed SKU again replaces its listing)."""
    return await service.list_product(partner_id, partnership_id, body.command())


@router.put(f"{ONE}/sales/{{period}}", responses=problems.responses(404, 409, 422))
async def report_sales(
    partner_id: str,
    partnership_id: str,
    period: Annotated[str, Path(pattern=PERIOD, examples=["2022-09"])],
    body: ReportSalesRequest,
    service: Service,
) -> Partnership:
    """Report a month's sales per product; reporting the month again corrects it."""
    return await service.report_sales(partner_id, partnership_id, body.command(period))


@router.post(f"{ONE}/end", responses=problems.responses(404, 409, 422))
async def end(
    partner_id: str, partnership_id: str, body: EndRequest, service: Service
) -> Partnership:
    """End the partnership."""
    return await service.end(partner_id, partnership_id, body.command())


@router.get("/compliance")
async def compliance(
    service: Service,
    kabupaten_code: Annotated[str | None, Query(pattern=r"^\d{2}\.\d{2}$")] = None,
) -> ComplianceView:
    """Per partner and per kecamatan: the regency's view of partnering (Perbup 73/2020)."""
    return await service.compliance(kabupaten_code)


@router.get("/smes/{sme_id}", responses=problems.responses(404))
async def sme_facts(sme_id: str, service: Service) -> SmeFacts:
    """What this service has learned of an SME (licences, class, withdrawal)."""
    return await service.sme(sme_id)
