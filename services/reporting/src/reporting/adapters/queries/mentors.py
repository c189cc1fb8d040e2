"""The mentor report: one aggregation over the SME documents, plus the mentors' names."""

from datetime import date, timedelta

from reporting.adapters.queries.programme import pct
from reporting.adapters.queries.rows import MentorRow
from reporting.adapters.queries.source import ReadModels, Region, entry_if, smes_in
from reporting.domain.routing import COHORTS, MENTORS, SMES
from reporting.domain.values import Doc


def _mentor_entries(since: str, until: str) -> Doc:
    """Per SME: one entry for its current mentor (if active), one per session, by mentor."""
    has_mentor = {"$ne": [{"$ifNull": ["$mentor_id", None]}, None]}
    assigned = {"$and": [has_mentor, {"$ne": ["$withdrawn", True]}]}
    recent = {"$and": [{"$gte": ["$$s.date", since]}, {"$lte": ["$$s.date", until]}]}
    return {
        "$concatArrays": [
            entry_if(assigned, {"m": "$mentor_id", "a": 1, "r": 0, "t": 0}),
            {
                "$map": {
                    "input": {"$ifNull": ["$session_log", []]},
                    "as": "s",
                    "in": {"m": "$$s.mentor_id", "a": 0, "r": {"$cond": [recent, 1, 0]}, "t": 1},
                }
            },
        ]
    }


async def mentors(
    models: ReadModels,
    as_of: date,
    default_norm: int,
    region: Region,
    cohort_id: str | None = None,
) -> list[MentorRow]:
    """The region's mentors: active SMEs assigned against the norm, sessions in 30 days to `as_of`.

    Counts come from the region's SMEs; a row is a mentor working in the region or one
    mentoring the region's SMEs.
    """
    since = (as_of - timedelta(days=29)).isoformat()
    match: list[Doc] = [{"$match": {"cohort_id": cohort_id}}] if cohort_id is not None else []
    groups = await models.aggregate(
        SMES,
        [
            *smes_in(region),
            *match,
            {"$project": {"e": _mentor_entries(since, as_of.isoformat())}},
            {"$unwind": "$e"},
            {
                "$group": {
                    "_id": "$e.m",
                    "assigned": {"$sum": "$e.a"},
                    "recent": {"$sum": "$e.r"},
                    "total": {"$sum": "$e.t"},
                }
            },
        ],
    )
    by_mentor = {g["_id"]: g for g in groups if g["_id"] is not None}
    infos = await models.references(MENTORS, region, by_mentor)
    norm = default_norm
    if cohort_id is not None:
        cohort = (await models.by_id(COHORTS, [cohort_id])).get(cohort_id, {})
        norm = int(cohort.get("mentor_norm") or norm)
    rows = []
    with_smes = {m for m, g in by_mentor.items() if g["assigned"]}
    for mentor_id in sorted(with_smes | set(infos)):
        info, g = infos.get(mentor_id, {}), by_mentor.get(mentor_id, {})
        assigned = int(g.get("assigned", 0))
        rows.append(
            MentorRow(
                mentor_id=mentor_id,
                name=info.get("name", mentor_id),
                kabupaten_code=info.get("kabupaten_code"),
                assigned=assigned,
                norm=norm,
                load_pct=pct(assigned, norm),
                sessions_30d=int(g.get("recent", 0)),
                sessions_total=int(g.get("total", 0)),
            )
        )
    return rows
