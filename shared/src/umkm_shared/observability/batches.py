"""What a consumer's batch looks like in traces, logs and metrics.

A batch has as many causes as events. Its handler runs in ONE span ("process <topics>",
kind CONSUMER): a child of the events' trace when they all carry the same `traceparent` (one
request's events, the usual small batch), otherwise a root span with a link to each distinct
trace (up to the SDK's link limit, 128). Logs and events written meanwhile carry the batch's
correlation id when all its events share one, and the event's id as causation id when the
batch holds one event; the batch's log line lists its correlation ids either way.
"""

import contextlib
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from aiokafka import ConsumerRecord, TopicPartition
from opentelemetry import trace
from opentelemetry.trace import Link, SpanKind

from umkm_shared.observability.context import handling
from umkm_shared.observability.metrics import (
    BATCH_HANDLER_SECONDS,
    BATCH_SIZE,
    CONSUMER_LAG,
    MESSAGES_CONSUMED,
)
from umkm_shared.observability.tracing import TRACEPARENT, context_of

if TYPE_CHECKING:  # the consumer imports this module
    from umkm_shared.messaging.batch_consumer import Delivery

log = logging.getLogger("umkm_shared.messaging.batch_consumer")

LOGGED_CORRELATION_IDS = 20
"""A batch's log line lists at most this many correlation ids."""
MAX_LINKS = 128
"""The SDK keeps at most 128 links per span by default."""


def _span_contexts(tracer: trace.Tracer, batch: "Sequence[Delivery]") -> list[trace.SpanContext]:
    """The distinct trace contexts the events carry (none parsed when tracing is off)."""
    if isinstance(tracer, trace.NoOpTracer):
        return []
    distinct = list(dict.fromkeys(d.traceparent for d in batch if d.traceparent))
    contexts = [
        trace.get_current_span(context_of({TRACEPARENT: tp})).get_span_context()
        for tp in distinct[:MAX_LINKS]
    ]
    return [context for context in contexts if context.is_valid]


@contextlib.contextmanager
def observing(tracer: trace.Tracer, group: str, batch: "Sequence[Delivery]") -> Iterator[None]:
    """Run the handling of `batch` under its span, ids and log line."""
    topics = sorted({d.origin.topic for d in batch})
    correlations = list(dict.fromkeys(d.event.correlationid for d in batch))
    logged = [str(c) for c in correlations[:LOGGED_CORRELATION_IDS]]
    correlation = logged[0] if len(correlations) == 1 else None
    causation = str(batch[0].event.id) if len(batch) == 1 else None
    parents = _span_contexts(tracer, batch)
    one_parent = len(parents) == 1
    parent = trace.set_span_in_context(trace.NonRecordingSpan(parents[0])) if one_parent else None
    links = [] if one_parent else [Link(context) for context in parents]
    started = time.perf_counter()
    with (
        handling(correlation, causation),
        tracer.start_as_current_span(
            f"process {','.join(topics)}",
            context=parent,
            kind=SpanKind.CONSUMER,
            links=links,
            attributes={
                "messaging.system": "kafka",
                "messaging.operation.type": "process",
                "messaging.consumer.group.name": group,
                "messaging.batch.message_count": len(batch),
                # OTel's name for a correlation id; only when the batch has one.
                **({"messaging.message.conversation_id": correlation} if correlation else {}),
            },
        ),
    ):
        yield
        BATCH_SIZE.labels(group).observe(len(batch))
        for topic, count in Counter(d.origin.topic for d in batch).items():
            MESSAGES_CONSUMED.labels(topic).inc(count)
        log.info(
            "handled a batch of %d from %s",
            len(batch),
            ",".join(topics),
            extra={
                "consumer_group": group,
                "events": len(batch),
                "seconds": round(time.perf_counter() - started, 4),
                "correlation_ids": logged,
            },
        )


async def timed(group: str, handling: Awaitable[None]) -> None:
    """Await one call of a batch handler, timing it by outcome."""
    started, outcome = time.perf_counter(), "error"
    try:
        await handling
        outcome = "ok"
    finally:
        BATCH_HANDLER_SECONDS.labels(group, outcome).observe(time.perf_counter() - started)


def observe_lag(
    group: str,
    fetched: Mapping[TopicPartition, Sequence[ConsumerRecord[bytes, bytes]]],
    highwater: Callable[[TopicPartition], int | None],
) -> None:
    """Lag per fetched partition: the fetch response brought the high watermark along."""
    for tp, records in fetched.items():
        mark = highwater(tp)
        if records and mark is not None:
            lag = max(mark - records[-1].offset - 1, 0)
            CONSUMER_LAG.labels(group, tp.topic, str(tp.partition)).set(lag)
