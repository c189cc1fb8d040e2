"""Exports of every table as CSV or XLSX: GET /exports/{table}.{csv|xlsx}, with the filters
of the routes the dashboard shows them from (`region`, `cohort_id`, `time`)."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Response

from reporting.adapters.exports.layout import TABLES, Report, pattern_summary
from reporting.adapters.exports.writers import to_csv, to_xlsx
from reporting.adapters.queries import compliance, mentors, partnerships, programme, totals
from reporting.adapters.queries.rows import Totals
from reporting.adapters.queries.smes import SmeFilters, sme_page
from reporting.adapters.queries.source import ReadModels, Region
from reporting.domain.figures import Clock
from reporting.entrypoints.deps import (
    GUARDED,
    CohortQuery,
    Exporter,
    ModelsDep,
    RegionQuery,
    SettingsDep,
)
from reporting.entrypoints.reports import ClockQuery, scope, today
from umkm_shared.contracts.labels import label
from umkm_shared.errors import RefusalError
from umkm_shared.service import problems

router = APIRouter(responses=GUARDED)
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


DOWNLOAD: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The table as a file to save (Content-Disposition: attachment).",
        "content": {
            media: {"schema": {"type": "string", "format": "binary"}}
            for media in ("text/csv", MEDIA["xlsx"])
        },
    }
}
"""The OpenAPI answer of an export: CSV or XLSX, not JSON."""

Rows = list[dict[str, Any]]
Format = Literal["csv", "xlsx"]


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


_CARDS = {
    "registered": "UMKM terdaftar",
    "active": "UMKM aktif",
    "withdrawn": "Mengundurkan diri",
    "enrolled": "Peserta angkatan",
    "mentored": "Didampingi",
    "sessions": "Sesi pendampingan",
    "graduated": "Lulus (naik kelas pada minimal satu dimensi)",
    "naik_kelas_scale": "Naik kelas skala usaha (PP 7/2021)",
    "mentors": "Pendamping",
    "bank_feed_consents": "Persetujuan data untuk Bank Jabar",
    "partnerships_active": "Kemitraan aktif",
    "partners": "Mitra usaha besar/menengah",
    "umkm_partnered": "UMKM bermitra",
    "gross_sales": "Nilai penjualan melalui kemitraan (Rp)",
}


def card_rows(t: Totals) -> Rows:
    """The cards of a level as rows: indicator, value (the dashboard's cards, in order)."""
    rows = [{"indicator": text, "value": getattr(t, key)} for key, text in _CARDS.items()]
    rows += [
        {"indicator": f"Lulus - {label('dimension', d)}", "value": n}
        for d, n in t.graduated_by_dimension.items()
    ]
    rows += [
        {"indicator": f"Capaian - {label('milestone', m)}", "value": n}
        for m, n in t.milestones.items()
    ]
    if t.target is not None:
        rows += [
            {
                "indicator": f"Target lulus ({t.target.decided_by or t.target.source})",
                "value": t.target.naik_kelas,
            },
            {"indicator": "Capaian target (%)", "value": round(t.target.progress_pct)},
        ]
    return rows


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


@router.get(
    "/exports/{table}.{fmt}",
    response_class=Response,
    responses=DOWNLOAD | problems.responses(403, 404, 422),
)
async def export_table(
    *,
    caller: Exporter,
    table: str,
    fmt: Format,
    models: ModelsDep,
    settings: SettingsDep,
    region: RegionQuery = None,
    cohort_id: CohortQuery = None,
    time: ClockQuery = "programme",
) -> Response:
    """One table of a level of the caller's region as a dated report, Indonesian headers,
    names beside ids, labels for codes, Rupiah amounts; the filters of its route."""
    if table not in TABLES:
        raise RefusalError(
            "not_found",
            f"Tabel tidak dikenal; yang ada: {', '.join(TABLES)}.",
            f"Unknown table; the tables are: {', '.join(TABLES)}.",
        )
    title, columns = TABLES[table]
    below = region is not None and region.count(".") >= 1
    asked = Asked(scope(caller, region), cohort_id, time, settings.mentor_norm, today(), below)
    report = Report(title, asked.today, columns, await ROWS[table](models, asked))
    return send(report, table, fmt)


def send(report: Report, name: str, fmt: Format) -> Response:
    """The report as a CSV or XLSX download named `umkm-juara-<name>-<date>.<fmt>`."""
    body = to_csv(report) if fmt == "csv" else to_xlsx(report)
    filename = f"umkm-juara-{name}-{report.dated.isoformat()}.{fmt}"
    return Response(
        body,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
