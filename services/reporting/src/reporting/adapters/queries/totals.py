"""The cards of one level, the daily series and the freshness of the read models.

The cards are sums computed in the store over each SME's figures as frozen at projection time
(`domain.counted`): what a request reads does not grow with the SMEs; the daily series groups
their dated facts by day.
"""

from collections import Counter

from reporting.adapters.queries.rows import DayRow, TargetFigure, Totals
from reporting.adapters.queries.source import ReadModels, Region, region_name, sme_filter
from reporting.adapters.queries.targets import target_of
from reporting.domain import figures
from reporting.domain.figures import Clock
from reporting.domain.routing import COHORTS, COLLECTIONS, PARTNERSHIPS, SMES
from reporting.domain.values import Doc
from umkm_shared.contracts.vocabularies import DIMENSIONS, MILESTONES, SESSION_TOPICS

_COUNTS = (
    "registered",
    "active",
    "withdrawn",
    "enrolled",
    "mentored",
    "sessions",
    "graduated",
    "naik_kelas_scale",
    "bank_feed_consents",
)
_PER_VALUE = (
    ("dimension", "dimensions", DIMENSIONS),
    ("milestone", "milestones", MILESTONES),
    ("topic", "topics", SESSION_TOPICS),
)


def card_sums(*, topics: bool = False) -> Doc:
    """`$group` accumulators of the SMEs' frozen figures (`domain.counted`): sums only (by
    session topic too if `topics`), and the set of their mentors (bounded by the mentors).

    Each accumulator costs about as much as a count on the local Mongo-wire server: only the
    cohort rows ask for the topics."""
    return {
        **{k: {"$sum": f"$counted.{k}"} for k in _COUNTS},
        **{
            f"{prefix}_{v}": {"$sum": f"$counted.{field}.{v}"}
            for prefix, field, values in _PER_VALUE
            for v in values
            if topics or prefix != "topic"
        },
        "mentor_ids": {"$addToSet": "$counted.active_mentor"},
    }


def cards_of(row: Doc | None) -> Doc:
    """The figures of one `$group` row of `card_sums()` (every vocabulary value, 0 if none)."""
    got = row or {}
    return {
        **{k: int(got.get(k) or 0) for k in _COUNTS},
        "graduated_by_dimension": {d: int(got.get(f"dimension_{d}") or 0) for d in DIMENSIONS},
        "milestones": {m: int(got.get(f"milestone_{m}") or 0) for m in MILESTONES},
        "sessions_by_topic": {t: int(got.get(f"topic_{t}") or 0) for t in SESSION_TOPICS},
        "mentors": len({m for m in got.get("mentor_ids", []) if m}),
    }


def smes_of(region: Region, cohort_id: str | None = None) -> Doc:
    """The filter of the SME documents registered in `region` (and in `cohort_id`)."""
    query = sme_filter(region)
    return {**query, "cohort_id": cohort_id} if cohort_id is not None else query


async def partnership_cards(models: ReadModels, region: Region, cohort_id: str | None) -> Doc:
    """Active partnerships, their partners and SMEs, gross sales: of the level's SMEs."""
    stages = await models.partnerships_in(region, cohort_id)
    active = {"$cond": [{"$eq": ["$status", "active"]}, 1, 0]}
    per_sme = {"_id": "$sme_id", "active": {"$sum": active}, "sales": {"$sum": "$gross_sales"}}
    level = {
        "_id": None,
        "partnerships_active": {"$sum": "$active"},
        "umkm_partnered": {"$sum": {"$cond": [{"$gt": ["$active", 0]}, 1, 0]}},
        "gross_sales": {"$sum": "$sales"},
    }
    rows = await models.aggregate(PARTNERSHIPS, [*stages, {"$group": per_sme}, {"$group": level}])
    partners = await models.aggregate(
        PARTNERSHIPS,
        [*stages, {"$match": {"status": "active"}}, {"$group": {"_id": "$partner_id"}}],
    )
    got = rows[0] if rows else {}
    return {
        "partnerships_active": int(got.get("partnerships_active") or 0),
        "partners": len(partners),
        "umkm_partnered": int(got.get("umkm_partnered") or 0),
        "gross_sales": int(got.get("gross_sales") or 0),
    }


