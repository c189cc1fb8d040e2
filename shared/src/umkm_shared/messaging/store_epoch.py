"""Which store a consumer group's committed offsets were written for.

A consumer commits its offsets to Kafka, its effects to its own database. If that database
is dropped (or restored empty) while the group's offsets stay committed, a plain consumer
resumes where the old database left off and never learns the earlier events again: its
local views (mentoring's SMEs, reporting's read models) stay empty for good.

So every database gets an *epoch*: a random id stored once in it (`consumer_epochs`, one
document per group, created by whichever replica comes first). The consumer commits its
offsets with the epoch as the offset's metadata; on each partition assignment a partition
whose committed offset carries another epoch (or none) is read again from the beginning.
Replicas share the database and so the epoch; a new empty database has a new one. Reading
again is safe because every handler is idempotent (at-least-once delivery).
"""

import contextlib
import uuid

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from umkm_shared.mongo import Document

EPOCHS = "consumer_epochs"


def metadata(epoch: str) -> str:
    """The committed offsets' metadata naming `epoch`."""
    return f"store-epoch {epoch}"


async def store_epoch(db: AsyncDatabase[Document], group: str) -> str:
    """The epoch of `db` for `group`: created now if the database has none (a new store)."""
    doc = await db[EPOCHS].find_one({"_id": group})
    if doc is None:
        # Two replicas starting on an empty database race here: the second reads the first's.
        with contextlib.suppress(DuplicateKeyError):
            await db[EPOCHS].insert_one({"_id": group, "epoch": uuid.uuid4().hex})
        doc = await db[EPOCHS].find_one({"_id": group})
    if doc is None:  # pragma: no cover - inserted or found just above
        raise RuntimeError(f"no store epoch for {group}")
    return str(doc["epoch"])
