"""Query API: the cards of a level, the daily series, regions, cohorts, mentors, partnerships.

Every query reads the caller's region, or the `region` it asks for inside it (403 outside),
optionally one cohort's SMEs.
"""

from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from reporting.adapters.queries import mentors, partnerships, programme
from reporting.adapters.queries import totals as program_totals
from reporting.adapters.queries.rows import (
    CohortRow,
    DayRow,
    Freshness,
    GroupRow,
    MentorRow,
    RegionRow,
    Totals,
)
from reporting.adapters.queries.source import Region, narrowed
from reporting.entrypoints.deps import (
    GUARDED,
    CohortQuery,
    LagDep,
    ModelsDep,
    Reader,
    RegionQuery,
    SettingsDep,
)
from umkm_shared.auth import Caller, region_filter
from umkm_shared.programme_time import WIB
from umkm_shared.service import problems

router = APIRouter(responses=GUARDED)
SCOPED = problems.responses(403, 422)

ClockQuery = Annotated[
    Literal["programme", "processing"],
    Query(
        description="programme: the day things happened in the programme (joined, enrolled, "
        "session, milestone, graduation); processing: the day the system processed them.",
    ),
]


def today() -> date:
    """Today in West Java."""
    return datetime.now(WIB).date()


def scope(caller: Caller, region: str | None) -> Region:
    """The region read: the one asked for, inside the caller's (403 outside), else the caller's."""
    return narrowed(region_filter(caller), region)


@router.get("/totals", responses=SCOPED)
async def get_totals(
    caller: Reader, models: ModelsDep, region: RegionQuery = None, cohort_id: CohortQuery = None
) -> Totals:
    """The cards of a level (province, kabupaten, kecamatan or cohort) and its target."""
    return await program_totals.totals(models, scope(caller, region), cohort_id)


@router.get("/totals/daily", responses=SCOPED)
async def get_daily(
    caller: Reader,
    models: ModelsDep,
    region: RegionQuery = None,
    cohort_id: CohortQuery = None,
    time: ClockQuery = "programme",
) -> list[DayRow]:
    """Per day: registrations, enrolments, sessions, milestones, graduations, running totals."""
    return await program_totals.daily(models, scope(caller, region), cohort_id, time)


@router.get("/regions", responses=SCOPED)
async def get_regions(
    caller: Reader,
    models: ModelsDep,
    region: RegionQuery = None,
    kabupaten_code: Annotated[
        str | None, Query(pattern=r"^\d{2}\.\d{2}$", description="Same as `region`.")
    ] = None,
) -> list[RegionRow]:
    """Rows of the level asked for, one level down: per kabupaten/kota of the province (also
    when no region is asked for), per kecamatan of a kabupaten or for a kecamatan."""
    asked = region or kabupaten_code
    kecamatan = asked is not None and asked.count(".") >= 1
    return await programme.regions(models, scope(caller, asked), kecamatan)


@router.get("/cohorts", responses=SCOPED)
async def get_cohorts(
    caller: Reader,
    models: ModelsDep,
    settings: SettingsDep,
    region: RegionQuery = None,
    cohort_id: CohortQuery = None,
) -> list[CohortRow]:
    """Per cohort: status, enrolled, sessions by topic, graduates by dimension, target."""
    return await programme.cohorts(models, settings.mentor_norm, scope(caller, region), cohort_id)


@router.get("/mentors", responses=SCOPED)
async def get_mentors(
    *,
    caller: Reader,
    models: ModelsDep,
    settings: SettingsDep,
    region: RegionQuery = None,
    cohort_id: CohortQuery = None,
    as_of: Annotated[date | None, Query(ge=date(2000, 1, 1), le=date(2100, 12, 31))] = None,
) -> list[MentorRow]:
    """Per mentor: assigned against the norm, sessions in the 30 days to `as_of` (a closed
    cohort's end for its mentors, else today)."""
    return await mentors.mentors(
        models,
        today(),
        settings.mentor_norm,
        scope(caller, region),
        cohort_id=cohort_id,
        as_of=as_of,
    )


@router.get("/partnerships/summary/{by}", responses=SCOPED)
async def get_partnership_summary(
    caller: Reader,
    models: ModelsDep,
    by: partnerships.GroupBy,
    region: RegionQuery = None,
    cohort_id: CohortQuery = None,
) -> list[GroupRow]:
    """Partnerships, products and sales by partner, pattern or status."""
    return await partnerships.partnership_groups(models, by, scope(caller, region), cohort_id)


@router.get("/freshness")
async def get_freshness(
    _caller: Reader, models: ModelsDep, probe: LagDep, settings: SettingsDep
) -> Freshness:
    """How fresh the figures are: the newest event projected and the events still to come."""
    try:
        lag: int | None = sum(p.lag for p in await probe.measure())
    except Exception:
        lag = None
    return Freshness(
        data_as_of=await program_totals.data_as_of(models),
        lag=lag,
        lag_high=lag is not None and lag > settings.lag_warning_events,
        lag_threshold=settings.lag_warning_events,
    )
