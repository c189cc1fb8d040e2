"""The correlation and causation ids of the request or event being handled, in contextvars.

The correlation id is asgi-correlation-id's own variable: its middleware sets it per HTTP
request, and the batch consumer sets it per batch, so log lines and the events written while
handling carry it without being passed around.
"""

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from asgi_correlation_id.context import correlation_id

causation_id: ContextVar[str | None] = ContextVar("causation_id", default=None)
service_name: ContextVar[str | None] = ContextVar("service_name", default=None)

__all__ = ["causation_id", "correlation_id", "handling", "service_name"]


@contextlib.contextmanager
def handling(correlation: str | None, causation: str | None) -> Iterator[None]:
    """Within the block, logs and new events carry these ids (None: not one shared id)."""
    tokens = correlation_id.set(correlation), causation_id.set(causation)
    try:
        yield
    finally:
        correlation_id.reset(tokens[0])
        causation_id.reset(tokens[1])
