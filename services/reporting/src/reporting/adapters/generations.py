"""Read-model generations: collections `<name>__<generation>`, one pointer names the live one.

A replay builds a new generation beside the live one and switches in two steps: the pointer
names the new generation with `catching_up` set while the replay reads what arrived meanwhile,
then `catching_up` is cleared. Readers follow the pointer at once; the live consumer never
writes a generation that is catching up (it waits), so no event reaches the new generation
out of order. A pointer without `catching_up` (written before this flag existed) means False.
"""

import contextlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from reporting.domain.values import Doc
from umkm_shared.messaging.failures import TransientError

POINTERS = "generations"
LIVE = "live"
FIRST = "g0001"


def collection_name(name: str, generation: str) -> str:
    """The physical collection of one read model in one generation."""
    return f"{name}__{generation}"


def next_generation(generation: str) -> str:
    """g0001 -> g0002."""
    return f"g{int(generation[1:]) + 1:04d}"


def fixed(generation: str) -> Callable[[], Awaitable[str]]:
    """A generation source that always names `generation`."""

    async def named() -> str:
        return generation

    return named


@dataclass(frozen=True)
class Pointer:
    """The live generation, and whether a replay is still reading into it."""

    generation: str
    catching_up: bool = False


class CatchingUpError(TransientError):
    """The live generation is still being caught up by a replay: write nothing yet."""

    def __init__(self, generation: str) -> None:
        super().__init__(f"generation {generation} is catching up; waiting for the replay")


class LiveGeneration:
    """The live generation's name for readers, re-read at most every `refresh` seconds."""

    def __init__(self, db: AsyncDatabase[Doc], refresh: float = 1.0) -> None:
        self._db = db
        self._refresh = refresh
        self._cached: str | None = None
        self._read_at = 0.0

    async def current(self) -> str:
        """The live generation (creating the pointer to the first one if there is none)."""
        now = time.monotonic()
        if self._cached is None or now - self._read_at >= self._refresh:
            self._cached = (await read_pointer(self._db)).generation
            self._read_at = now
        return self._cached


async def writable_generation(db: AsyncDatabase[Doc]) -> str:
    """The live generation, read now (no cache); CatchingUpError while a replay fills it."""
    pointer = await read_pointer(db)
    if pointer.catching_up:
        raise CatchingUpError(pointer.generation)
    return pointer.generation


async def read_pointer(db: AsyncDatabase[Doc]) -> Pointer:
    """The pointer document (created naming the first generation if there is none)."""
    doc = await db[POINTERS].find_one({"_id": LIVE})
    if doc is None:
        # A concurrent first reader may create it at the same time: then read theirs.
        with contextlib.suppress(DuplicateKeyError):
            await db[POINTERS].insert_one({"_id": LIVE, "generation": FIRST})
        doc = await db[POINTERS].find_one({"_id": LIVE})
    if doc is None:
        return Pointer(FIRST)
    return Pointer(str(doc["generation"]), bool(doc.get("catching_up", False)))


async def write_pointer(db: AsyncDatabase[Doc], pointer: Pointer) -> None:
    """Point every reader and writer at `pointer` (one document write)."""
    doc = {"_id": LIVE, "generation": pointer.generation, "catching_up": pointer.catching_up}
    await db[POINTERS].replace_one({"_id": LIVE}, doc, upsert=True)
