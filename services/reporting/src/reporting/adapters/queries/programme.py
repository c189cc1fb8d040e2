"""Region and cohort reports, from the facts of the level's SMEs (closed cohorts frozen)."""

from reporting.adapters.queries.rows import CohortRow, RegionRow
from reporting.adapters.queries.source import ReadModels, Region, holds, region_name
from reporting.adapters.queries.totals import level
from reporting.domain import figures


async def regions(models: ReadModels, region: Region, kecamatan: bool = False) -> list[RegionRow]:
    """The rows of `region`: per kabupaten/kota, or (`kecamatan`) per kecamatan, named."""
    read = await level(models, region)
    registered = [f for f in read.facts if f.registered]
    by = figures.groups(registered, lambda f: f.kecamatan_code if kecamatan else f.kabupaten_code)
    return [
        RegionRow(
            code=code,
            name=region_name(code),
            level="kecamatan" if kecamatan else "kabupaten",
            **figures.region_row(smes),
        )
        for code, smes in sorted(by.items())
    ]


async def cohorts(
    models: ReadModels, default_norm: int, region: Region, cohort_id: str | None = None
) -> list[CohortRow]:
    """The region's cohorts: figures of the region's SMEs in each, against its target.

    A row is a cohort run in the region or one that enrolled the region's SMEs.
    """
    read = await level(models, region, cohort_id)
    by = figures.groups(read.facts, lambda f: f.cohort_id)
    run_here = {i for i, c in read.cohorts.items() if holds(region, c.get("kabupaten_code"))}
    wanted = (set(by) | run_here) if cohort_id is None else {cohort_id}
    rows = []
    for cid in sorted(wanted):
        info = read.cohorts.get(cid, {})
        fig = figures.cohort_figures(by.get(cid, []))
        target = int(info.get("target_graduates", 0))
        rows.append(
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
                progress_pct=figures.progress(fig["graduated"], target),
                **fig,
            )
        )
    return rows
