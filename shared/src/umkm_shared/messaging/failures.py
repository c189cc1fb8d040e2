"""Is a handler's failure worth waiting out, or will the same message always fail?

Transient: the store or the broker is away or busy (connection lost, server selection or
network timeout, a concurrent writer won the compare-and-set). The consumer retries those
for as long as it takes: dead-lettering a healthy message because MongoDB restarted would
lose it from every read model. Anything else (a KeyError in a fold, a document too large, a
duplicate key) is deterministic: it is retried a bounded number of times, then the message
goes to the dead-letter topic and its partition moves on.
"""

from aiokafka.errors import KafkaError
from pymongo.errors import ConnectionFailure, ExecutionTimeout, PyMongoError, WTimeoutError

from umkm_shared.observability.logs import mask_niks
from umkm_shared.store import ConcurrentUpdateError


class TransientError(Exception):
    """A failure that passes on its own: subclass it to have a handler's batch waited out."""


TRANSIENT: tuple[type[BaseException], ...] = (
    TransientError,
    ConnectionFailure,  # AutoReconnect, NetworkTimeout, ServerSelectionTimeoutError, ...
    ExecutionTimeout,
    WTimeoutError,
    ConcurrentUpdateError,
    KafkaError,
    ConnectionError,
    TimeoutError,
)
_RETRYABLE_LABELS = ("RetryableWriteError", "TransientTransactionError")


def is_transient(error: BaseException) -> bool:
    """Whether `error` may go away on its own (retry without counting)."""
    if isinstance(error, TRANSIENT):
        return True
    return isinstance(error, PyMongoError) and any(map(error.has_error_label, _RETRYABLE_LABELS))


def describe(error: BaseException, limit: int = 500) -> str:
    """`Type: message`, NIK-shaped numbers masked and cut to `limit` characters, for a DLT."""
    return mask_niks(f"{type(error).__name__}: {error}")[:limit]
