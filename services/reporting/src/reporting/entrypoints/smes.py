"""Query API: SMEs and partnerships, filtered and paginated."""

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from reporting.adapters.queries.partnerships import partnership_page
from reporting.adapters.queries.rows import PartnershipRow
from reporting.adapters.queries.smes import SmeFilters, sme_detail, sme_page
from reporting.entrypoints.deps import ModelsDep
from umkm_shared.errors import RefusalError
from umkm_shared.service import problems

router = APIRouter()
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]


class SmePage(BaseModel):
    """A page of SMEs and how many match the filters."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class PartnershipPage(BaseModel):
    """A page of partnerships and how many match the filters."""

    total: int
    limit: int
    offset: int
    items: list[PartnershipRow]


@router.get("/smes", responses=problems.responses(422))
async def list_smes(
    models: ModelsDep,
    filters: Annotated[SmeFilters, Query()],
    limit: Limit = 50,
    offset: Offset = 0,
) -> SmePage:
    """SMEs by region, cohort, mentor, status or graduation, a page at a time."""
    total, items = await sme_page(models, filters, limit, offset)
    return SmePage(total=total, limit=limit, offset=offset, items=items)


@router.get("/smes/{sme_id}", responses=problems.responses(404))
async def get_sme(sme_id: str, models: ModelsDep) -> dict[str, Any]:
    """One SME: registration, scale-class history, mentoring, graduation, partnerships."""
    doc = await sme_detail(models, sme_id)
    if doc is None:
        raise RefusalError(
            "not_found",
            "UMKM ini belum ada di laporan.",
            "This SME has not been projected (yet).",
        )
    return doc


@router.get("/partnerships", responses=problems.responses(422))
async def list_partnerships(  # noqa: PLR0917 - FastAPI query parameters
    models: ModelsDep,
    partner_id: str | None = None,
    pattern: str | None = None,
    status: str | None = None,
    sme_id: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> PartnershipPage:
    """Partnerships by partner, pattern, status or SME, a page at a time."""
    total, items = await partnership_page(
        models,
        limit,
        offset,
        partner_id=partner_id,
        pattern=pattern,
        status=status,
        sme_id=sme_id,
    )
    return PartnershipPage(total=total, limit=limit, offset=offset, items=items)
