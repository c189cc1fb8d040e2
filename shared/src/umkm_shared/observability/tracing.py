"""OpenTelemetry tracing: off unless the standard `OTEL_*` variables switch it on.

`OTEL_TRACES_EXPORTER=otlp` (OTLP over HTTP/protobuf to `OTEL_EXPORTER_OTLP_ENDPOINT` or
`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) or `console`; `none` or unset: no tracing (unlike the
SDK's own auto-configuration, which defaults to otlp). `OTEL_SDK_DISABLED=true` wins over
both. `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES` name the resource (the service's own
name otherwise); the SDK reads the exporter's and the sampler's variables itself.

Trace context travels as W3C `traceparent`: captured into each outbox entry when it is
written, sent as a Kafka header, extracted by the batch consumer. With tracing on, MongoDB
commands are traced too (opentelemetry-instrumentation-pymongo: its listeners are
process-wide, so they use the global provider, the first service's).
"""

from collections.abc import Mapping

from opentelemetry import propagate, trace
from opentelemetry.context import Context
from opentelemetry.instrumentation.pymongo import PymongoInstrumentor
from opentelemetry.sdk.resources import SERVICE_NAME, OTELResourceDetector, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SimpleSpanProcessor,
    SpanExporter,
)
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

TRACEPARENT = "traceparent"


class TracingSettings(BaseSettings):
    """The `OTEL_*` variables this module reads itself."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    traces_exporter: str = Field(default="none", validation_alias="OTEL_TRACES_EXPORTER")
    sdk_disabled: bool = Field(default=False, validation_alias="OTEL_SDK_DISABLED")

    def exporter_names(self) -> list[str]:
        """The exporters asked for; empty when tracing is off."""
        if self.sdk_disabled:
            return []
        names = [name.strip() for name in self.traces_exporter.split(",")]
        return [name for name in names if name and name != "none"]


_test_exporter: SpanExporter | None = None
_providers: dict[str, TracerProvider] = {}


def export_to(exporter: SpanExporter | None) -> None:
    """Test hook: trace every service to `exporter` (synchronously); None restores the env."""
    global _test_exporter  # noqa: PLW0603 - a test-only switch
    _test_exporter = exporter
    _providers.clear()


def _exporters() -> list[tuple[SpanExporter, bool]]:
    """Each exporter, and whether it is exported in batches."""
    if _test_exporter is not None:
        return [(_test_exporter, False)]
    exporters: list[tuple[SpanExporter, bool]] = []
    for name in TracingSettings().exporter_names():
        if name == "otlp":
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import (  # noqa: PLC0415
                OTLPSpanExporter,  # only imported when asked for
            )

            exporters.append((OTLPSpanExporter(), True))
        elif name == "console":
            exporters.append((ConsoleSpanExporter(), False))
        else:
            raise ValueError(f"OTEL_TRACES_EXPORTER={name} is not supported (otlp, console, none)")
    return exporters


def provider(service: str) -> TracerProvider | None:
    """The service's tracer provider, or None when tracing is off (built once per service).

    One provider per service, not only the global one, so services run in one process (the
    tests) each name their own spans; the first one configured also becomes the global one.
    """
    if service in _providers:
        return _providers[service]
    exporters = _exporters()
    if not exporters:
        return None
    # The variables win over the service's own name.
    resource = Resource.create({SERVICE_NAME: service}).merge(OTELResourceDetector().detect())
    built = TracerProvider(resource=resource)
    for exporter, batched in exporters:
        built.add_span_processor(
            BatchSpanProcessor(exporter) if batched else SimpleSpanProcessor(exporter)
        )
    _providers[service] = built
    return built


def configure_tracing(service: str) -> None:
    """Build the service's provider if tracing is on; the first becomes the global provider."""
    built = provider(service)
    global_unset = not isinstance(trace.get_tracer_provider(), TracerProvider)
    if built is not None and global_unset and _test_exporter is None:
        trace.set_tracer_provider(built)
        # pymongo's command listeners are process-wide: they trace to the global provider.
        PymongoInstrumentor().instrument()


def tracer(service: str, name: str) -> trace.Tracer:
    """A tracer of the service's provider (a no-op one when tracing is off)."""
    return trace.get_tracer(name, tracer_provider=provider(service) or trace.NoOpTracerProvider())


def current_traceparent() -> str | None:
    """The W3C `traceparent` of the current span, None outside one (or with tracing off)."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier.get(TRACEPARENT)


def context_of(headers: Mapping[str, str]) -> Context:
    """The trace context that `headers` (a `traceparent`) carry."""
    return propagate.extract(headers)
