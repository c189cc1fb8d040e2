"""Trace context and correlation ids travel: outbox entry -> OutgoingEvent -> Kafka headers."""

import asyncio
from typing import Any, cast

from faststream.kafka import KafkaBroker
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tests.samples import DATA
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.messaging.kafka_publisher import KafkaEventPublisher
from umkm_shared.messaging.outbox import OutgoingEvent, outbox_entries
from umkm_shared.observability import tracing
from umkm_shared.observability.context import handling

CORRELATION = "5d1c8f0e-0a47-4a53-8d0c-2e6f1f9b7c11"
CAUSE = "0b9f6c1e-3f1a-4b7e-9a55-6f1d2c3b4a59"


class AckingBroker:
    """FastStream's broker as the publisher uses it: records each send, acknowledges at once."""

    def __init__(self) -> None:
        self.headers: list[dict[str, str]] = []

    async def publish(self, message: object, topic: str, **options: Any) -> object:
        self.headers.append(options["headers"])
        done = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done


def _outgoing(entry: dict[str, str]) -> OutgoingEvent:
    return OutgoingEvent(
        entry["topic"],
        entry["key"],
        entry["payload"].encode(),
        entry["correlation_id"],
        entry.get("traceparent"),
    )


async def test_the_trace_context_of_a_write_reaches_the_kafka_headers(
    spans: InMemorySpanExporter,
) -> None:
    with tracing.tracer("registration", __name__).start_as_current_span("POST /smes") as span:
        (entry,) = outbox_entries([("registration", DATA)], {})
    broker = AckingBroker()

    await KafkaEventPublisher(cast("KafkaBroker", broker)).publish_all([_outgoing(entry)])

    trace_id = f"{span.get_span_context().trace_id:032x}"
    span_id = f"{span.get_span_context().span_id:016x}"
    assert entry["traceparent"].startswith(f"00-{trace_id}-{span_id}-")
    assert broker.headers[0]["traceparent"] == entry["traceparent"]
    assert broker.headers[0]["content-type"] == "application/cloudevents+json"


def test_an_entry_written_outside_a_trace_has_no_traceparent() -> None:
    (entry,) = outbox_entries([("registration", DATA)], {})
    assert "traceparent" not in entry


def test_events_written_while_handling_carry_its_correlation_id_and_name_its_cause() -> None:
    with handling(CORRELATION, CAUSE):
        first, second = outbox_entries([("a", DATA), ("b", DATA)], {})
    one, two = (RawCloudEvent.model_validate_json(e["payload"]) for e in (first, second))

    assert str(one.correlationid) == str(two.correlationid) == CORRELATION
    assert first["correlation_id"] == CORRELATION
    assert str(one.causationid) == CAUSE
    assert two.causationid == one.id


def test_a_given_correlation_id_wins_over_the_context() -> None:
    other = "11111111-2222-4333-8444-555555555555"
    with handling(CORRELATION, None):
        (entry,) = outbox_entries([("a", DATA)], {}, correlation_id=other)
    assert entry["correlation_id"] == other
