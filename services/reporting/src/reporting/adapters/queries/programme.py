"""Region and cohort reports, each one aggregation over the SME documents."""

from reporting.adapters.queries.rows import CohortRow, RegionRow
from reporting.adapters.queries.source import (
    ReadModels,
    Region,
    counts,
    region_name,
    smes_in,
    sums,
)
from reporting.domain.routing import COHORTS, SMES
from reporting.domain.values import Doc
from umkm_shared.contracts.vocabularies import DIMENSIONS, SESSION_TOPICS

_REGION_SUMS = {
    **counts("enrolled", "mentored", "graduated", "naik_kelas_scale"),
    **sums("session_count"),
}


def pct(part: int, whole: int) -> float:
    """`part` as a percentage of `whole`, one decimal; 0 when there is no whole."""
    return round(100.0 * part / whole, 1) if whole else 0.0


async def regions(
    models: ReadModels, region: Region, kabupaten_code: str | None = None
) -> list[RegionRow]:
    """The region's kabupaten/kota rows; with `kabupaten_code` (in it), its kecamatan rows."""
    match: Doc = {"registered": True}
    key = "$kabupaten_code"
    if kabupaten_code is not None:
        match["kabupaten_code"] = kabupaten_code
        key = "$kecamatan_code"
    groups = await models.aggregate(
        SMES,
        [
            *smes_in(region),
            {"$match": match},
            {"$group": {"_id": key, "smes": {"$sum": 1}, **_REGION_SUMS, **counts("withdrawn")}},
        ],
    )
    rows = [
        RegionRow(
            code=g["_id"],
            name=region_name(g["_id"]),
            smes=g["smes"],
            enrolled=g["enrolled"],
            mentored=g["mentored"],
            sessions=g["session_count"],
            graduated=g["graduated"],
            naik_kelas=g["naik_kelas_scale"],
            withdrawn=g["withdrawn"],
        )
        for g in groups
        if g["_id"] is not None
    ]
    return sorted(rows, key=lambda r: r.code)


async def cohorts(models: ReadModels, default_norm: int, region: Region) -> list[CohortRow]:
    """The region's cohorts: enrolled, mentored, sessions by topic, graduated against target.

    Counts come from the region's SMEs; a row is a cohort run in the region or one that
    enrolled the region's SMEs.
    """
    topic_fields = [f"topic_{t}" for t in SESSION_TOPICS]
    dim_fields = [f"grad_{d}" for d in DIMENSIONS]
    groups = await models.aggregate(
        SMES,
        [
            *smes_in(region),
            {"$match": {"cohort_id": {"$ne": None}}},
            {
                "$group": {
                    "_id": "$cohort_id",
                    **_REGION_SUMS,
                    **sums(*topic_fields),
                    **counts(*dim_fields),
                }
            },
        ],
    )
    by_cohort = {g["_id"]: g for g in groups}
    infos = await models.references(COHORTS, region, by_cohort)
    rows = []
    for cohort_id in sorted(set(by_cohort) | set(infos)):
        g, info = by_cohort.get(cohort_id, {}), infos.get(cohort_id, {})
        target = int(info.get("target_graduates", 0))
        graduated = int(g.get("graduated", 0))
        rows.append(
            CohortRow(
                cohort_id=cohort_id,
                name=info.get("name", cohort_id),
                kabupaten_code=info.get("kabupaten_code"),
                start_date=info.get("start_date"),
                end_date=info.get("end_date"),
                target_graduates=target,
                mentor_norm=int(info.get("mentor_norm") or default_norm),
                enrolled=int(g.get("enrolled", 0)),
                mentored=int(g.get("mentored", 0)),
                sessions=int(g.get("session_count", 0)),
                graduated=graduated,
                progress_pct=pct(graduated, target),
                sessions_by_topic={t: int(g.get(f"topic_{t}", 0)) for t in SESSION_TOPICS},
                naik_kelas_by_dimension={d: int(g.get(f"grad_{d}", 0)) for d in DIMENSIONS},
            )
        )
    return rows
