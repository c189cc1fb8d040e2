"""Tracing to memory for the tests that ask for it; the process-wide switch restored after."""

from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from umkm_shared.observability import tracing


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    """Every service traces to this exporter during the test."""
    exporter = InMemorySpanExporter()
    tracing.export_to(exporter)
    yield exporter
    tracing.export_to(None)
