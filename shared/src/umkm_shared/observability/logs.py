"""One JSON object per log line, with the service and the ids of what is being handled."""

import logging
import sys
from typing import IO, Any

from opentelemetry import trace
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

from umkm_shared.observability.context import causation_id, correlation_id, service_name

FIELDS = "%(levelname)s %(name)s %(message)s"
DROPPED = [*RESERVED_ATTRS, "color_message"]  # uvicorn's copy of the message with ANSI colours
_default_service: str | None = None


class ContextJsonFormatter(JsonFormatter):
    """JSON lines with `service`, `correlation_id`, `causation_id`, `trace_id` and `span_id`."""

    def __init__(self) -> None:
        super().__init__(
            FIELDS,
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp="time",  # ISO 8601, UTC
            reserved_attrs=DROPPED,
            json_ensure_ascii=False,
        )

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        """The record's fields plus the context it was logged in (read at format time)."""
        super().add_fields(log_data, record, message_dict)
        log_data["service"] = service_name.get() or _default_service
        log_data["correlation_id"] = correlation_id.get()
        log_data["causation_id"] = causation_id.get()
        span = trace.get_current_span().get_span_context()
        if span.is_valid:
            log_data["trace_id"] = trace.format_trace_id(span.trace_id)
            log_data["span_id"] = trace.format_span_id(span.span_id)


class _Ours(logging.StreamHandler[IO[str]]):
    """Marks the handler `configure_logging` installed, so a second call replaces it."""


def json_handler(stream: IO[str] | None = None) -> logging.Handler:
    """A handler writing JSON lines to `stream` (stderr by default)."""
    handler = _Ours(stream or sys.stderr)
    handler.setFormatter(ContextJsonFormatter())
    return handler


def configure_logging(service: str, level: int = logging.INFO) -> None:
    """Root logger to JSON lines on stderr; other handlers (a test's recorder) are kept."""
    global _default_service  # noqa: PLW0603 - one process-wide default, set at start
    _default_service = service
    service_name.set(service)
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _Ours)]:
        root.removeHandler(handler)
    root.addHandler(json_handler())
    root.setLevel(min(root.level or level, level))
