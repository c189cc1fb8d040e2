"""A batch with many causes is one root span linked to each of them."""

from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tests.samples import DATA
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.messaging.batch_consumer import Delivery
from umkm_shared.messaging.dead_letters import Origin
from umkm_shared.observability import tracing
from umkm_shared.observability.batches import observing
from umkm_shared.observability.context import correlation_id

TRACES = ["4bf92f3577b34da6a3ce929d0e0e4736", "0af7651916cd43dd8448eb211c80319c"]


def _delivery(offset: int, trace_id: str) -> Delivery:
    event = RawCloudEvent.model_validate_json(make_event(DATA, 1).to_json_bytes())
    return Delivery(Origin("t", 0, offset, None), event, None, f"00-{trace_id}-00f067aa0ba902b7-01")


def test_a_batch_of_two_requests_is_a_root_span_linked_to_both_without_one_correlation_id(
    spans: InMemorySpanExporter,
) -> None:
    batch = [_delivery(0, TRACES[0]), _delivery(1, TRACES[1])]
    with observing(tracing.tracer("reporting", __name__), "g", batch):
        inside = correlation_id.get()
    (span,) = spans.get_finished_spans()

    assert inside is None
    assert span.parent is None
    assert sorted(f"{link.context.trace_id:032x}" for link in span.links) == sorted(TRACES)
    assert span.attributes is not None
    assert span.attributes["messaging.batch.message_count"] == 2
