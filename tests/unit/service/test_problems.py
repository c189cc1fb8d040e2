"""Every error of every API has the one problem+json shape, and none echoes what was sent."""

from typing import Annotated

import httpx
import pytest
from fastapi import Depends, FastAPI, Query
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from pymongo.errors import ServerSelectionTimeoutError

from tests.privacy import record_response
from umkm_shared.errors import FieldProblem, RefusalError, RefusalKind
from umkm_shared.service import problems

NIK = "3216235201920004"  # NIK-shaped: must never come back in an answer


class Registration(BaseModel):
    """A body with a NIK, as registration's."""

    owner_nik: str = Field(pattern=r"^\d{16}$")
    business_name: str = Field(min_length=3)


def _app() -> FastAPI:
    app = FastAPI()

    @app.get("/refuse/{kind}")
    async def refuse(kind: RefusalKind) -> None:
        raise RefusalError(kind, f"ditolak: {kind}", f"refused: {kind}")

    @app.post("/smes", status_code=201)
    async def register(body: Registration) -> dict[str, str]:
        raise RefusalError(
            "conflict",
            "NIK sudah terdaftar",
            "This NIK is already registered",
            extra={"existing_sme_id": "sme-6f1d2c3b4a59"},
            headers={"Location": "/smes/sme-6f1d2c3b4a59"},
        )

    @app.get("/smes")
    async def page(limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, int]:
        return {"limit": limit}

    @app.get("/fields")
    async def fields() -> None:
        raise RefusalError(
            "invalid",
            "Data tidak valid",
            "Invalid data",
            errors=[FieldProblem("kbli", "KBLI tidak dikenal.", "Unknown KBLI.")],
        )

    @app.get("/crash")
    async def crash() -> None:
        raise RuntimeError("the database password is hunter2")

    @app.post("/store-away")
    async def store_away() -> None:
        raise ServerSelectionTimeoutError("mongodb://registration:hunter2@db:27017 timed out")

    problems.install(app)
    return app


APP = _app()


async def _call(
    method: str,
    url: str,
    *,
    json: object = None,
    params: dict[str, int] | None = None,
    content: bytes | None = None,
) -> httpx.Response:
    transport = httpx.ASGITransport(app=APP, raise_app_exceptions=False)
    hooks = {"response": [record_response]}  # the suite's final raw-NIK scan reads these too
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", event_hooks=hooks
    ) as http:
        if content is not None:
            return await http.request(
                method, url, content=content, headers={"content-type": "application/json"}
            )
        return await http.request(method, url, json=json, params=params)


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("invalid", 422),
        ("not_found", 404),
        ("conflict", 409),
        ("forbidden", 403),
        ("unavailable", 503),
    ],
)
async def test_each_refusal_kind_answers_its_status_as_a_problem(
    kind: RefusalKind, status: int
) -> None:
    response = await _call("GET", f"/refuse/{kind}")

    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": f"urn:umkmjuara:problem:{kind.replace('_', '-')}",
        "title": problems.TITLE[kind],
        "status": status,
        "detail": f"ditolak: {kind} / refused: {kind}",
        "instance": f"/refuse/{kind}",
        "pesan": f"ditolak: {kind}",
        "message": f"refused: {kind}",
    }


async def test_a_refusal_carries_its_extra_members_and_headers() -> None:
    response = await _call("POST", "/smes", json={"owner_nik": NIK, "business_name": "Kopi Bojong"})

    assert response.status_code == 409
    assert response.json()["existing_sme_id"] == "sme-6f1d2c3b4a59"
    assert response.headers["location"] == "/smes/sme-6f1d2c3b4a59"
    assert NIK not in response.text


async def test_a_refusal_lists_its_field_problems() -> None:
    response = await _call("GET", "/fields")

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "kbli", "pesan": "KBLI tidak dikenal.", "message": "Unknown KBLI."}
    ]


