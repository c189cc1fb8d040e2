"""Tracing is off unless the standard OTEL_* variables ask for an exporter."""

import pytest
from opentelemetry.sdk.trace.export import ConsoleSpanExporter

from umkm_shared.observability import tracing


def test_tracing_is_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OTEL_TRACES_EXPORTER", raising=False)
    assert tracing.provider("a-service-nobody-traced") is None


def test_the_exporters_asked_for_are_built_and_the_service_names_the_resource(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "console, otlp")
    monkeypatch.setenv("OTEL_SERVICE_NAME", "from-the-environment")
    assert tracing.TracingSettings().exporter_names() == ["console", "otlp"]
    exporters = tracing._exporters()
    assert isinstance(exporters[0][0], ConsoleSpanExporter)
    assert [batched for _, batched in exporters] == [False, True]


def test_the_sdk_switch_turns_every_exporter_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "otlp")
    monkeypatch.setenv("OTEL_SDK_DISABLED", "true")
    assert tracing.TracingSettings().exporter_names() == []


def test_an_unknown_exporter_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "zipkin")
    with pytest.raises(ValueError, match="zipkin"):
        tracing._exporters()
