"""Query API: SMEs and partnerships, filtered and paginated."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from reporting.adapters.queries.partnerships import partnership_page
from reporting.adapters.queries.rows import PartnershipRow
from reporting.adapters.queries.smes import Id, SmeFilters, sme_detail, sme_page
from reporting.adapters.queries.source import narrowed
from reporting.entrypoints.deps import GUARDED, ModelsDep, Reader
from umkm_shared.auth import region_filter
from umkm_shared.contracts.partnership import PartnershipPattern
from umkm_shared.service import problems

router = APIRouter(responses=GUARDED)


class Paged(BaseModel):
    """A list's query string: a page of at most `limit` after `offset`; unknown names refused."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=50, ge=1, le=500)
    offset: int = Field(default=0, ge=0, le=1_000_000)  # deeper: narrow the filters instead

    def filters(self) -> dict[str, Any]:
        """The filters given, without the page."""
        return self.model_dump(exclude=set(Paged.model_fields))


class SmeQuery(Paged, SmeFilters):
    """The SME list's query string: filters (None means any) and the page."""


class PartnershipFilters(BaseModel):
    """Filters of the partnership list; None means any."""

    partner_id: Id | None = None
    pattern: PartnershipPattern | None = None
    status: Literal["proposed", "curated", "curation_failed", "active", "ended"] | None = None
    sme_id: Id | None = None
    cohort_id: Id | None = Field(
        default=None,
        description="Only the partnerships of this cohort's SMEs (those of the caller's "
        "region: another kabupaten's cohort lists none).",
        examples=["cohort-cafbbe235f22"],
    )


class PartnershipQuery(Paged, PartnershipFilters):
    """The partnership list's query string: filters, a region inside the caller's, the page."""

    region: str | None = Field(default=None, pattern=r"^\d{2}(\.\d{2}){0,2}$")


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


@router.get("/smes", responses=problems.responses(403, 422))
async def list_smes(
    caller: Reader, models: ModelsDep, query: Annotated[SmeQuery, Query()]
) -> SmePage:
    """The caller's region's SMEs by region, cohort, mentor, status or graduation, paged."""
    filters = SmeFilters.model_validate(query.filters())
    region = region_filter(caller)
    total, items = await sme_page(models, filters, query.limit, query.offset, region)
    return SmePage(total=total, limit=query.limit, offset=query.offset, items=items)


@router.get("/smes/{sme_id}", responses=problems.responses(403, 404))
async def get_sme(caller: Reader, sme_id: str, models: ModelsDep) -> dict[str, Any]:
    """One SME of the caller's region: registration, scale history, mentoring, partnerships."""
    return await sme_detail(models, sme_id, region_filter(caller))


@router.get("/partnerships", responses=problems.responses(403, 422))
async def list_partnerships(
    caller: Reader, models: ModelsDep, query: Annotated[PartnershipQuery, Query()]
) -> PartnershipPage:
    """Partnerships of the caller's region's SMEs by partner, pattern, status, SME or cohort,
    paged."""
    region = narrowed(region_filter(caller), query.region)
    filters = PartnershipFilters.model_validate(
        query.model_dump(include=set(PartnershipFilters.model_fields))
    )
    total, items = await partnership_page(
        models, query.limit, query.offset, region, **filters.model_dump()
    )
    return PartnershipPage(total=total, limit=query.limit, offset=query.offset, items=items)
