"""Exports of every table as CSV or XLSX: GET /exports/{table}.{csv|xlsx}, with the filters
of the routes the dashboard shows them from (`region`, `cohort_id`, `time`)."""

from typing import Any, Literal

from fastapi import APIRouter, Response

from reporting.adapters.exports.layout import TABLES, Report
from reporting.adapters.exports.rows import ROWS, Asked
from reporting.adapters.exports.writers import to_csv, to_xlsx
from reporting.entrypoints.deps import (
    GUARDED,
    CohortQuery,
    Exporter,
    ModelsDep,
    RegionQuery,
    SettingsDep,
)
from reporting.entrypoints.reports import ClockQuery, scope, today
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

Format = Literal["csv", "xlsx"]


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