async def test_invalid_input_answers_422_naming_each_field_without_echoing_any_value() -> None:
    response = await _call("POST", "/smes", json={"owner_nik": NIK + "7", "business_name": NIK})

    body = response.json()
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert body["type"] == "urn:umkmjuara:problem:invalid"
    assert body["pesan"] == "Data tidak valid"
    assert [e["field"] for e in body["errors"]] == ["owner_nik"]
    assert set(body["errors"][0]) == {"field", "pesan", "message"}
    assert NIK not in response.text


async def test_a_valid_nik_beside_an_invalid_field_is_not_echoed_either() -> None:
    response = await _call("POST", "/smes", json={"owner_nik": NIK, "business_name": ""})

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["business_name"]
    assert NIK not in response.text


async def test_an_invalid_query_parameter_is_named_without_its_location_prefix() -> None:
    response = await _call("GET", "/smes", params={"limit": 0})

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["limit"]


async def test_an_unknown_route_answers_404_as_a_problem() -> None:
    response = await _call("GET", "/nowhere")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "urn:umkmjuara:problem:not-found"
    assert response.json()["instance"] == "/nowhere"


async def test_an_unhandled_error_answers_500_without_the_exception_text() -> None:
    response = await _call("GET", "/crash")

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 500
    assert "hunter2" not in response.text
    assert "RuntimeError" not in response.text


def test_the_problem_answers_a_route_may_give_are_documented_in_openapi() -> None:
    documented = problems.responses(404, 409)

    assert set(documented) == {404, 409}
    assert documented[409]["model"] is problems.ProblemBody
    assert problems.MEDIA_TYPE in documented[404]["content"]


async def test_a_body_that_cannot_be_parsed_answers_422_like_any_invalid_input() -> None:
    response = await _call("POST", "/smes", content=b'{"owner_nik": "\xff\xfe"}')

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "urn:umkmjuara:problem:invalid"
    assert [e["field"] for e in response.json()["errors"]] == ["body"]


_PROBLEM = {problems.MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemBody"}}}


def test_openapi_says_every_problem_answer_is_problem_json() -> None:
    app = FastAPI()

    @app.get("/smes/{sme_id}", responses=problems.responses(404))
    async def one(sme_id: str, limit: int = 1) -> dict[str, str]:
        return {"sme_id": sme_id}

    problems.install(app)
    answers = app.openapi()["paths"]["/smes/{sme_id}"]["get"]["responses"]

    assert answers["404"]["content"] == _PROBLEM
    assert answers["422"]["content"] == _PROBLEM  # FastAPI's own 422 is never answered


def test_openapi_defines_the_problem_body_even_where_no_route_declares_a_problem() -> None:
    document = APP.openapi()

    for method in ("get", "post"):
        assert document["paths"]["/smes"][method]["responses"]["422"]["content"] == _PROBLEM
    schemas = document["components"]["schemas"]
    assert {"ProblemBody", "FieldProblemBody"} <= set(schemas)
    assert not {"HTTPValidationError", "ValidationError"} & set(schemas)


def test_openapi_lists_what_the_token_check_and_the_limits_may_answer() -> None:
    app = FastAPI()
    bearer = HTTPBearer(auto_error=False)

    @app.post("/smes", status_code=201)
    async def register(
        body: Registration,
        token: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> None:
        return None

    @app.get("/health")
    async def health() -> None:
        return None

    problems.install(app)
    paths = app.openapi()["paths"]

    answers = paths["/smes"]["post"]["responses"]
    assert set(answers) == {"201", "401", "403", "413", "422", "429", "503"}
    assert all(answers[status]["content"] == _PROBLEM for status in set(answers) - {"201"})
    assert set(paths["/health"]["get"]["responses"]) == {"200"}


async def test_a_store_that_does_not_answer_gives_503_with_retry_after_not_500() -> None:
    response = await _call("POST", "/store-away")

    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["message"] == "The database is not answering; try again shortly."
    assert "hunter2" not in response.text
