"""Domain refusals to HTTP answers in Indonesian and English."""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from mentoring.adapters.repository import ConcurrentUpdateError
from mentoring.domain.errors import MentoringError

STATUS = {"not_found": 404, "conflict": 409, "forbidden": 403, "invalid": 422}


async def _refused(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, MentoringError)  # noqa: S101 - registered for this type
    return JSONResponse(
        status_code=STATUS[exc.kind],
        content={"detail": str(exc), "pesan": exc.pesan, "message": exc.message},
    )


async def _concurrent(_: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(
        status_code=409,
        content={
            "detail": f"{exc} baru saja diubah; ulangi / changed meanwhile, retry",
            "pesan": "Data baru saja diubah; ulangi",
            "message": "changed meanwhile, retry",
        },
    )


def install(app: FastAPI) -> None:
    """Register the handlers on `app`."""
    app.add_exception_handler(MentoringError, _refused)
    app.add_exception_handler(ConcurrentUpdateError, _concurrent)
