"""A cluster on a test's own servers, with test hooks per replica, and what its stores hold."""

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pymongo.errors import PyMongoError

from devstack.services import SERVICES
from tests.faults.cluster import Cluster
from tests.infra import Infra
from umkm_shared.messaging.outbox import PENDING
from umkm_shared.mongo import connect


@dataclass
class HookedCluster(Cluster):
    """A `Cluster` whose replicas get `settings`, and those started next `hooks` too."""

    settings: dict[str, str] = field(default_factory=dict)
    hooks: dict[str, str] = field(default_factory=dict)

    @property
    def environment(self) -> dict[str, str]:
        """The cluster's environment plus its settings and the hooks in force."""
        return {**super().environment, **self.settings, **self.hooks}

    @contextmanager
    def hooked(self, **hooks: str) -> Iterator[None]:
        """Replicas started inside the block get `hooks`; those started after do not."""
        self.hooks = hooks
        try:
            yield
        finally:
            self.hooks = {}


@asynccontextmanager
async def running(
    infra: Infra, namespace: str, logs: Path, **settings: str
) -> AsyncIterator[HookedCluster]:
    """Two replicas of every service on `infra` with `settings` (environment variables);
    all stopped afterwards, none left behind."""
    cluster = HookedCluster(infra, namespace, logs, settings=settings)
    try:
        cluster.start_all()
        yield cluster
    finally:
        cluster.stop()
    assert cluster.alive() == [], "a process was left behind"


async def pending_events(cluster: Cluster) -> int:
    """Outbox entries not yet published, over every collection of every service."""
    client = connect(cluster.infra.mongodb_url)
    try:
        pending = 0
        for service in SERVICES:
            db = client.get_database(f"{cluster.namespace}{service}")
            for name in await db.list_collection_names():
                async for doc in db[name].find(PENDING, {"outbox.event_id": 1}):
                    pending += len(doc.get("outbox", []))
        return pending
    finally:
        await client.close()


async def drained(cluster: Cluster) -> bool | None:
    """True once every outbox is empty (for `eventually`); None while the store is away."""
    try:
        return True if await pending_events(cluster) == 0 else None
    except PyMongoError:
        return None


async def stored_smes(cluster: Cluster) -> set[str]:
    """The SME ids registration's `smes` collection holds."""
    client = connect(cluster.infra.mongodb_url)
    try:
        smes = client.get_database(f"{cluster.namespace}registration")["smes"]
        return {doc["_id"] async for doc in smes.find({}, {"_id": 1})}
    finally:
        await client.close()
