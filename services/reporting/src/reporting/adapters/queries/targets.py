"""Naik-kelas targets where they are decided: per kabupaten (e.g. the regent's 300), set by
its Dinas or the province. Kept in `targets`, outside the read-model generations: events do
not carry them, so a rebuild must not lose them.
"""

from datetime import datetime

from pymongo.asynchronous.database import AsyncDatabase

from reporting.adapters.queries.rows import TargetFigure, TargetRow
from reporting.adapters.queries.source import Region, region_name, within
from reporting.domain.figures import progress
from reporting.domain.values import Doc, iso_time

TARGETS = "targets"


def _row(doc: Doc) -> TargetRow:
    return TargetRow(
        kabupaten_code=doc["_id"],
        kabupaten_name=region_name(doc["_id"]),
        **{k: doc.get(k) for k in ("naik_kelas", "year", "decided_by", "set_by", "set_at")},
    )


async def targets(db: AsyncDatabase[Doc], region: Region) -> list[TargetRow]:
    """The kabupaten targets in `region`, by code."""
    query = within("_id", region)
    return [_row(d) async for d in db[TARGETS].find(query).sort("_id", 1)]


async def set_target(
    db: AsyncDatabase[Doc],
    kabupaten_code: str,
    fields: Doc,
    set_by: str | None,
    now: datetime,
) -> TargetRow:
    """Record a kabupaten's target (replacing the one before)."""
    doc = {"_id": kabupaten_code, **fields, "set_by": set_by, "set_at": iso_time(now)}
    await db[TARGETS].replace_one({"_id": kabupaten_code}, doc, upsert=True)
    return _row(doc)


async def target_of(db: AsyncDatabase[Doc], region: Region, graduated: int) -> TargetFigure | None:
    """A kabupaten's own target, or the province's: the sum of its kabupaten targets."""
    rows = await targets(db, region)
    if not rows:
        return None
    if region is not None and region.count(".") == 1:
        one = rows[0]
        return TargetFigure(
            naik_kelas=one.naik_kelas,
            source="kabupaten",
            year=one.year,
            decided_by=one.decided_by,
            progress_pct=progress(graduated, one.naik_kelas),
        )
    goal = sum(r.naik_kelas for r in rows)
    return TargetFigure(
        naik_kelas=goal,
        source="province",
        year=max(r.year for r in rows),
        decided_by="; ".join(f"{r.kabupaten_name}: {r.decided_by}" for r in rows),
        progress_pct=progress(graduated, goal),
    )
