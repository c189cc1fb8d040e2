"""Every app answers /metrics and carries the X-Correlation-ID into the events it causes."""

import uuid

import httpx
from fastapi import FastAPI
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tests.samples import DATA
from umkm_shared import observability
from umkm_shared.messaging.outbox import outbox_entries
from umkm_shared.observability.context import correlation_id

CORRELATION = "5d1c8f0e-0a47-4a53-8d0c-2e6f1f9b7c11"


def _app() -> FastAPI:
    app = FastAPI()

    @app.post("/smes")
    async def register() -> dict[str, str]:
        (entry,) = outbox_entries([("registration", DATA)], {})
        return {
            "correlation_id": entry["correlation_id"],
            "traceparent": entry.get("traceparent", ""),
        }

    observability.instrument_app(app, "registration")
    return app


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def test_the_request_correlation_id_is_returned_and_put_into_the_events() -> None:
    async with _client(_app()) as client:
        resp = await client.post("/smes", headers={"X-Correlation-ID": CORRELATION.upper()})

    assert resp.headers["X-Correlation-ID"] == CORRELATION
    assert resp.json()["correlation_id"] == CORRELATION


async def test_a_request_without_a_correlation_id_gets_a_new_one() -> None:
    async with _client(_app()) as client:
        resp = await client.post("/smes", headers={"X-Correlation-ID": "not-an-id"})

    given = resp.headers["X-Correlation-ID"]
    assert str(uuid.UUID(given)) == given == resp.json()["correlation_id"]


async def test_requests_are_counted_and_timed_by_route_on_metrics() -> None:
    async with _client(_app()) as client:
        await client.post("/smes")
        metrics = (await client.get("/metrics")).text

    assert 'http_requests_total{handler="/smes",method="POST",status="2xx"}' in metrics
    assert 'http_request_duration_seconds_count{handler="/smes",method="POST"' in metrics


async def test_with_tracing_on_a_request_continues_the_callers_trace(
    spans: InMemorySpanExporter,
) -> None:
    caller = "4bf92f3577b34da6a3ce929d0e0e4736"
    async with _client(_app()) as client:
        resp = await client.post(
            "/smes", headers={"traceparent": f"00-{caller}-00f067aa0ba902b7-01"}
        )

    assert resp.json()["traceparent"].startswith(f"00-{caller}-")
    assert {span.context.trace_id for span in spans.get_finished_spans()} == {int(caller, 16)}


async def test_the_request_correlation_id_ends_with_the_request() -> None:
    async with _client(_app()) as client:
        await client.post("/smes", headers={"X-Correlation-ID": CORRELATION})

    assert correlation_id.get() is None
