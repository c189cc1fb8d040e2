"""The platform's one error shape: RFC 9457 problem details, in Indonesian and English.

Every API answers an error as `application/problem+json`:
`{type, title, status, detail, instance, pesan, message, errors?, ...extra}`, where
`errors` lists `{field, pesan, message}` for invalid input. No answer echoes a submitted
value (the input may hold a NIK). `docs/api.md` shows examples.
"""

import json
import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from pymongo.errors import ConnectionFailure, ExecutionTimeout, WTimeoutError
from starlette.exceptions import HTTPException

from umkm_shared.errors import FieldProblem, RefusalError, RefusalKind
from umkm_shared.observability.logs import mask_niks

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"

STATUS: dict[RefusalKind, int] = {
    "invalid": 422,
    "not_found": 404,
    "conflict": 409,
    "unauthenticated": 401,
    "forbidden": 403,
    "unavailable": 503,
}
TITLE: dict[RefusalKind, str] = {
    "invalid": "Invalid input",
    "not_found": "Not found",
    "conflict": "Conflict with the current state",
    "unauthenticated": "Authentication required",
    "forbidden": "Forbidden",
    "unavailable": "Temporarily unavailable",
}
_KIND_BY_STATUS = {status: kind for kind, status in STATUS.items()}


class FieldProblemBody(BaseModel):
    """One invalid field."""

    field: str = Field(examples=["owner_nik"])
    pesan: str = Field(examples=["NIK harus 16 digit angka."])
    message: str = Field(examples=["NIK must be 16 digits."])


class ProblemBody(BaseModel):
    """RFC 9457 problem details plus the platform's bilingual members."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(
        description="URI reference naming the kind of problem: `urn:umkmjuara:problem:<kind>`.",
        examples=["urn:umkmjuara:problem:invalid"],
    )
    title: str = Field(examples=["Invalid input"])
    status: int = Field(examples=[422])
    detail: str = Field(
        description="`pesan / message`.",
        examples=["Data tidak valid / invalid data"],
    )
    instance: str | None = Field(default=None, examples=["/smes"])
    pesan: str = Field(description="What went wrong, in Indonesian.")
    message: str = Field(description="What went wrong, in English.")
    errors: list[FieldProblemBody] | None = Field(
        default=None, description="For invalid input: what is wrong with each field."
    )


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` documenting the problem answers a route may give."""
    return {
        status: {"model": ProblemBody, "content": {MEDIA_TYPE: {}}, "description": TITLE[kind]}
        for status in statuses
        for kind in [_KIND_BY_STATUS[status]]
    }


def problem(
    request: Request,
    kind: RefusalKind,
    pesan: str,
    message: str,
    *,
    errors: tuple[FieldProblem, ...] = (),
    extra: Mapping[str, object] | None = None,
    headers: Mapping[str, str] | None = None,
    status: int | None = None,
    name: str | None = None,
    title: str | None = None,
) -> JSONResponse:
    """A problem+json answer; `name` and `title` refine the kind's (`too-large`)."""
    code = status or STATUS[kind]
    body: dict[str, Any] = {
        **(extra or {}),
        "type": f"urn:umkmjuara:problem:{name or kind.replace('_', '-')}",
        "title": title or TITLE[kind],
        "status": code,
        "detail": f"{pesan} / {message}",
        "instance": mask_niks(request.url.path),  # a NIK typed into a path
        "pesan": pesan,
        "message": message,
    }
    if errors:
        body["errors"] = [
            {"field": mask_niks(e.field), "pesan": e.pesan, "message": e.message} for e in errors
        ]
    return JSONResponse(body, status_code=code, headers=dict(headers or {}), media_type=MEDIA_TYPE)


async def _refused(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RefusalError)  # noqa: S101 - registered for this type
    return problem(
        request,
        exc.kind,
        exc.pesan,
        exc.message,
        errors=exc.errors,
        extra=exc.extra,
        headers=exc.headers,
    )


def _field(location: tuple[int | str, ...]) -> str:
    # FastAPI's location starts with where the value came from (body, query, path).
    return ".".join(str(part) for part in location[1:]) or str(location[0])


_PESAN: dict[str, str] = {
    "missing": "Isian wajib diisi.",
    "extra_forbidden": "Isian ini tidak dikenal.",
    "string_too_long": "Teks terlalu panjang (maksimal {max_length} karakter).",
    "string_too_short": "Teks terlalu pendek (minimal {min_length} karakter).",
    "too_long": "Terlalu banyak isian (maksimal {max_length}).",
    "too_short": "Terlalu sedikit isian (minimal {min_length}).",
    "greater_than_equal": "Nilai minimal {ge}.",
    "greater_than": "Nilai harus lebih dari {gt}.",
    "less_than_equal": "Nilai maksimal {le}.",
    "less_than": "Nilai harus kurang dari {lt}.",
    "bool_type": "Isian harus true atau false.",
    "int_type": "Isian harus bilangan bulat.",
    "int_parsing": "Isian harus bilangan bulat.",
    "bool_parsing": "Isian harus true atau false.",
    "date_from_datetime_parsing": "Isian harus tanggal (YYYY-MM-DD).",
    "date_parsing": "Isian harus tanggal (YYYY-MM-DD).",
    "string_type": "Isian harus teks.",
    "literal_error": "Nilai tidak termasuk pilihan yang diizinkan.",
    "string_pattern_mismatch": "Format isian tidak sesuai.",
}


