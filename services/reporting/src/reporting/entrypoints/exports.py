"""Exports of every table as CSV or XLSX: GET /exports/{table}.{csv|xlsx}."""

from collections.abc import Awaitable, Callable
from typing import Any, Literal

from fastapi import APIRouter, Response

from reporting.adapters.exports.layout import TABLES, Report, label, pattern_summary
from reporting.adapters.exports.writers import to_csv, to_xlsx
from reporting.adapters.queries import compliance, mentors, partnerships, programme, totals
from reporting.adapters.queries.smes import SmeFilters, sme_page
from reporting.adapters.queries.source import ReadModels, Region
from reporting.config import ReportingSettings
from reporting.entrypoints.deps import GUARDED, Exporter, ModelsDep, SettingsDep
from reporting.entrypoints.reports import today
from umkm_shared.auth import region_filter
from umkm_shared.errors import RefusalError
from umkm_shared.service import problems

router = APIRouter(responses=GUARDED)
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


Rows = list[dict[str, Any]]


async def _smes(models: ReadModels, _settings: ReportingSettings, region: Region) -> Rows:
    _, rows = await sme_page(models, SmeFilters(), limit=0, offset=0, region=region)
    return rows


async def _regions(models: ReadModels, _settings: ReportingSettings, region: Region) -> Rows:
    return [r.model_dump() for r in await programme.regions(models, region)]


async def _cohorts(models: ReadModels, settings: ReportingSettings, region: Region) -> Rows:
    return [r.model_dump() for r in await programme.cohorts(models, settings.mentor_norm, region)]


async def _mentors(models: ReadModels, settings: ReportingSettings, region: Region) -> Rows:
    return [
        r.model_dump() for r in await mentors.mentors(models, today(), settings.mentor_norm, region)
    ]


async def _partnerships(models: ReadModels, _settings: ReportingSettings, region: Region) -> Rows:
    _, parts = await partnerships.partnership_page(models, limit=0, offset=0, region=region)
    return [{**r.model_dump(), "pattern": label(r.pattern)} for r in parts]


async def _compliance_partners(
    models: ReadModels, _settings: ReportingSettings, region: Region
) -> Rows:
    return [
        {
            **r.model_dump(),
            "company_type": label(r.company_type),
            "sector": label(r.sector),
            "patterns": pattern_summary(r.active_by_pattern),
        }
        for r in await compliance.partner_compliance(models, region)
    ]


async def _compliance_kecamatan(
    models: ReadModels, _settings: ReportingSettings, region: Region
) -> Rows:
    return [
        {**r.model_dump(), "partners": ", ".join(r.partners)}
        for r in await compliance.kecamatan_compliance(models, region)
    ]


async def _daily(models: ReadModels, _settings: ReportingSettings, region: Region) -> Rows:
    return [r.model_dump() for r in await totals.daily(models, region)]


ROWS: dict[str, Callable[[ReadModels, ReportingSettings, Region], Awaitable[Rows]]] = {
    "smes": _smes,
    "regions": _regions,
    "cohorts": _cohorts,
    "mentors": _mentors,
    "partnerships": _partnerships,
    "compliance-partners": _compliance_partners,
    "compliance-kecamatan": _compliance_kecamatan,
    "daily": _daily,
}
"""Every row of each exported table in a region (the same tables as the layout's TABLES)."""


@router.get("/exports/{table}.{fmt}", responses=problems.responses(404, 422))
async def export_table(
    caller: Exporter,
    table: str,
    fmt: Literal["csv", "xlsx"],
    models: ModelsDep,
    settings: SettingsDep,
) -> Response:
    """One table of the caller's region as a dated report, Indonesian headers, Rupiah amounts."""
    if table not in TABLES:
        raise RefusalError(
            "not_found",
            f"Tabel tidak dikenal; yang ada: {', '.join(TABLES)}.",
            f"Unknown table; the tables are: {', '.join(TABLES)}.",
        )
    title, columns = TABLES[table]
    report = Report(
        title, today(), columns, await ROWS[table](models, settings, region_filter(caller))
    )
    body = to_csv(report) if fmt == "csv" else to_xlsx(report)
    filename = f"umkm-juara-{table}-{report.dated.isoformat()}.{fmt}"
    return Response(
        body,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
