"""A command's time budget against MongoDB: a slow or frozen store answers 503, not a hang.

Every write request (POST, PUT, PATCH, DELETE) runs its MongoDB operations under one
deadline, `settings.store_timeout_seconds` from its arrival (PyMongo's client-side operation
timeout, `pymongo.timeout`). Past it the operation raises a network or execution timeout,
which the problem handlers answer 503 with `Retry-After`. A write the store received but did
not acknowledge in time may still land: it is one document write (whole or not at all), and
a retry with the same Idempotency-Key answers with it.

Paths allowed a larger body (`settings.max_body_bytes_by_path`, the file import) are left
unbounded: reading a large upload would eat the budget, and the import job they spawn
inherits the request's context, so it would inherit the deadline too. Reads, consumers and
relays are unbounded: they wait the store out.
"""

from collections.abc import Iterable

import pymongo
from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from umkm_shared.settings import ServiceSettings

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class StoreDeadline:
    """ASGI middleware: each write request's MongoDB operations share one deadline."""

    def __init__(self, app: ASGIApp, *, seconds: float, unbounded: Iterable[str] = ()) -> None:
        self.app = app
        self.seconds = seconds
        self.unbounded = tuple(unbounded)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run a write under the deadline; anything else as it is."""
        bounded = (
            scope["type"] == "http"
            and scope["method"] in WRITES
            and not scope["path"].startswith(self.unbounded)
        )
        if not bounded:
            await self.app(scope, receive, send)
            return
        with pymongo.timeout(self.seconds):
            await self.app(scope, receive, send)


def install(app: FastAPI, settings: ServiceSettings) -> None:
    """Bound the store time of `app`'s commands as `settings` say."""
    app.add_middleware(
        StoreDeadline,
        seconds=settings.store_timeout_seconds,
        unbounded=settings.max_body_bytes_by_path,
    )
