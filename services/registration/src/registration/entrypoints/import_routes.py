"""Bulk import over HTTP: upload a spreadsheet, follow its progress, download its report.

An import registers only the rows of the importing caller's region (the others are refused
in its report); it is kept with that region, and only callers whose region holds it may
follow it or download its report (the provincial admin: every import).
"""

import asyncio
import io
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from registration.adapters.importing.readers import SUFFIXES
from registration.adapters.importing.report import MEDIA_TYPES, Format, ReportLine, write_report
from registration.adapters.importing.store import FINISHED, RUNNING, ImportStore
from registration.adapters.importing.template_files import FILE_STEM, template_bytes
from registration.adapters.importing.uploads import receive
from registration.service import ImportJobs
from umkm_shared.auth import Caller, Target, check, region_filter, require
from umkm_shared.errors import RefusalError
from umkm_shared.observability.logs import mask_niks
from umkm_shared.service import problems
from umkm_shared.service.problems import FieldProblemBody
from umkm_shared.service.state import from_state

router = APIRouter(prefix="/imports", tags=["imports"])
IMPORT = "registration.import"
Importer = Annotated[Caller, Depends(require(IMPORT))]
MAX_BYTES = 20 * 1024 * 1024  # a 13,000-row .xlsx is about 1 MB


class ImportView(BaseModel):
    """An import: its progress while it runs, its summary and report links once finished."""

    import_id: str = Field(examples=["imp-5c0f7d1e2a3b"])
    status: Literal["running", "finished", "failed"]
    file_name: str
    estimated_rows: int | None = Field(description="From the file's size; for progress only.")
    processed: int
    imported: int
    already_registered: int = Field(description="Rows whose SME was registered before.")
    rejected: int
    started_at: datetime
    finished_at: datetime | None = None
    seconds: float | None = None
    error: FieldProblemBody | None = None
    report_csv: str | None = None
    report_xlsx: str | None = None


get_jobs = from_state("imports", ImportJobs)


async def get_store(request: Request) -> ImportStore:
    """Imports live in the service's own database."""
    return (await get_jobs(request)).store


StoreDep = Annotated[ImportStore, Depends(get_store)]
TOO_LARGE: dict[int | str, dict[str, Any]] = {
    413: {
        "model": problems.ProblemBody,
        "content": {problems.MEDIA_TYPE: {}},
        "description": "The file is too large",
    }
}


class ImportNotFoundError(RefusalError):
    """No import has this id (not echoed: it may be anything typed into the path)."""

    def __init__(self) -> None:
        super().__init__("not_found", "Impor dengan ID ini tidak ditemukan.", "No such import.")


_NOT_SHOWN = ("_id", "error", "started_by", "region")


async def _view(store: ImportStore, import_id: str, caller: Caller) -> ImportView:
    """The import as `caller` may see it: 404 if unknown, 403 if its region is not theirs."""
    doc = await store.get(import_id)
    if doc is None:
        raise ImportNotFoundError
    # Imports from before regions were kept have none: the provincial admin's alone.
    check(caller, IMPORT, Target(kabupaten_code=doc.get("region")))
    links: dict[str, Any] = {}
    if doc["status"] == FINISHED:
        links = {f"report_{f}": f"/imports/{import_id}/report.{f}" for f in ("csv", "xlsx")}
    error = doc.get("error")
    fields = {k: v for k, v in doc.items() if k not in _NOT_SHOWN}
    return ImportView(
        import_id=import_id,
        error=FieldProblemBody(field="file", **error) if error else None,
        **fields,
        **links,
    )


@router.get("/template.{fmt}", response_class=Response)
async def download_template(fmt: Format) -> Response:
    """The empty import template (Indonesian headers; the .xlsx has a `petunjuk` guide sheet)."""
    headers = {"Content-Disposition": f'attachment; filename="{FILE_STEM}.{fmt}"'}
    return Response(template_bytes(fmt), media_type=MEDIA_TYPES[fmt], headers=headers)


@router.post(
    "",
    status_code=201,
    response_model=ImportView,
    responses={
        202: {"model": ImportView, "description": "Still running: poll GET /imports/{id}."},
        **TOO_LARGE,
        **problems.responses(401, 403, 422),
        500: {"model": ImportView, "description": "The import failed; re-running is safe."},
    },
)
async def start_import(
    request: Request,
    file: UploadFile,
    jobs: Annotated[ImportJobs, Depends(get_jobs)],
    caller: Importer,
    wait: Annotated[float, Query(ge=0, le=300, description="Seconds to wait for the end.")] = 20,
) -> JSONResponse:
    """Import a .xlsx or .csv: 201 with the summary if it ends within `wait`, else 202.

    A failure that no row explains (the database went away) answers 500 with the import's
    status; importing the same file again is safe.
    """
    region = region_filter(caller)  # a caller of no region is refused before the upload is read
    # The name is shown back with the import: a NIK in it (`NIK_3216....xlsx`) is masked.
    name = mask_niks((file.filename or "").strip()[:200])
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise RefusalError(
            "invalid", "Unggah berkas .xlsx atau .csv.", "Upload a .xlsx or .csv file."
        )
    if file.size is not None and file.size > MAX_BYTES:
        pesan, message = "Berkas lebih dari 20 MB.", "The file is larger than 20 MB."
        return problems.problem(request, "invalid", pesan, message, status=413)
    path, check, estimate = await run_in_threadpool(receive, file.file, suffix)
    if check.fatal:
        raise RefusalError("invalid", *check.describe(), errors=check.problems())
    import_id, task = await jobs.start(name, path, estimate, caller=caller, region=region)
    await asyncio.wait({task}, timeout=wait)
    view = await _view(jobs.store, import_id, caller)
    code = {RUNNING: 202, FINISHED: 201}.get(view.status, 500)
    headers = {"Location": f"/imports/{import_id}"}
    return JSONResponse(view.model_dump(mode="json"), status_code=code, headers=headers)


@router.get("/{import_id}", response_model=ImportView, responses=problems.responses(401, 403, 404))
async def get_import(import_id: str, store: StoreDep, caller: Importer) -> JSONResponse:
    """An import's progress, or its summary once finished."""
    view = await _view(store, import_id, caller)
    return JSONResponse(view.model_dump(mode="json"))


def _render(lines: list[ReportLine], fmt: Format) -> bytes:
    buffer = io.BytesIO()
    write_report(lines, buffer, fmt)
    return buffer.getvalue()


@router.get(
    "/{import_id}/report.{fmt}",
    response_class=Response,
    responses=problems.responses(401, 403, 404, 409),
)
async def download_report(
    import_id: str, fmt: Format, store: StoreDep, caller: Importer
) -> Response:
    """The per-row report: baris, status, sme_id, kolom, pesan, message."""
    view = await _view(store, import_id, caller)
    if view.status != FINISHED:
        raise RefusalError("conflict", "Impor belum selesai.", f"The import is {view.status}.")
    lines = [line async for line in store.lines(import_id)]
    content = await run_in_threadpool(_render, lines, fmt)
    headers = {"Content-Disposition": f'attachment; filename="laporan_{import_id}.{fmt}"'}
    return Response(content, media_type=MEDIA_TYPES[fmt], headers=headers)
