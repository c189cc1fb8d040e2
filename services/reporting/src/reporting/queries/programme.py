"""Region, cohort and mentor reports, summed from the SME documents."""

from datetime import date, timedelta

from reporting.domain.routing import COHORTS, MENTORS, SMES
from reporting.domain.values import DIMENSIONS, SESSION_TOPICS, Doc
from reporting.queries.rows import CohortRow, MentorRow, RegionRow
from reporting.queries.source import ReadModels, region_name, sums

_REGION_SUMS = sums("enrolled", "mentored", "session_count", "graduated", "naik_kelas_scale")


def _pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


async def regions(models: ReadModels, kabupaten_code: str | None = None) -> list[RegionRow]:
    """Kabupaten/kota rows; with `kabupaten_code`, that kabupaten's kecamatan rows."""
    match: Doc = {"registered": 1}
    key = "$kabupaten_code"
    if kabupaten_code is not None:
        match["kabupaten_code"] = kabupaten_code
        key = "$kecamatan_code"
    groups = await models.group(
        SMES,
        [
            {"$match": match},
            {"$group": {"_id": key, "smes": {"$sum": 1}, **_REGION_SUMS, **sums("withdrawn")}},
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


async def cohorts(models: ReadModels, default_norm: int) -> list[CohortRow]:
    """Every cohort: enrolled, mentored, sessions by topic, graduated against target."""
    topic_fields = [f"topic_{t}" for t in SESSION_TOPICS]
    dim_fields = [f"grad_{d}" for d in DIMENSIONS]
    groups = await models.group(
        SMES,
        [
            {"$match": {"cohort_id": {"$ne": None}}},
            {
                "$group": {
                    "_id": "$cohort_id",
                    **_REGION_SUMS,
                    **sums(*topic_fields, *dim_fields),
                }
            },
        ],
    )
    by_cohort = {g["_id"]: g for g in groups}
    infos = await models.by_id(COHORTS)
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
                progress_pct=_pct(graduated, target),
                sessions_by_topic={t: int(g.get(f"topic_{t}", 0)) for t in SESSION_TOPICS},
                naik_kelas_by_dimension={d: int(g.get(f"grad_{d}", 0)) for d in DIMENSIONS},
            )
        )
    return rows


async def mentors(
    models: ReadModels, as_of: date, default_norm: int, cohort_id: str | None = None
) -> list[MentorRow]:
    """Every mentor: active SMEs assigned against the norm, sessions in the 30 days to `as_of`."""
    match: Doc = {"mentor_id": {"$ne": None}, "withdrawn": {"$ne": 1}}
    if cohort_id is not None:
        match["cohort_id"] = cohort_id
    assigned = await models.group(
        SMES, [{"$match": match}, {"$group": {"_id": "$mentor_id", "n": {"$sum": 1}}}]
    )
    since = (as_of - timedelta(days=29)).isoformat()
    window: Doc = {"session_log.date": {"$gte": since, "$lte": as_of.isoformat()}}
    recent = await _sessions_per_mentor(models, cohort_id, window)
    total = await _sessions_per_mentor(models, cohort_id, {})
    infos = await models.by_id(MENTORS)
    norm = default_norm
    if cohort_id is not None:
        norm = int((await models.by_id(COHORTS)).get(cohort_id, {}).get("mentor_norm") or norm)
    counts = {g["_id"]: int(g["n"]) for g in assigned}
    rows = []
    for mentor_id in sorted(set(counts) | set(infos)):
        info = infos.get(mentor_id, {})
        rows.append(
            MentorRow(
                mentor_id=mentor_id,
                name=info.get("name", mentor_id),
                kabupaten_code=info.get("kabupaten_code"),
                assigned=counts.get(mentor_id, 0),
                norm=norm,
                load_pct=_pct(counts.get(mentor_id, 0), norm),
                sessions_30d=recent.get(mentor_id, 0),
                sessions_total=total.get(mentor_id, 0),
            )
        )
    return rows


async def _sessions_per_mentor(
    models: ReadModels, cohort_id: str | None, session_match: Doc
) -> dict[str, int]:
    pre: list[Doc] = [{"$match": {"cohort_id": cohort_id}}] if cohort_id is not None else []
    groups = await models.group(
        SMES,
        [
            *pre,
            {"$unwind": "$session_log"},  # top-level: FerretDB v1 cannot unwind a nested path
            {"$match": session_match},
            {"$group": {"_id": "$session_log.mentor_id", "n": {"$sum": 1}}},
        ],
    )
    return {g["_id"]: int(g["n"]) for g in groups if g["_id"] is not None}
