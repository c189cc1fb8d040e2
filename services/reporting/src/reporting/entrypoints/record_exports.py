"""Exports of the tables outside a level's: one SME's record and the admin's projection lag.

Registered before `exports` so that `/exports/lag.{fmt}` is not read as a level's table.
"""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Response

from reporting.adapters.exports.layout import LAG, Report
from reporting.adapters.exports.record import RECORD_TABLES, record_rows, record_title
from reporting.adapters.queries.smes import sme_detail
from reporting.entrypoints.deps import GUARDED, Exporter, LagDep, ModelsDep, Operator
from reporting.entrypoints.exports import DOWNLOAD, Format, send
from reporting.entrypoints.reports import today
from umkm_shared.auth import region_filter
from umkm_shared.service import problems

router = APIRouter(responses=GUARDED)
RecordTable = Literal["sessions", "milestones", "graduation", "scale", "partnerships"]


@router.get("/exports/lag.{fmt}", response_class=Response, responses=DOWNLOAD)
async def export_lag(_caller: Operator, probe: LagDep, fmt: Format) -> Response:
    """The projection lag per topic and partition (GET /lag) as a dated report."""
    title, columns = LAG
    rows = [p.model_dump() for p in await probe.measure()]
    return send(Report(title, today(), columns, rows), "lag", fmt)


@router.get(
    "/exports/smes/{sme_id}/{table}.{fmt}",
    response_class=Response,
    responses=DOWNLOAD | problems.responses(403, 404, 422),
)
async def export_sme_table(
    caller: Exporter,
    sme_id: Annotated[str, Path(max_length=100)],
    table: RecordTable,
    fmt: Format,
    models: ModelsDep,
) -> Response:
    """One table of an SME's record (GET /smes/{sme_id}) as the SME page shows it: sessions,
    milestones, graduation, scale history or partnerships; an SME of the caller's region only."""
    sme = await sme_detail(models, sme_id, region_filter(caller))
    _, columns = RECORD_TABLES[table]
    report = Report(record_title(table, sme), today(), columns, record_rows(table, sme))
    return send(report, f"{sme_id}-{table}", fmt)
