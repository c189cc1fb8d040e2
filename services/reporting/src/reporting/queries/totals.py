"""Program totals, progress to the target, and the daily series."""

from itertools import accumulate

from reporting.domain.routing import PARTNERSHIPS, SMES
from reporting.domain.values import Doc
from reporting.queries.rows import DayRow, Totals
from reporting.queries.source import ReadModels, sums


async def totals(models: ReadModels, target: int) -> Totals:
    """Program-wide sums; progress is graduates (naik kelas) against `target`."""
    fields = ("registered", "withdrawn", "enrolled", "mentored", "session_count", "graduated")
    smes = await models.group(
        SMES, [{"$group": {"_id": None, **sums(*fields, "naik_kelas_scale")}}]
    )
    parts = await models.group(
        PARTNERSHIPS, [{"$group": {"_id": None, **sums("is_active", "gross_sales")}}]
    )
    s: Doc = smes[0] if smes else dict.fromkeys((*fields, "naik_kelas_scale"), 0)
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


async def _per_day(models: ReadModels, pipeline: list[Doc], day: str) -> dict[str, int]:
    groups = await models.group(SMES, [*pipeline, {"$group": {"_id": day, "n": {"$sum": 1}}}])
    return {g["_id"]: int(g["n"]) for g in groups if g["_id"] is not None}


async def daily(models: ReadModels) -> list[DayRow]:
    """One row per day with any registration, session or graduation, with running totals."""
    registered = await _per_day(models, [{"$match": {"registered": 1}}], "$registered_on")
    sessions = await _per_day(models, [{"$unwind": "$session_log"}], "$session_log.date")
    graduated = await _per_day(models, [{"$match": {"graduated": 1}}], "$graduated_on")
    days = sorted(set(registered) | set(sessions) | set(graduated))
    reg = [registered.get(d, 0) for d in days]
    ses = [sessions.get(d, 0) for d in days]
    grad = [graduated.get(d, 0) for d in days]
    return [
        DayRow(
            day=d,
            registered=r,
            sessions=s,
            graduated=g,
            registered_total=rt,
            sessions_total=st,
            graduated_total=gt,
        )
        for d, r, s, g, rt, st, gt in zip(
            days, reg, ses, grad, accumulate(reg), accumulate(ses), accumulate(grad), strict=True
        )
    ]
