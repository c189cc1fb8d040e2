"""One writer per document inside a process: FerretDB v1 updates are read-modify-write.

Two concurrent updates of one document can lose one of them on FerretDB v1 (real MongoDB
applies each atomically). The API and the outbox relay of a service both update aggregate
documents, so both take the document's lock. One instance per service is assumed on FerretDB.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator


class KeyedLocks:
    """An asyncio lock per key, dropped again when nobody holds or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        """Exclusive access to `key` for the duration of the block."""
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                del self._users[key], self._locks[key]
