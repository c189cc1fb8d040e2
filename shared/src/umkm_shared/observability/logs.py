"""One JSON object per log line, with the service and the ids of what is being handled.

No line carries a NIK: `MaskNiks` masks every 16-digit number in a record's message, its
arguments, its extra fields and its traceback (uvicorn's access log puts the request path
and query, where a clerk may have typed a NIK, in its arguments).
"""

import logging
import re
import sys
from typing import IO, Any

from opentelemetry import trace
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

from umkm_shared.observability.context import causation_id, correlation_id, service_name

FIELDS = "%(levelname)s %(name)s %(message)s"
NIK_SHAPED = re.compile(r"(?<!\d)\d{16}(?!\d)")
"""A NIK-shaped number: 16 digits in a row, not part of a longer number."""
DROPPED = [*RESERVED_ATTRS, "color_message"]  # uvicorn's copy of the message with ANSI colours
_default_service: str | None = None


def mask_niks(text: str) -> str:
    """`text` with every NIK-shaped number masked as the register shows NIKs: `3216********0001`."""
    return NIK_SHAPED.sub(lambda found: f"{found[0][:4]}{'*' * 8}{found[0][-4:]}", text)


_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class MaskNiks(logging.Filter):
    """Masks NIK-shaped numbers in every record it sees; it never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place when its text holds a NIK-shaped number."""
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken record: the handler reports it as it is
            return True
        if NIK_SHAPED.search(message):
            # The message is formatted once here, so arguments of any type are covered.
            record.msg, record.args = mask_niks(message), None
            vars(record).pop("color_message", None)  # uvicorn's coloured copy of the original
        for name, value in list(vars(record).items()):
            if name not in _STANDARD and isinstance(value, str) and NIK_SHAPED.search(value):
                setattr(record, name, mask_niks(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and NIK_SHAPED.search(record.exc_text):
            record.exc_info, record.exc_text = None, mask_niks(record.exc_text)
        if record.stack_info and NIK_SHAPED.search(record.stack_info):
            record.stack_info = mask_niks(record.stack_info)
        return True


_MASK = MaskNiks()


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
    handler.addFilter(_MASK)
    return handler


def configure_logging(service: str, level: int = logging.INFO) -> None:
    """Root logger to JSON lines on stderr; other handlers (a test's recorder) are kept.

    Every root handler masks NIK-shaped numbers, so no record reaches any of them unmasked
    (uvicorn's loggers propagate to the root: with `log_config=None` they have no handlers).
    """
    global _default_service  # noqa: PLW0603 - one process-wide default, set at start
    _default_service = service
    service_name.set(service)
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _Ours)]:
        root.removeHandler(handler)
    root.addHandler(json_handler())
    for other in root.handlers:
        if _MASK not in other.filters:
            other.addFilter(_MASK)
    root.setLevel(min(root.level or level, level))
    # aiokafka says "Authenticated as <principal>" at INFO on every connection it opens.
    logging.getLogger("aiokafka.conn").setLevel(logging.WARNING)
