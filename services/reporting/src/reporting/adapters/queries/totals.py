"""Program totals, progress to the target, and the daily series: one aggregation each."""

from itertools import accumulate

from reporting.adapters.queries.rows import DayRow, Totals
from reporting.adapters.queries.source import (
    ReadModels,
    Region,
    counts,
    entry_if,
    smes_in,
    sums,
)
from reporting.domain.routing import PARTNERSHIPS, SMES
from reporting.domain.values import Doc

_SME_FLAGS = ("registered", "withdrawn", "enrolled", "mentored", "graduated", "naik_kelas_scale")


async def totals(models: ReadModels, target: int, region: Region) -> Totals:
    """The region's sums; progress is graduates (naik kelas) against `target`."""
    smes = await models.aggregate(
        SMES,
        [
            *smes_in(region),
            {"$group": {"_id": None, **counts(*_SME_FLAGS), **sums("session_count")}},
        ],
    )
    parts = await models.aggregate(
        PARTNERSHIPS,
        [
            *await models.partnerships_in(region),
            {"$group": {"_id": None, **counts("is_active"), **sums("gross_sales")}},
        ],
    )
    s: Doc = smes[0] if smes else dict.fromkeys((*_SME_FLAGS, "session_count"), 0)
    p: Doc = parts[0] if parts else {"is_active": 0, "gross_sales": 0}
    graduated = int(s["graduated"])
    return Totals(
        registered=s["registered"],
        active=s["registered"] - s["withdrawn"],
        enrolled=s["enrolled"],
        mentored=s["mentored"],
        sessions=s["session_count"],
        graduated=graduated,
        naik_kelas_scale=s["naik_kelas_scale"],
        partnerships_active=p["is_active"],
        gross_sales=p["gross_sales"],
        target=target,
        progress_pct=round(100.0 * graduated / target, 1) if target else 0.0,
    )


# Each SME contributes one dated entry per fact: registered, each session, graduated.
_DAY_ENTRIES: Doc = {
    "$concatArrays": [
        entry_if("$registered", {"day": "$registered_on", "r": 1, "s": 0, "g": 0}),
        {
            "$map": {
                "input": {"$ifNull": ["$session_log", []]},
                "as": "s",
                "in": {"day": "$$s.date", "r": 0, "s": 1, "g": 0},
            }
        },
        entry_if("$graduated", {"day": "$graduated_on", "r": 0, "s": 0, "g": 1}),
    ]
}


async def daily(models: ReadModels, region: Region) -> list[DayRow]:
    """One row per day with any registration, session or graduation, with running totals."""
    groups = await models.aggregate(
        SMES,
        [
            *smes_in(region),
            {"$project": {"e": _DAY_ENTRIES}},
            {"$unwind": "$e"},
            {
                "$group": {
                    "_id": "$e.day",
                    "registered": {"$sum": "$e.r"},
                    "sessions": {"$sum": "$e.s"},
                    "graduated": {"$sum": "$e.g"},
                }
            },
            {"$sort": {"_id": 1}},
        ],
    )
    rows = [g for g in groups if g["_id"] is not None]
    reg = [int(g["registered"]) for g in rows]
    ses = [int(g["sessions"]) for g in rows]
    grad = [int(g["graduated"]) for g in rows]
    return [
        DayRow(
            day=g["_id"],
            registered=r,
            sessions=s,
            graduated=gr,
            registered_total=rt,
            sessions_total=st,
            graduated_total=gt,
        )
        for g, r, s, gr, rt, st, gt in zip(
            rows, reg, ses, grad, accumulate(reg), accumulate(ses), accumulate(grad), strict=True
        )
    ]
