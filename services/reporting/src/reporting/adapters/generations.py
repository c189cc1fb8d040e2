"""Read-model generations: collections `<name>__<generation>`, one pointer names the live one.

A replay builds a new generation beside the live one and switches in two steps: the pointer
names the new generation with `catching_up` set while the replay reads what arrived meanwhile,
then `catching_up` is cleared. Readers follow the pointer at once; the live consumer never
writes a generation that is catching up (it waits), so no event reaches the new generation
out of order. A pointer without `catching_up` (written before this flag existed) means False.

Only the holder of the rebuild lease writes the pointer, fenced: taking the lease stamps its
token on the pointer (`fence`), and every pointer write names its token, so a rebuild whose
lease was taken over (it stalled past expiry) can no longer switch.

No two rebuilds ever build the same generation: each takes its number from the pointer's
`issued` counter (one atomic `$inc`), so a stalled rebuild that writes a batch after a newer
one took over writes into its own generation, which is never switched live and which the next
rebuild drops.
"""

import contextlib
import re
import time
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass

from pymongo import ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from reporting.domain.routing import COLLECTIONS
from reporting.domain.values import Doc
from umkm_shared.messaging.failures import TransientError

POINTERS = "generations"
LIVE = "live"
FIRST = "g0001"
ISSUED = "issued"
"""The pointer's field counting the generation numbers given out so far."""
NAMED = re.compile(r"(?P<name>\w+?)__(?P<generation>g\d{4,})")


def collection_name(name: str, generation: str) -> str:
    """The physical collection of one read model in one generation."""
    return f"{name}__{generation}"


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


class FencedError(RuntimeError):
    """A pointer write refused: a newer rebuild has taken the lease (its token is the fence)."""

    def __init__(self, token: int, doc: Doc | None) -> None:
        fence = doc.get("fence") if doc else None
        live = doc.get("generation") if doc else None
        super().__init__(
            f"the generation pointer is no longer this rebuild's (token {token}): it names "
            f"{live} under fence {fence}; a newer rebuild took the lease, not switching"
        )


async def check_fence(db: AsyncDatabase[Doc], token: int) -> None:
    """FencedError unless `token` is still the pointer's fence (no newer rebuild took over)."""
    doc = await db[POINTERS].find_one({"_id": LIVE})
    if doc is None or doc.get("fence") != token:
        raise FencedError(token, doc)


async def read_fence(db: AsyncDatabase[Doc]) -> int:
    """The token of the last rebuild that took the lease (0 if none ever did)."""
    doc = await db[POINTERS].find_one({"_id": LIVE})
    return int(doc.get("fence", 0)) if doc else 0


async def stamp_fence(db: AsyncDatabase[Doc], token: int) -> None:
    """Make the pointer `token`'s: from now on pointer writes with an older token are refused."""
    await read_pointer(db)  # create it if there is none yet
    older = {"$or": [{"fence": {"$exists": False}}, {"fence": {"$lte": token}}]}
    stamped = await db[POINTERS].update_one({"_id": LIVE, **older}, {"$set": {"fence": token}})
    if stamped.matched_count == 0:
        raise FencedError(token, await db[POINTERS].find_one({"_id": LIVE}))


async def write_pointer(
    db: AsyncDatabase[Doc], pointer: Pointer, token: int, expected: str | None = None
) -> None:
    """Point every reader and writer at `pointer` (one conditional document write).

    Only while `token` is still the pointer's fence and, given `expected`, while the pointer
    still names that generation; FencedError otherwise.
    """
    condition: Doc = {"_id": LIVE, "fence": token}
    if expected is not None:
        condition["generation"] = expected
    change = {"generation": pointer.generation, "catching_up": pointer.catching_up}
    written = await db[POINTERS].update_one(condition, {"$set": change})
    if written.matched_count == 0:
        raise FencedError(token, await db[POINTERS].find_one({"_id": LIVE}))


async def issue_generation(db: AsyncDatabase[Doc], token: int | None = None) -> str:
    """A generation no rebuild was given before: the pointer's `issued` counter plus one (it
    starts at the live generation). Given `token`, only while that is the pointer's fence."""
    live = (await read_pointer(db)).generation  # creates the pointer if there is none
    await db[POINTERS].update_one({"_id": LIVE}, {"$max": {ISSUED: int(live[1:])}})
    mine: Doc = {"_id": LIVE} if token is None else {"_id": LIVE, "fence": token}
    doc = await db[POINTERS].find_one_and_update(
        mine, {"$inc": {ISSUED: 1}}, return_document=ReturnDocument.AFTER
    )
    if doc is None:  # only with a token: a newer rebuild took the lease
        raise FencedError(token or 0, await db[POINTERS].find_one({"_id": LIVE}))
    return f"g{int(doc[ISSUED]):04d}"


async def drop_generations(db: AsyncDatabase[Doc], keep: Collection[str]) -> list[str]:
    """Drop the read models' collections of every generation but `keep`'s; those dropped."""
    dropped = set()
    for collection in await db.list_collection_names():
        named = NAMED.fullmatch(collection)
        if named and named["name"] in COLLECTIONS and named["generation"] not in keep:
            await db.drop_collection(collection)
            dropped.add(named["generation"])
    return sorted(dropped)
