"""Read-model generations: collections `<name>__<generation>`, one pointer names the live one.

A replay builds a new generation beside the live one and then flips the pointer (a single
document write, so readers switch at once).
"""

import contextlib
import time

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from reporting.domain.values import Doc

POINTERS = "generations"
LIVE = "live"
FIRST = "g0001"


def collection_name(name: str, generation: str) -> str:
    """The physical collection of one read model in one generation."""
    return f"{name}__{generation}"


def next_generation(generation: str) -> str:
    """g0001 -> g0002."""
    return f"g{int(generation[1:]) + 1:04d}"


class LiveGeneration:
    """The live generation's name, re-read at most every `refresh` seconds."""

    def __init__(self, db: AsyncDatabase[Doc], refresh: float = 1.0) -> None:
        self._db = db
        self._refresh = refresh
        self._cached: str | None = None
        self._read_at = 0.0

    async def current(self) -> str:
        """The live generation (creating the pointer to the first one if there is none)."""
        now = time.monotonic()
        if self._cached is None or now - self._read_at >= self._refresh:
            self._cached = await read_live(self._db)
            self._read_at = now
        return self._cached

    async def switch_to(self, generation: str) -> None:
        """Make `generation` live for every reader and writer."""
        await self._db[POINTERS].replace_one(
            {"_id": LIVE}, {"_id": LIVE, "generation": generation}, upsert=True
        )
        self._cached, self._read_at = generation, time.monotonic()


async def read_live(db: AsyncDatabase[Doc]) -> str:
    """The live generation named by the pointer document."""
    pointer = await db[POINTERS].find_one({"_id": LIVE})
    if pointer is not None:
        return str(pointer["generation"])
    # A concurrent first reader may create it at the same time: then read theirs.
    with contextlib.suppress(DuplicateKeyError):
        await db[POINTERS].insert_one({"_id": LIVE, "generation": FIRST})
    pointer = await db[POINTERS].find_one({"_id": LIVE})
    return FIRST if pointer is None else str(pointer["generation"])
