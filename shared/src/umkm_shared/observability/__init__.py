"""Metrics, logs and traces, the same in every service; the bootstrap wires them in.

- `configure(service)` at lifespan start: JSON log lines on stderr carrying the correlation
  and causation ids, and tracing when the `OTEL_*` variables ask for it (`tracing`).
- `instrument_app(app, service)` in `create_app`: Prometheus HTTP metrics and `GET /metrics`
  (`metrics`), the `X-Correlation-ID` header (accepted, else generated; always returned) and,
  with tracing on, a server span per request.
"""

import uuid

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from starlette.types import ASGIApp, Receive, Scope, Send

from umkm_shared.observability import tracing
from umkm_shared.observability.context import correlation_id
from umkm_shared.observability.logs import configure_logging
from umkm_shared.observability.metrics import instrument_http

CORRELATION_HEADER = "X-Correlation-ID"


def configure(service: str) -> None:
    """Process-wide set-up at start: JSON logs, tracing when OTEL_* variables ask for it."""
    configure_logging(service)
    tracing.configure_tracing(service)


def _canonical(value: str) -> str:
    return str(uuid.UUID(value))


def _is_uuid(value: str) -> bool:
    # Events carry the correlation id as a UUID (the envelope's `correlationid`).
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


class _RequestScoped:
    """Ends the request's correlation id with the request, also for in-process clients.

    uvicorn runs each request in a task of its own; httpx's ASGITransport (the tests) runs it
    in the caller's task, where the middleware's id would otherwise outlive the request.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = correlation_id.set(None)
        try:
            await self.app(scope, receive, send)
        finally:
            correlation_id.reset(token)


def instrument_app(app: FastAPI, service: str) -> None:
    """HTTP metrics and tracing on `app`, and its `/metrics` route."""
    instrument_http(app)
    app.add_middleware(
        CorrelationIdMiddleware,
        header_name=CORRELATION_HEADER,
        generator=lambda: str(uuid.uuid4()),
        validator=_is_uuid,
        transformer=_canonical,
    )
    app.add_middleware(_RequestScoped)  # outside the correlation middleware
    provider = tracing.provider(service)
    if provider is not None:
        FastAPIInstrumentor.instrument_app(
            app, tracer_provider=provider, excluded_urls="/metrics,/health,/ready"
        )
