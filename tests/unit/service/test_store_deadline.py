"""A command against a store that does not answer fails fast with 503, not a hang."""

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from umkm_shared.mongo import connect
from umkm_shared.service import deadline, problems
from umkm_shared.settings import ServiceSettings


async def _silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.read()  # accepts the connection and never answers, like a frozen server
    writer.close()


@asynccontextmanager
async def _app(port: int) -> AsyncIterator[FastAPI]:
    client = connect(f"mongodb://127.0.0.1:{port}/")
    app = FastAPI()

    @app.post("/notes")
    async def note() -> dict[str, str]:
        await client.get_database("test")["notes"].insert_one({"text": "catatan"})
        return {}

    problems.install(app)
    settings = ServiceSettings(mongodb_database="test", store_timeout_seconds=0.5)
    deadline.install(app, settings)
    try:
        yield app
    finally:
        await client.close()


async def test_a_command_against_a_silent_store_answers_503_within_its_budget() -> None:
    server = await asyncio.start_server(_silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with _app(port) as app:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
                started = time.monotonic()
                answer = await http.post("/notes")
                took = time.monotonic() - started
    finally:
        server.close()

    assert answer.status_code == 503
    assert answer.headers["Retry-After"]
    assert took < 4  # the client's own server selection alone would wait 5 s