def _pesan(error: Mapping[str, Any]) -> str:
    # A custom validator carries its own Indonesian text (umkm_shared.text.refusal).
    ctx = error.get("ctx") or {}
    if isinstance(ctx.get("pesan"), str):
        return str(ctx["pesan"])
    template = _PESAN.get(str(error.get("type")), "Isian tidak sesuai.")
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return "Isian tidak sesuai."


async def _malformed(request: Request, exc: Exception) -> JSONResponse:
    # FastAPI's default answer echoes the input back; the input may hold a NIK: leave it out.
    assert isinstance(exc, RequestValidationError)  # noqa: S101
    problems = tuple(
        FieldProblem(field=_field(tuple(e["loc"])), pesan=_pesan(e), message=e["msg"])
        for e in exc.errors()
    )
    return problem(request, "invalid", "Data tidak valid", "Invalid data", errors=problems)


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)  # noqa: S101
    if exc.status_code == 400:
        # FastAPI and Starlette say 400 for a body they cannot parse (not UTF-8, broken
        # multipart): invalid input, answered as all invalid input is.
        return problem(
            request,
            "invalid",
            "Data tidak valid",
            "Invalid data",
            errors=(
                FieldProblem(
                    "body",
                    "Isi permintaan tidak dapat dibaca.",
                    "The request body cannot be parsed.",
                ),
            ),
        )
    kind = _KIND_BY_STATUS.get(exc.status_code, "invalid")
    text = str(exc.detail)
    return problem(request, kind, text, text, status=exc.status_code, headers=exc.headers)


STORE_RETRY_AFTER_SECONDS = 5
STORE_AWAY: tuple[type[Exception], ...] = (ConnectionFailure, ExecutionTimeout, WTimeoutError)
"""The store is away or too slow (server selection, network or operation timeouts)."""


async def _store_away(request: Request, exc: Exception) -> JSONResponse:
    # The write either happened whole or not at all (one document, one write): the client
    # may retry; an Idempotency-Key makes a retried create safe.
    log.warning("the store did not answer on %s: %s", request.url.path, type(exc).__name__)
    return problem(
        request,
        "unavailable",
        "Basis data tidak menjawab; coba lagi sebentar lagi.",
        "The database is not answering; try again shortly.",
        headers={"Retry-After": str(STORE_RETRY_AFTER_SECONDS)},
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The exception may carry personal data: log its type and where, answer nothing of it.
    log.error("unhandled %s on %s", type(exc).__name__, request.url.path, exc_info=exc)
    return problem(
        request,
        "unavailable",
        "Terjadi kesalahan di server; coba lagi nanti",
        "Internal error; try again later",
        status=500,
    )


_PROBLEM_REF = "#/components/schemas/ProblemBody"
_FASTAPI_422_REF = "#/components/schemas/HTTPValidationError"


_PLATFORM_ANSWERS = {
    401: TITLE["unauthenticated"],
    403: TITLE["forbidden"],
    503: "The identity provider cannot be reached",
    413: "Request body too large",
    429: "Too many requests",
}
"""Answers of the platform's doors (token check, body and write limits) rather than a route."""


def _platform_answers(method: str, operation: Mapping[str, Any]) -> list[int]:
    guarded = [401, 403, 503] if operation.get("security") else []
    bounded = [413] if "requestBody" in operation else []
    paced = [429] if method.upper() in {"POST", "PUT", "PATCH", "DELETE"} else []
    return guarded + bounded + paced


def document(openapi: dict[str, Any]) -> None:
    """Make `openapi` say what the handlers answer: every problem is problem+json `ProblemBody`.

    FastAPI puts the model of `responses(...)` under `application/json`, and documents a 422
    of its own (`HTTPValidationError`) on every route with input, which `_malformed` never gives.
    The token check (`security`), the body limit and the write pace answer for every route.
    """
    for path in openapi.get("paths", {}).values():
        for method, operation in path.items():
            answers = operation.setdefault("responses", {})
            for status in _platform_answers(method, operation):
                platform = {"description": _PLATFORM_ANSWERS[status], "content": {MEDIA_TYPE: {}}}
                answers.setdefault(str(status), platform)
            for answer in answers.values():
                content = answer.get("content", {})
                ref = content.get("application/json", {}).get("schema", {}).get("$ref")
                if ref == _FASTAPI_422_REF:
                    answer["description"] = TITLE["invalid"]
                elif MEDIA_TYPE not in content:
                    continue
                answer["content"] = {MEDIA_TYPE: {"schema": {"$ref": _PROBLEM_REF}}}
    schemas = openapi.setdefault("components", {}).setdefault("schemas", {})
    if "ProblemBody" not in schemas and _PROBLEM_REF in json.dumps(openapi):
        body = ProblemBody.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(body.pop("$defs", {}), ProblemBody=body)
    if _FASTAPI_422_REF not in json.dumps(openapi):
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)


def install(app: FastAPI) -> None:
    """Answer every error of `app` in the platform's shape, and document it so."""
    app.add_exception_handler(RefusalError, _refused)
    app.add_exception_handler(RequestValidationError, _malformed)
    app.add_exception_handler(HTTPException, _http)
    for away in STORE_AWAY:
        app.add_exception_handler(away, _store_away)
    app.add_exception_handler(Exception, _unexpected)
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        fresh = app.openapi_schema is None
        schema = generate()
        if fresh:
            document(schema)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
