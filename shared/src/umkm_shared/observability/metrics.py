"""The platform's Prometheus metrics: HTTP through the instrumentator, messaging defined here.

Every service exposes them on `GET /metrics` (prometheus-client's default registry). Messaging
metrics are updated where the work happens: the batch consumer, the Kafka publisher and the
outbox relay.
"""

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from functools import cache

from fastapi import FastAPI
from prometheus_client import Counter, Gauge, Histogram
from prometheus_fastapi_instrumentator import Instrumentator, metrics
from prometheus_fastapi_instrumentator.metrics import Info

MESSAGES_CONSUMED = Counter(
    "umkm_messages_consumed",
    "Messages handed to a consumer's handler and committed, per topic.",
    ["topic"],
)
MESSAGES_PRODUCED = Counter(
    "umkm_messages_produced",
    "Messages the broker acknowledged, per topic (dead-letter topics included).",
    ["topic"],
)
MESSAGES_DEAD_LETTERED = Counter(
    "umkm_messages_dead_lettered",
    "Poison messages parked on the dead-letter topic, per topic they were read from.",
    ["topic"],
)
BATCH_HANDLER_SECONDS = Histogram(
    "umkm_batch_handler_seconds",
    "Time one call of a consumer's batch handler took, per consumer group and outcome.",
    ["group", "outcome"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
BATCH_SIZE = Histogram(
    "umkm_batch_size",
    "Messages per batch handed to a consumer's handler.",
    ["group"],
    buckets=(1, 5, 10, 50, 100, 500, 1000, 2000, 5000),
)
CONSUMER_LAG = Gauge(
    "umkm_consumer_lag",
    "Messages behind the partition's high watermark after the consumer's last fetch.",
    ["group", "topic", "partition"],
)
OUTBOX_BACKLOG = Gauge(
    "umkm_outbox_backlog",
    "Pending outbox entries the relay's last search found (at most its batch of aggregates).",
    ["collection"],
)
OUTBOX_OLDEST_AGE = Gauge(
    "umkm_outbox_oldest_pending_age_seconds",
    "Age of the oldest pending outbox entry the relay's last search found (0 when none).",
    ["collection"],
)


@cache
def _http_metrics() -> Callable[[Info], None]:
    # Created once per process: the collectors live in the default registry, and a second
    # set (a second app in one process, as in tests) could not register and would count nothing.
    default = metrics.default()
    if default is None:  # only when the collectors already exist elsewhere, never here
        raise RuntimeError("HTTP metrics are registered already")
    return default


def instrument_http(app: FastAPI) -> None:
    """Requests and latency by route template, method and status class; `GET /metrics`."""
    Instrumentator(excluded_handlers=["/metrics"]).add(_http_metrics()).instrument(app).expose(
        app, include_in_schema=False
    )


def observe_backlog(collection: str, pending: Sequence[Mapping[str, str]]) -> None:
    """The outbox gauges from pending entries (each stores its event's `time`)."""
    times = [datetime.fromisoformat(entry["time"]) for entry in pending if "time" in entry]
    oldest = (datetime.now(UTC) - min(times)).total_seconds() if times else 0.0
    OUTBOX_BACKLOG.labels(collection).set(len(pending))
    OUTBOX_OLDEST_AGE.labels(collection).set(max(oldest, 0.0))
