"""The registration HTTP API (FastAPI)."""

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from registration.adapters.repository import DuplicateSmeError, SmeRepository
from registration.config import RegistrationSettings
from registration.domain.errors import InvalidRegistrationError
from registration.domain.sme import RegisterSme
from registration.entrypoints.lifespan import build_lifespan
from registration.entrypoints.schemas import ErrorBody, FieldProblem, RegisterSmeRequest, SmeView
from registration.service import RegistrationService

router = APIRouter()


def get_service(request: Request) -> RegistrationService:
    """The service built in the lifespan."""
    service: RegistrationService = request.app.state.service
    return service


def get_repository(request: Request) -> SmeRepository:
    """The repository built in the lifespan."""
    return get_service(request).repository


ServiceDep = Annotated[RegistrationService, Depends(get_service)]
RepositoryDep = Annotated[SmeRepository, Depends(get_repository)]


@router.get("/health")
async def health() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok"}


@router.post(
    "/smes",
    status_code=status.HTTP_201_CREATED,
    responses={409: {"model": ErrorBody}, 422: {"model": ErrorBody}},
)
async def register_sme(
    body: RegisterSmeRequest,
    service: ServiceDep,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> JSONResponse:
    """Register an SME. A retry with the same Idempotency-Key returns the first result."""
    cmd = RegisterSme(**body.model_dump())
    try:
        sme_id = await service.register(cmd, idempotency_key)
    except DuplicateSmeError as dup:
        if dup.field == "idempotency_key":
            return await _view_or_404(service.repository, dup.existing_id, status.HTTP_200_OK)
        return JSONResponse(
            status_code=status.HTTP_409_CONFLICT,
            content=ErrorBody(
                detail=f"UMKM dengan NIB ini sudah terdaftar / an SME with this NIB exists: "
                f"{dup.existing_id}",
                existing_sme_id=dup.existing_id,
            ).model_dump(),
            headers={"Location": f"/smes/{dup.existing_id}"},
        )
    return await _view_or_404(service.repository, sme_id, status.HTTP_201_CREATED)


@router.get("/smes/{sme_id}", responses={404: {"model": ErrorBody}})
async def get_sme(sme_id: str, repository: RepositoryDep) -> JSONResponse:
    """One SME, with its NIK masked."""
    return await _view_or_404(repository, sme_id, status.HTTP_200_OK)


async def _view_or_404(repository: SmeRepository, sme_id: str, code: int) -> JSONResponse:
    # An explicit JSONResponse so a replayed POST can answer 200 where a new one answers 201.
    doc = await repository.get(sme_id)
    if doc is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"SME {sme_id} tidak ditemukan / not found")
    view = SmeView(sme_id=doc["_id"], **doc)
    return JSONResponse(status_code=code, content=view.model_dump())


async def _invalid(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InvalidRegistrationError)  # noqa: S101 - registered for this type only
    return JSONResponse(
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        content=ErrorBody(
            detail="Data tidak valid / invalid data",
            errors=[
                FieldProblem(field=e.field, pesan=e.pesan, message=e.message) for e in exc.errors
            ],
        ).model_dump(),
    )


async def _malformed(_: Request, exc: Exception) -> JSONResponse:
    # FastAPI's default body echoes the input back; the input may hold a NIK, so leave it out.
    assert isinstance(exc, RequestValidationError)  # noqa: S101 - registered for this type only
    problems = [
        {
            "field": ".".join(str(p) for p in e["loc"][1:]) or "body",
            "pesan": "Format isian tidak sesuai.",
            "message": e["msg"],
        }
        for e in exc.errors()
    ]
    return JSONResponse(
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        content={"detail": "Data tidak valid / invalid data", "errors": problems},
    )


def create_app(settings: RegistrationSettings) -> FastAPI:
    """The ASGI app; clients are built in the lifespan, not at import."""
    app = FastAPI(
        title="UMKM Juara: registration",
        description="Register UMKM. The NIK is stored encrypted and never leaves this service.",
        version="0.1.0",
        lifespan=build_lifespan(settings),
    )
    app.include_router(router)
    app.add_exception_handler(InvalidRegistrationError, _invalid)
    app.add_exception_handler(RequestValidationError, _malformed)
    return app
