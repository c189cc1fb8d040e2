"""One registration followed from its POST to the reporting write: one trace, one correlation id.

Both services run in this process with tracing on (to memory, through the same provider the
`OTEL_*` variables configure); the caller sends its own `traceparent` and `X-Correlation-ID`.
"""

import io
import json
import logging
from collections.abc import Iterator

import httpx
import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from registration.entrypoints.app import create_app as registration_app
from reporting.entrypoints.app import create_app as reporting_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.settings import registration_settings, reporting_settings
from tests.kafka_reader import read_all
from tests.polling import eventually
from umkm_shared.observability import tracing
from umkm_shared.observability.logs import json_handler

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER_SPAN = "00f067aa0ba902b7"
CORRELATION = "5d1c8f0e-0a47-4a53-8d0c-2e6f1f9b7c11"
SARI = {
    "business_name": "Keripik Tempe Bu Sari",
    "owner_nik": "3216014506900001",
    "kbli": "10792",
    "kabupaten_code": "32.16",
    "kecamatan_code": "32.16.01",
    "nib": "9120001234567",
}


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    """Every service started during the test traces to memory."""
    exporter = InMemorySpanExporter()
    tracing.export_to(exporter)
    yield exporter
    tracing.export_to(None)


@pytest.fixture
def batch_lines() -> Iterator[io.StringIO]:
    """The batch consumers' log lines, as JSON."""
    stream = io.StringIO()
    handler = json_handler(stream)
    log = logging.getLogger("umkm_shared.messaging.batch_consumer")
    log.addHandler(handler)
    yield stream
    log.removeHandler(handler)


def _span(spans: InMemorySpanExporter, service: str, kind: SpanKind) -> ReadableSpan | None:
    return next(
        (
            span
            for span in spans.get_finished_spans()
            if span.resource.attributes.get("service.name") == service and span.kind == kind
        ),
        None,
    )


def _batch_line(lines: io.StringIO, group: str) -> dict[str, object] | None:
    parsed = [json.loads(line) for line in lines.getvalue().splitlines()]
    return next((line for line in parsed if line.get("consumer_group") == group), None)


async def _projected(client: httpx.AsyncClient, sme_id: str) -> dict[str, object] | None:
    resp = await client.get(f"/smes/{sme_id}")
    return resp.json() if resp.status_code == 200 else None


async def test_one_registration_is_traced_and_correlated_from_the_post_to_the_reporting_write(
    infra: Infra, namespace: str, spans: InMemorySpanExporter, batch_lines: io.StringIO
) -> None:
    caller = {"traceparent": f"00-{TRACE}-{CALLER_SPAN}-01", "X-Correlation-ID": CORRELATION}
    async with (
        running(registration_app(registration_settings(infra, namespace))) as registration,
        running(reporting_app(reporting_settings(infra, namespace))) as reporting,
    ):
        created = await registration.post("/smes", json=SARI, headers=caller)
        assert created.status_code == 201, created.text
        await eventually(lambda: _projected(reporting, created.json()["sme_id"]))

        async def consumed_span() -> ReadableSpan | None:
            return _span(spans, "reporting", SpanKind.CONSUMER)

        async def batch_line() -> dict[str, object] | None:
            return _batch_line(batch_lines, f"{namespace}reporting")

        consumed = await eventually(consumed_span)
        line = await eventually(batch_line)
    (record,) = await read_all(infra, f"{namespace}umkm-juara.registration.v1")
    post = _span(spans, "registration", SpanKind.SERVER)

    assert created.headers["X-Correlation-ID"] == CORRELATION
    assert post is not None
    assert post.context is not None
    assert consumed.context is not None
    assert consumed.parent is not None
    assert post.context.trace_id == consumed.context.trace_id == int(TRACE, 16)
    assert consumed.parent.span_id == post.context.span_id  # the write's span, carried by Kafka
    assert record.headers["traceparent"].decode().startswith(f"00-{TRACE}-")
    assert json.loads(record.value)["correlationid"] == CORRELATION
    assert line["service"] == "reporting"
    assert line["correlation_id"] == CORRELATION
    assert line["trace_id"] == TRACE
