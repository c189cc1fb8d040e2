"""Exports of every table as CSV or XLSX: GET /exports/{table}.{csv|xlsx}."""

from typing import Any, Literal

from fastapi import APIRouter, Response

from reporting.adapters.exports.layout import TABLES, Report
from reporting.adapters.exports.writers import to_csv, to_xlsx
from reporting.adapters.queries import mentors, partnerships, programme, totals
from reporting.adapters.queries.smes import SmeFilters, sme_page
from reporting.adapters.queries.source import ReadModels
from reporting.config import ReportingSettings
from reporting.entrypoints.deps import ModelsDep, SettingsDep
from reporting.entrypoints.reports import today
from umkm_shared.errors import RefusalError
from umkm_shared.service import problems

router = APIRouter()
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


async def table_rows(
    models: ReadModels, settings: ReportingSettings, table: str
) -> list[dict[str, Any]]:
    """Every row of one exported table."""
    if table == "smes":
        _, rows = await sme_page(models, SmeFilters(), limit=0, offset=0)
        return rows
    if table == "regions":
        return [r.model_dump() for r in await programme.regions(models)]
    if table == "cohorts":
        return [r.model_dump() for r in await programme.cohorts(models, settings.mentor_norm)]
    if table == "mentors":
        found = await mentors.mentors(models, today(), settings.mentor_norm)
        return [r.model_dump() for r in found]
    if table == "partnerships":
        _, parts = await partnerships.partnership_page(models, limit=0, offset=0)
        return [r.model_dump() for r in parts]
    return [r.model_dump() for r in await totals.daily(models)]


@router.get("/exports/{table}.{fmt}", responses=problems.responses(404, 422))
async def export_table(
    table: str, fmt: Literal["csv", "xlsx"], models: ModelsDep, settings: SettingsDep
) -> Response:
    """One table as a titled, dated report with Indonesian headers and Rupiah amounts."""
    if table not in TABLES:
        raise RefusalError(
            "not_found",
            f"Tabel tidak dikenal; yang ada: {', '.join(TABLES)}.",
            f"Unknown table; the tables are: {', '.join(TABLES)}.",
        )
    title, columns = TABLES[table]
    report = Report(title, today(), columns, await table_rows(models, settings, table))
    body = to_csv(report) if fmt == "csv" else to_xlsx(report)
    filename = f"umkm-juara-{table}-{report.dated.isoformat()}.{fmt}"
    return Response(
        body,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
