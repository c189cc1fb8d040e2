"""Region and cohort reports: one `$group` per report over the SMEs' frozen figures."""

from reporting.adapters.queries.rows import CohortRow, RegionRow
from reporting.adapters.queries.source import ReadModels, Region, holds, region_name
from reporting.adapters.queries.totals import card_sums, cards_of, smes_of
from reporting.domain import figures
from reporting.domain.routing import COHORTS, SMES

_REGION = ("enrolled", "mentored", "sessions", "graduated", "withdrawn", "mentors")
_COHORT = ("enrolled", "mentored", "sessions", "graduated", "mentors", "naik_kelas_scale")


async def regions(models: ReadModels, region: Region, kecamatan: bool = False) -> list[RegionRow]:
    """The rows of `region`: per kabupaten/kota, or (`kecamatan`) per kecamatan, named."""
    key = "$kecamatan_code" if kecamatan else "$kabupaten_code"
    match = {**smes_of(region), "registered": True}
    rows = await models.aggregate(
        SMES, [{"$match": match}, {"$group": {"_id": key, **card_sums()}}, {"$sort": {"_id": 1}}]
    )
    out = []
    for row in rows:
        if row["_id"] is None:
            continue
        got = cards_of(row)
        out.append(
            RegionRow(
                code=row["_id"],
                name=region_name(row["_id"]),
                level="kecamatan" if kecamatan else "kabupaten",
                smes=got["registered"],
                naik_kelas=got["naik_kelas_scale"],
                bank_feed_consents=got["bank_feed_consents"],
                **{k: got[k] for k in _REGION},
            )
        )
    return out


async def cohorts(
    models: ReadModels, default_norm: int, region: Region, cohort_id: str | None = None
) -> list[CohortRow]:
    """The region's cohorts: figures of the region's SMEs in each, against its target.

    A row is a cohort run in the region or one that enrolled the region's SMEs.
    """
    group = {"$group": {"_id": "$cohort_id", **card_sums(topics=True)}}
    rows = await models.aggregate(SMES, [{"$match": smes_of(region, cohort_id)}, group])
    by = {row["_id"]: cards_of(row) for row in rows if row["_id"] is not None}
    infos = await models.by_id(COHORTS)
    run_here = {i for i, c in infos.items() if holds(region, c.get("kabupaten_code"))}
    wanted = (set(by) | run_here) if cohort_id is None else {cohort_id}
    out = []
    for cid in sorted(wanted):
        info = infos.get(cid, {})
        got = by.get(cid) or cards_of(None)
        target = int(info.get("target_graduates", 0))
        out.append(
            CohortRow(
                cohort_id=cid,
                name=info.get("name", cid),
                kabupaten_code=info.get("kabupaten_code"),
                kabupaten_name=region_name(info.get("kabupaten_code")),
                status=info.get("status", "open"),
                closed_on=info.get("closed_on"),
                start_date=info.get("start_date"),
                end_date=info.get("end_date"),
                target_graduates=target,
                mentor_norm=int(info.get("mentor_norm") or default_norm),
                progress_pct=figures.progress(got["graduated"], target),
                sessions_by_topic=got["sessions_by_topic"],
                naik_kelas_by_dimension=got["graduated_by_dimension"],
                milestones=got["milestones"],
                **{k: got[k] for k in _COHORT},
            )
        )
    return out