def level_name(region: Region) -> str:
    """`province`, `kabupaten` or `kecamatan`, from a region code's depth."""
    depth = 0 if region is None else region.count(".")
    return ("province", "kabupaten", "kecamatan", "kecamatan")[min(depth, 3)]


async def totals(models: ReadModels, region: Region, cohort_id: str | None = None) -> Totals:
    """The cards of the level: a region (narrowed already), or a cohort within it.

    One `$group` over the level's SMEs' frozen figures and two over their partnerships.
    """
    group = {"$group": {"_id": None, **card_sums()}}
    rows = await models.aggregate(SMES, [{"$match": smes_of(region, cohort_id)}, group])
    cards = cards_of(rows[0] if rows else None)
    del cards["sessions_by_topic"]
    cards |= await partnership_cards(models, region, cohort_id)
    cohort = None
    if cohort_id is not None:
        cohort = (await models.by_id(COHORTS, [cohort_id])).get(cohort_id)
    target = await _target(models, region, cohort, int(cards["graduated"]))
    return Totals(
        level="cohort" if cohort_id else level_name(region),
        region=region,
        region_name=region_name(region or "32"),
        cohort_id=cohort_id,
        cohort_name=(cohort or {}).get("name", cohort_id) if cohort_id else None,
        cohort_status=(cohort or {}).get("status", "open") if cohort_id else None,
        target=target,
        progress_pct=target.progress_pct if target else 0.0,
        **cards,
    )


async def _target(
    models: ReadModels, region: Region, cohort: Doc | None, graduated: int
) -> TargetFigure | None:
    if cohort is not None:
        goal = int(cohort.get("target_graduates") or 0)
        return TargetFigure(
            naik_kelas=goal, source="cohort", progress_pct=figures.progress(graduated, goal)
        )
    if level_name(region) == "kecamatan":
        return None
    return await target_of(models.db, region, graduated)


async def dated_counts(
    models: ReadModels, match: Doc, key: dict[str, str], series: str | None = None
) -> list[Doc]:
    """The level's counted facts (`counted.dated`, of `series` if given) counted by `key`
    (output names to fields of a fact, e.g. {"day": "on"}) and cohort: rows with `n`."""
    stages: list[Doc] = [{"$match": match}, {"$unwind": "$counted.dated"}]
    if series is not None:
        stages.append({"$match": {"counted.dated.series": series}})
    by = {name: f"$counted.dated.{field}" for name, field in key.items()}
    stages.append({"$group": {"_id": by | {"cohort": "$cohort_id"}, "n": {"$sum": 1}}})
    return [{**row["_id"], "n": row["n"]} for row in await models.aggregate(SMES, stages)]


async def daily(
    models: ReadModels, region: Region, cohort_id: str | None = None, clock: Clock = "programme"
) -> list[DayRow]:
    """One row per day with anything on `clock`, with running totals."""
    key = {"series": "series", "day": "on" if clock == "programme" else "day"}
    counts: Counter[tuple[str, str]] = Counter()
    for row in await dated_counts(models, smes_of(region, cohort_id), key):
        counts[row["series"], row["day"]] += row["n"]
    return [DayRow(**row) for row in figures.daily(counts)]


async def data_as_of(models: ReadModels) -> str | None:
    """The processing time of the newest event folded into the live read models."""
    newest = ""
    for name in COLLECTIONS:
        col = await models.col(name)
        async for doc in col.find({}, {"seen_at": 1}).sort("seen_at", -1).limit(1):
            newest = max(newest, doc.get("seen_at") or "")
    return newest or None
