"""A batch through the consumer leaves its metrics, its span and its log line behind."""

import asyncio
import io
import json
import logging
from collections.abc import Sequence
from typing import Any

from aiokafka import ConsumerRecord, TopicPartition
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from prometheus_client import REGISTRY, generate_latest

from tests.polling import eventually
from tests.samples import DATA
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.messaging.batch_consumer import BatchConsumer, BatchSettings, Delivery
from umkm_shared.messaging.publishing import OutgoingEvent
from umkm_shared.observability.logs import json_handler

TP = TopicPartition("t-registration", 0)
TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE}-00f067aa0ba902b7-01"


def _record(offset: int, value: bytes) -> ConsumerRecord[bytes, bytes]:
    headers = [("traceparent", TRACEPARENT.encode())]
    return ConsumerRecord(TP.topic, 0, offset, 0, 0, b"sme-1", value, None, 5, len(value), headers)


class OneFetch:
    """An aiokafka consumer that returns one fetch, then nothing; it records commits."""

    def __init__(self, records: list[ConsumerRecord[bytes, bytes]]) -> None:
        self.fetches = [{TP: records}]
        self.commits: list[dict[TopicPartition, int]] = []

    async def getmany(self, timeout_ms: int, max_records: int) -> dict[TopicPartition, Any]:
        if self.fetches:
            return self.fetches.pop()
        await asyncio.sleep(timeout_ms / 1000)
        return {}

    def highwater(self, tp: TopicPartition) -> int:
        return 10

    async def commit(self, offsets: dict[TopicPartition, int]) -> None:
        self.commits.append(offsets)


class Parked:
    """Dead letters kept in memory."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    async def publish(
        self, topic: str, key: str, payload: bytes, correlation_id: str | None = None
    ) -> None:
        self.sent.append(topic)

    async def publish_all(self, events: Sequence[OutgoingEvent]) -> None:
        raise NotImplementedError


async def test_a_handled_batch_is_counted_timed_traced_and_logged(
    spans: InMemorySpanExporter,
) -> None:
    event = make_event(DATA, 1)
    handled: list[Sequence[Delivery]] = []

    async def handler(batch: Sequence[Delivery]) -> None:
        handled.append(batch)

    settings = BatchSettings("unused", "g-metrics", (TP.topic,), "g-metrics.dlt", client_id="svc")
    consumer = BatchConsumer(settings, handler, Parked())
    kafka = OneFetch([_record(3, event.to_json_bytes()), _record(4, b"not json")])
    stream = io.StringIO()
    log = logging.getLogger("umkm_shared.messaging.batch_consumer")
    log.addHandler(handler_ := json_handler(stream))
    log.setLevel(logging.INFO)
    running = asyncio.create_task(consumer._run(kafka))
    try:
        await eventually(lambda: _async(kafka.commits or None), within=10, every=0.01)
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
        log.removeHandler(handler_)

    metrics = generate_latest(REGISTRY).decode()
    assert kafka.commits == [{TP: 5}]
    assert handled[0][0].traceparent == TRACEPARENT
    assert 'umkm_messages_consumed_total{topic="t-registration"}' in metrics
    assert 'umkm_messages_dead_lettered_total{topic="t-registration"}' in metrics
    assert 'umkm_batch_handler_seconds_count{group="g-metrics",outcome="ok"} 1.0' in metrics
    assert (
        'umkm_consumer_lag{group="g-metrics",partition="0",topic="t-registration"} 5.0' in metrics
    )
    (span,) = spans.get_finished_spans()
    assert span.name == "process t-registration"
    assert span.context is not None
    assert span.context.trace_id == int(TRACE, 16)
    assert span.parent is not None
    assert span.parent.span_id == int("00f067aa0ba902b7", 16)
    lines = [json.loads(text) for text in stream.getvalue().splitlines()]
    (line,) = [line for line in lines if line["message"].startswith("handled a batch")]
    assert line["correlation_id"] == str(event.correlationid)
    assert line["causation_id"] == str(event.id)
    assert line["correlation_ids"] == [str(event.correlationid)]
    assert line["trace_id"] == TRACE


async def _async(value: object) -> object:
    return value
