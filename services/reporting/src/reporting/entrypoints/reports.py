"""Query API: program totals, regions, cohorts, mentors and partnership summaries."""

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from reporting.adapters.queries import mentors, partnerships, programme
from reporting.adapters.queries import totals as program_totals
from reporting.adapters.queries.rows import (
    CohortRow,
    DayRow,
    GroupRow,
    MentorRow,
    RegionRow,
    Totals,
)
from reporting.adapters.queries.source import narrowed
from reporting.domain.values import WIB
from reporting.entrypoints.deps import GUARDED, ModelsDep, Reader, SettingsDep
from umkm_shared.auth import region_filter
from umkm_shared.service import problems

router = APIRouter(responses=GUARDED)


def today() -> date:
    """Today in West Java."""
    return datetime.now(WIB).date()


@router.get("/totals")
async def get_totals(caller: Reader, models: ModelsDep, settings: SettingsDep) -> Totals:
    """The totals of the caller's region and progress to the program target."""
    return await program_totals.totals(models, settings.program_target, region_filter(caller))


@router.get("/totals/daily")
async def get_daily(caller: Reader, models: ModelsDep) -> list[DayRow]:
    """The daily series of registrations, sessions and graduations, with running totals."""
    return await program_totals.daily(models, region_filter(caller))


@router.get("/regions", responses=problems.responses(422))
async def get_regions(
    caller: Reader,
    models: ModelsDep,
    kabupaten_code: Annotated[str | None, Query(pattern=r"^\d{2}\.\d{2}$")] = None,
) -> list[RegionRow]:
    """Per kabupaten/kota of the caller's region; with `kabupaten_code` (in it), per kecamatan."""
    region = narrowed(region_filter(caller), kabupaten_code)  # 403 outside the caller's
    return await programme.regions(models, region, kabupaten_code)


@router.get("/cohorts")
async def get_cohorts(caller: Reader, models: ModelsDep, settings: SettingsDep) -> list[CohortRow]:
    """Per cohort: enrolled, mentored, sessions by topic, graduated against target."""
    return await programme.cohorts(models, settings.mentor_norm, region_filter(caller))


@router.get("/mentors", responses=problems.responses(422))
async def get_mentors(
    caller: Reader,
    models: ModelsDep,
    settings: SettingsDep,
    cohort_id: Annotated[str | None, Query(max_length=100)] = None,
    as_of: Annotated[date | None, Query(ge=date(2000, 1, 1), le=date(2100, 12, 31))] = None,
) -> list[MentorRow]:
    """Per mentor: assigned against the norm, sessions in the 30 days up to `as_of` (today)."""
    return await mentors.mentors(
        models, as_of or today(), settings.mentor_norm, region_filter(caller), cohort_id
    )


@router.get("/partnerships/summary/{by}", responses=problems.responses(422))
async def get_partnership_summary(
    caller: Reader, models: ModelsDep, by: partnerships.GroupBy
) -> list[GroupRow]:
    """Partnerships, products and sales by partner, pattern or status."""
    return await partnerships.partnership_groups(models, by, region_filter(caller))
