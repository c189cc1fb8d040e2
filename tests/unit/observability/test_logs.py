"""Log lines are JSON objects carrying the service and the ids of what is being handled."""

import io
import json
import logging

from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from umkm_shared.observability import tracing
from umkm_shared.observability.context import handling, service_name
from umkm_shared.observability.logs import json_handler


def _lines(log: logging.Logger, stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def _logger(stream: io.StringIO) -> logging.Logger:
    log = logging.getLogger(f"tests.observability.{id(stream)}")
    log.propagate = False
    log.setLevel(logging.INFO)
    log.addHandler(json_handler(stream))
    return log


def test_a_line_logged_while_handling_carries_the_correlation_and_causation_ids() -> None:
    stream = io.StringIO()
    log = _logger(stream)
    token = service_name.set("reporting")
    try:
        with handling(
            "5d1c8f0e-0a47-4a53-8d0c-2e6f1f9b7c11", "0b9f6c1e-3f1a-4b7e-9a55-6f1d2c3b4a59"
        ):
            log.info("projected %d events", 3, extra={"consumer_group": "reporting"})
        log.warning("outside")
    finally:
        service_name.reset(token)

    inside, outside = _lines(log, stream)
    assert inside["message"] == "projected 3 events"
    assert inside["level"] == "INFO"
    assert inside["service"] == "reporting"
    assert inside["correlation_id"] == "5d1c8f0e-0a47-4a53-8d0c-2e6f1f9b7c11"
    assert inside["causation_id"] == "0b9f6c1e-3f1a-4b7e-9a55-6f1d2c3b4a59"
    assert inside["consumer_group"] == "reporting"
    assert {"time", "logger"} <= inside.keys()
    assert outside["correlation_id"] is None
    assert outside["causation_id"] is None


def test_a_line_logged_inside_a_span_carries_its_trace_and_span_ids(
    spans: InMemorySpanExporter,
) -> None:
    stream = io.StringIO()
    log = _logger(stream)
    with tracing.tracer("registration", __name__).start_as_current_span("POST /smes") as span:
        log.info("registered")
    (line,) = _lines(log, stream)

    assert line["trace_id"] == f"{span.get_span_context().trace_id:032x}"
    assert line["span_id"] == f"{span.get_span_context().span_id:016x}"
