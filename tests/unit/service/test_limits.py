"""Every service bounds request bodies and paces each caller's writes, answering problem+json."""

from collections.abc import AsyncIterator

import httpx
import jwt
from fastapi import FastAPI, Request
from starlette.datastructures import Headers
from starlette.types import Scope

from umkm_shared.service import limits, problems
from umkm_shared.settings import ServiceSettings


def _app(**settings: object) -> FastAPI:
    app = FastAPI()

    @app.post("/notes")
    async def note(request: Request) -> dict[str, int]:
        return {"size": len(await request.body())}

    @app.post("/imports")
    async def imports(request: Request) -> dict[str, int]:
        return {"size": len(await request.body())}

    @app.get("/notes")
    async def read() -> dict[str, str]:
        return {}

    problems.install(app)
    limits.install(app, ServiceSettings(mongodb_database="test", **settings))  # type: ignore[arg-type]
    return app


def _client(app: FastAPI, host: str = "10.0.0.1") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(host, 5000))
    return httpx.AsyncClient(transport=transport, base_url="http://test")


async def test_a_body_over_the_limit_is_refused_with_413_before_it_is_read() -> None:
    async with _client(_app(max_body_bytes=1000)) as client:
        fits = await client.post("/notes", content=b"x" * 1000)
        too_big = await client.post("/notes", content=b"x" * 1001)

    assert fits.status_code == 200
    assert too_big.status_code == 413
    assert too_big.headers["content-type"] == "application/problem+json"
    assert too_big.json()["type"] == "urn:umkmjuara:problem:too-large"
    assert too_big.json()["max_body_bytes"] == 1000


async def test_a_streamed_body_without_a_length_is_counted_as_it_arrives() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(10):
            yield b"x" * 300

    async with _client(_app(max_body_bytes=1000)) as client:
        answer = await client.post("/notes", content=chunks())

    assert answer.status_code == 413
    assert answer.json()["pesan"].startswith("Isi permintaan terlalu besar")


async def test_a_path_may_allow_a_larger_body() -> None:
    app = _app(max_body_bytes=1000, max_body_bytes_by_path={"/imports": 5000})
    async with _client(app) as client:
        imported = await client.post("/imports", content=b"x" * 4000)
        noted = await client.post("/notes", content=b"x" * 4000)

    assert imported.status_code == 200
    assert noted.status_code == 413


async def test_writes_past_the_rate_answer_429_with_retry_after_per_caller() -> None:
    app = _app(rate_limit_writes="3/minute")
    async with _client(app) as one, _client(app, host="10.0.0.2") as other:
        answers = [(await one.post("/notes", content=b"{}")).status_code for _ in range(4)]
        refused = await one.post("/notes", content=b"{}")
        reads = await one.get("/notes")
        others = await other.post("/notes", content=b"{}")

    assert answers == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.json()["type"] == "urn:umkmjuara:problem:rate-limited"
    assert reads.status_code == 200  # reads are not paced
    assert others.status_code == 200  # each caller has its own budget


async def test_the_caller_key_is_a_hook_for_the_token_subject() -> None:
    app = FastAPI()

    @app.post("/notes")
    async def note() -> dict[str, str]:
        return {}

    def subject(scope: Scope) -> str:
        return str(Headers(scope=scope).get("x-subject", "anonymous"))

    settings = ServiceSettings(mongodb_database="test", rate_limit_writes="1/minute")
    limits.install(app, settings, caller_key=subject)
    async with _client(app) as client:
        first = await client.post("/notes", headers={"x-subject": "a"})
        second = await client.post("/notes", headers={"x-subject": "b"})
        again = await client.post("/notes", headers={"x-subject": "a"})

    assert (first.status_code, second.status_code, again.status_code) == (200, 200, 429)


async def test_writes_are_paced_per_token_subject_not_per_address() -> None:
    app = _app(rate_limit_writes="1/minute")
    alice = {"Authorization": f"Bearer {_unsigned(sub='alice')}"}
    bob = {"Authorization": f"Bearer {_unsigned(sub='bob')}"}
    async with _client(app, host="10.0.0.9") as client:
        first = await client.post("/notes", content=b"x", headers=alice)
        other = await client.post("/notes", content=b"x", headers=bob)
        again = await client.post("/notes", content=b"x", headers=alice)

    assert (first.status_code, other.status_code, again.status_code) == (200, 200, 429)


def test_a_request_without_a_readable_token_is_keyed_by_its_address() -> None:
    scope: Scope = {"type": "http", "client": ("10.0.0.7", 1), "headers": []}
    garbled: Scope = {**scope, "headers": [(b"authorization", b"Bearer not-a-jwt")]}

    assert limits.token_subject(scope) == limits.token_subject(garbled) == "address:10.0.0.7"


def _unsigned(**claims: object) -> str:
    """A token the limiter can read (it never verifies: the route's guard does)."""
    return jwt.encode(claims, "k" * 32, algorithm="HS256")
