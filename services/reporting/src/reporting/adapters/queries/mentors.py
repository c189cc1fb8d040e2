"""The mentor report: workload from the level's SMEs' frozen figures, plus the mentors' names."""

from collections import Counter
from datetime import date

from reporting.adapters.queries.rows import MentorRow
from reporting.adapters.queries.source import ReadModels, Region, region_name
from reporting.adapters.queries.totals import dated_counts, smes_of
from reporting.domain import figures
from reporting.domain.routing import COHORTS, MENTORS, SMES


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
    Read as SMEs by (mentor, cohort) and sessions by (mentor, cohort, day): grouped in the store.
    """
    match = smes_of(region, cohort_id)
    mentor = {"mentor": "$counted.assigned_mentor", "cohort": "$cohort_id"}
    assigned: Counter[tuple[str, str | None]] = Counter()
    for row in await models.aggregate(
        SMES,
        [
            {"$match": {**match, "counted.assigned_mentor": {"$ne": None}}},
            {"$group": {"_id": mentor, "n": {"$sum": 1}}},
        ],
    ):
        assigned[row["_id"]["mentor"], row["_id"].get("cohort")] += row["n"]
    sessions: Counter[tuple[str, str | None, str]] = Counter()
    key = {"mentor": "mentor_id", "on": "on"}
    for row in await dated_counts(models, match, key, series="sessions"):
        if row.get("mentor"):
            sessions[row["mentor"], row.get("cohort"), row["on"]] += row["n"]
    cohorts = await models.by_id(COHORTS)
    work = figures.mentor_figures(
        assigned, sessions, figures.cohort_ends(cohorts.values()), today, as_of
    )
    infos = await models.references(MENTORS, region if cohort_id is None else "-", work)
    norm = default_norm
    if cohort_id is not None:
        norm = int(cohorts.get(cohort_id, {}).get("mentor_norm") or norm)
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
