"""The mentor report: workload from the level's SMEs, plus the mentors' names."""

from datetime import date

from reporting.adapters.queries.rows import MentorRow
from reporting.adapters.queries.source import ReadModels, Region, region_name
from reporting.adapters.queries.totals import level
from reporting.domain import figures
from reporting.domain.routing import MENTORS


async def mentors(
    models: ReadModels,
    today: date,
    default_norm: int,
    region: Region,
    *,
    cohort_id: str | None = None,
    as_of: date | None = None,
) -> list[MentorRow]:
    """The region's mentors: active SMEs assigned against the norm, sessions in 30 days.

    The 30 days end at `as_of` if given, else at the end of a closed cohort for its mentors,
    else today. A row is a mentor working in the region or one mentoring the region's SMEs.
    """
    read = await level(models, region, cohort_id)
    ends = figures.cohort_ends(read.cohorts.values())
    work = figures.mentor_figures(read.facts, ends, today, as_of)
    infos = await models.references(MENTORS, region if cohort_id is None else "-", work)
    norm = default_norm
    if cohort_id is not None:
        norm = int(read.cohorts.get(cohort_id, {}).get("mentor_norm") or norm)
    rows = []
    for mentor_id in sorted(set(work) | set(infos)):
        info = infos.get(mentor_id, {})
        fig = work.get(mentor_id) or figures.MentorFigures(0, 0, 0, (as_of or today).isoformat())
        rows.append(
            MentorRow(
                mentor_id=mentor_id,
                name=info.get("name", mentor_id),
                kabupaten_code=info.get("kabupaten_code"),
                kabupaten_name=region_name(info.get("kabupaten_code")),
                assigned=fig.assigned,
                norm=norm,
                load_pct=figures.progress(fig.assigned, norm),
                sessions_30d=fig.sessions_30d,
                sessions_total=fig.sessions_total,
                as_of=fig.as_of,
            )
        )
    return rows
