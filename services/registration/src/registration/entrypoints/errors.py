"""Domain errors to HTTP answers a clerk can act on. Nothing here echoes submitted values."""

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from registration.adapters.repository import ConcurrentUpdateError, DuplicateSmeError
from registration.domain.errors import InvalidRegistrationError
from registration.domain.sme import SmeWithdrawnError
from registration.entrypoints.schemas import ErrorBody, FieldProblem
from registration.service import SmeNotFoundError

INVALID = "Data tidak valid / invalid data"


def _body(code: int, body: ErrorBody, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=code, content=body.model_dump(), headers=headers)


async def _invalid(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InvalidRegistrationError)  # noqa: S101 - registered for this type
    problems = [FieldProblem(field=e.field, pesan=e.pesan, message=e.message) for e in exc.errors]
    return _body(422, ErrorBody(detail=INVALID, errors=problems))


async def _malformed(_: Request, exc: Exception) -> JSONResponse:
    # FastAPI's default body echoes the input back; the input may hold a NIK, so leave it out.
    assert isinstance(exc, RequestValidationError)  # noqa: S101
    problems = [
        FieldProblem(
            field=".".join(str(p) for p in e["loc"][1:]) or "body",
            pesan="Isian tidak sesuai format.",
            message=e["msg"],
        )
        for e in exc.errors()
    ]
    return _body(422, ErrorBody(detail=INVALID, errors=problems))


async def _duplicate(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DuplicateSmeError)  # noqa: S101
    what = {"nib": "NIB ini", "owner_business": "usaha milik pemilik ini"}.get(exc.field, exc.field)
    return _body(
        status.HTTP_409_CONFLICT,
        ErrorBody(
            detail=f"UMKM dengan {what} sudah terdaftar / an SME with this {exc.field} "
            f"exists: {exc.existing_id}",
            existing_sme_id=exc.existing_id,
        ),
        headers={"Location": f"/smes/{exc.existing_id}"},
    )


async def _not_found(_: Request, exc: Exception) -> JSONResponse:
    return _body(404, ErrorBody(detail=f"UMKM {exc} tidak ditemukan / not found"))


async def _withdrawn(_: Request, exc: Exception) -> JSONResponse:
    return _body(409, ErrorBody(detail=f"UMKM {exc} sudah keluar dari program / was withdrawn"))


async def _concurrent(_: Request, exc: Exception) -> JSONResponse:
    return _body(409, ErrorBody(detail=f"UMKM {exc} baru saja diubah; ulangi / changed, retry"))


def install(app: FastAPI) -> None:
    """Register every handler on `app`."""
    app.add_exception_handler(InvalidRegistrationError, _invalid)
    app.add_exception_handler(RequestValidationError, _malformed)
    app.add_exception_handler(DuplicateSmeError, _duplicate)
    app.add_exception_handler(SmeNotFoundError, _not_found)
    app.add_exception_handler(SmeWithdrawnError, _withdrawn)
    app.add_exception_handler(ConcurrentUpdateError, _concurrent)
