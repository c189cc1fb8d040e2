"""The rows of every exported table of a level (query results in, export rows out):
labels for codes, the bar charts summed, the cards as a table."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from reporting.adapters.exports.cards import card_rows
from reporting.adapters.exports.layout import pattern_summary
from reporting.adapters.queries import compliance, mentors, partnerships, programme, totals
from reporting.adapters.queries.smes import SmeFilters, sme_page
from reporting.adapters.queries.source import ReadModels, Region
from reporting.domain.figures import Clock
from umkm_shared.contracts.labels import label

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Asked:
    """What an export reads: the region, the cohort, the clock, the norm and today."""

    region: Region
    cohort_id: str | None
    clock: Clock
    mentor_norm: int
    today: date
    per_kecamatan: bool = False
    """The regions table per kecamatan (a kabupaten or kecamatan was asked for)."""


async def _smes(models: ReadModels, a: Asked) -> Rows:
    filters = SmeFilters(cohort_id=a.cohort_id)
    _, rows = await sme_page(models, filters, limit=0, offset=0, region=a.region)
    return [
        {
            **r,
            "scale_class": label("scale_class", r["scale_class"]),
            "status": label("sme_status", r["status"]),
        }
        for r in rows
    ]


async def _regions(models: ReadModels, a: Asked) -> Rows:
    return [r.model_dump() for r in await programme.regions(models, a.region, a.per_kecamatan)]


async def _cohorts(models: ReadModels, a: Asked) -> Rows:
    rows = await programme.cohorts(models, a.mentor_norm, a.region, a.cohort_id)
    return [{**r.model_dump(), "status": label("cohort_status", r.status)} for r in rows]


async def _mentors(models: ReadModels, a: Asked) -> Rows:
    rows = await mentors.mentors(models, a.today, a.mentor_norm, a.region, cohort_id=a.cohort_id)
    return [r.model_dump() for r in rows]


async def _partnerships(models: ReadModels, a: Asked) -> Rows:
    _, parts = await partnerships.partnership_page(
        models, limit=0, offset=0, region=a.region, cohort_id=a.cohort_id
    )
    return [
        {
            **r.model_dump(),
            "pattern": label("partnership_pattern", r.pattern),
            "status": label("partnership_status", r.status),
        }
        for r in parts
    ]


async def _compliance_partners(models: ReadModels, a: Asked) -> Rows:
    return [
        {
            **r.model_dump(),
            "company_type": label("company_type", r.company_type),
            "sector": label("partner_sector", r.sector),
            "patterns": pattern_summary(r.active_by_pattern),
        }
        for r in await compliance.partner_compliance(models, a.region)
    ]


async def _compliance_kecamatan(models: ReadModels, a: Asked) -> Rows:
    return [
        {**r.model_dump(), "partners": ", ".join(r.partners)}
        for r in await compliance.kecamatan_compliance(models, a.region)
    ]


async def _daily(models: ReadModels, a: Asked) -> Rows:
    return [r.model_dump() for r in await totals.daily(models, a.region, a.cohort_id, a.clock)]


async def _topics(models: ReadModels, a: Asked) -> Rows:
    """The bar chart of sessions by topic: summed over the level's cohorts."""
    sums: dict[str, int] = {}
    for row in await programme.cohorts(models, a.mentor_norm, a.region, a.cohort_id):
        for topic, n in row.sessions_by_topic.items():
            sums[topic] = sums.get(topic, 0) + n
    return [{"topic": label("session_topic", k), "sessions": n} for k, n in sums.items()]


async def _patterns(models: ReadModels, a: Asked) -> Rows:
    """The bar chart of active partnerships by pattern: summed over the level's partners."""
    sums: dict[str, int] = {}
    for row in await compliance.partner_compliance(models, a.region):
        for pattern, n in row.active_by_pattern.items():
            sums[pattern] = sums.get(pattern, 0) + n
    return [{"pattern": label("partnership_pattern", k), "active": n} for k, n in sums.items()]


async def _totals(models: ReadModels, a: Asked) -> Rows:
    return card_rows(await totals.totals(models, a.region, a.cohort_id))


ROWS: dict[str, Callable[[ReadModels, Asked], Awaitable[Rows]]] = {
    "smes": _smes,
    "regions": _regions,
    "cohorts": _cohorts,
    "mentors": _mentors,
    "partnerships": _partnerships,
    "compliance-partners": _compliance_partners,
    "compliance-kecamatan": _compliance_kecamatan,
    "daily": _daily,
    "topics": _topics,
    "patterns": _patterns,
    "totals": _totals,
}
"""Every row of each exported table in a region (the same tables as the layout's TABLES)."""
