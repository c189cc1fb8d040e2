"""The cards of one level, the daily series and the freshness of the read models.

The SME documents of the level are read once (their flat fields only) and the figures are
computed by `domain.figures`, which freezes closed cohorts.
"""

from dataclasses import dataclass

from reporting.adapters.queries.rows import DayRow, TargetFigure, Totals
from reporting.adapters.queries.source import ReadModels, Region, region_name, sme_filter
from reporting.adapters.queries.targets import target_of
from reporting.domain import figures
from reporting.domain.figures import Clock, Cutoff, Facts
from reporting.domain.routing import COHORTS, COLLECTIONS, PARTNERSHIPS, SMES
from reporting.domain.values import Doc

_FIELDS = (
    "kabupaten_code",
    "kecamatan_code",
    "cohort_id",
    "registered",
    "withdrawn",
    "withdrawn_on",
    "joined_on",
    "registered_on",
    "bank_feed_consent",
    "scale_moves",
    "enrolled",
    "enrolled_on",
    "enrolled_at",
    "mentor_log",
    "session_log",
    "milestone_log",
    "graduated",
    "graduated_on",
    "graduated_at",
    "graduated_dimensions",
)


@dataclass(frozen=True)
class Level:
    """What one level's figures are read from."""

    facts: list[Facts]
    cuts: dict[str, Cutoff]
    cohorts: dict[str, Doc]


async def level(models: ReadModels, region: Region, cohort_id: str | None = None) -> Level:
    """The facts of the SMEs registered in `region` (and in `cohort_id`, if given)."""
    query = sme_filter(region)
    if cohort_id is not None:
        query = {**query, "cohort_id": cohort_id} if query else {"cohort_id": cohort_id}
    cohorts = await models.by_id(COHORTS)
    cuts = figures.cutoffs(cohorts.values())
    col = await models.col(SMES)
    docs = col.find(query, dict.fromkeys(_FIELDS, 1))
    return Level([figures.facts(d, cuts) async for d in docs], cuts, cohorts)


async def partnerships_of(models: ReadModels, smes: list[Facts], everything: bool) -> list[Doc]:
    """The partnerships of these SMEs (all of them when `everything`)."""
    query: Doc = {} if everything else {"sme_id": {"$in": [f.sme_id for f in smes]}}
    fields = {"sme_id": 1, "partner_id": 1, "status": 1, "gross_sales": 1}
    return [p async for p in (await models.col(PARTNERSHIPS)).find(query, fields)]


def level_name(region: Region) -> str:
    """`province`, `kabupaten` or `kecamatan`, from a region code's depth."""
    depth = 0 if region is None else region.count(".")
    return ("province", "kabupaten", "kecamatan", "kecamatan")[min(depth, 3)]


async def totals(models: ReadModels, region: Region, cohort_id: str | None = None) -> Totals:
    """The cards of the level: a region (narrowed already), or a cohort within it."""
    read = await level(models, region, cohort_id)
    parts = await partnerships_of(models, read.facts, region is None and cohort_id is None)
    cards = figures.cards(read.facts, parts)
    cohort = read.cohorts.get(cohort_id or "") if cohort_id else None
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


async def daily(
    models: ReadModels, region: Region, cohort_id: str | None = None, clock: Clock = "programme"
) -> list[DayRow]:
    """One row per day with anything on `clock`, with running totals."""
    read = await level(models, region, cohort_id)
    return [DayRow(**row) for row in figures.daily(read.facts, clock)]


async def data_as_of(models: ReadModels) -> str | None:
    """The processing time of the newest event folded into the live read models."""
    newest = ""
    for name in COLLECTIONS:
        col = await models.col(name)
        async for doc in col.find({}, {"seen_at": 1}).sort("seen_at", -1).limit(1):
            newest = max(newest, doc.get("seen_at") or "")
    return newest or None
