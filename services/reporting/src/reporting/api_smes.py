"""Query API: SMEs and partnerships, filtered and paginated."""

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import BaseModel

from reporting.deps import ModelsDep
from reporting.queries.partnerships import partnership_page
from reporting.queries.rows import PartnershipRow
from reporting.queries.smes import SmeFilters, sme_detail, sme_page

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


@router.get("/smes")
async def list_smes(
    models: ModelsDep,
    filters: Annotated[SmeFilters, Query()],
    limit: Limit = 50,
    offset: Offset = 0,
) -> SmePage:
    """SMEs by region, cohort, mentor, status or graduation, a page at a time."""
    total, items = await sme_page(models, filters, limit, offset)
    return SmePage(total=total, limit=limit, offset=offset, items=items)


@router.get("/smes/{sme_id}")
async def get_sme(sme_id: str, models: ModelsDep) -> dict[str, Any]:
    """One SME: registration, scale-class history, mentoring, graduation, partnerships."""
    doc = await sme_detail(models, sme_id)
    if doc is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, f"SME {sme_id} belum ada / not projected yet"
        )
    return doc


@router.get("/partnerships")
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
