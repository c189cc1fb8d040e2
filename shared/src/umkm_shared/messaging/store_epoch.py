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

`store_epoch` reads (or creates) the epoch; `ReadAgainIfStale` is the rebalance listener that
`BatchConsumer` subscribes with when it is given one.
"""

import contextlib
import logging
import uuid

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from umkm_shared.messaging.kafka_security import KafkaSecurity
from umkm_shared.mongo import Document

log = logging.getLogger(__name__)

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


class ReadAgainIfStale(ConsumerRebalanceListener):  # type: ignore[misc]
    """On assignment, partitions whose committed offset another store wrote start over."""

    def __init__(
        self, consumer: AIOKafkaConsumer, admin: AIOKafkaAdminClient, group: str, metadata: str
    ) -> None:
        self._consumer = consumer
        self._admin = admin
        self._group = group
        self.metadata = metadata
        """What this store's offsets are committed with."""

    @classmethod
    async def started(
        cls,
        consumer: AIOKafkaConsumer,
        group: str,
        epoch: str,
        bootstrap_servers: str,
        security: KafkaSecurity,
    ) -> "ReadAgainIfStale":
        """A listener for `group` over `epoch`, its admin client (to read offsets) started."""
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, **security.client_kwargs())
        await admin.start()
        return cls(consumer, admin, group, metadata(epoch))

    async def close(self) -> None:
        """Close the admin client."""
        await self._admin.close()

    async def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        """Nothing to save: offsets are committed per batch."""

    async def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        """Seek to the beginning where the committed offset is not this store's."""
        if not assigned:
            return
        try:
            committed = await self._admin.list_consumer_group_offsets(
                self._group, partitions=list(assigned)
            )
        except Exception:
            # Unknown whose the offsets are: reading again is slow but never loses an event.
            log.exception("reading the committed offsets failed; reading from the beginning")
            await self._consumer.seek_to_beginning(*assigned)
            return
        stale = [
            tp
            for tp, at in committed.items()
            if at.offset >= 0 and at.metadata != self.metadata and tp in assigned
        ]
        if stale:
            log.warning(
                "%d partitions were committed for another store (%s): reading them again "
                "from the beginning",
                len(stale),
                ", ".join(sorted({tp.topic for tp in stale})),
            )
            await self._consumer.seek_to_beginning(*stale)
