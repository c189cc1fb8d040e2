"""Run a service's ASGI app in-process, lifespan included, against the real servers."""

import contextlib
from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI

from tests.privacy import record_response


@contextlib.asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """Start the app's lifespan (broker, Mongo, relay) and give an HTTP client for it."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://test",
            event_hooks={"response": [record_response]},
        ) as client:
            yield client
