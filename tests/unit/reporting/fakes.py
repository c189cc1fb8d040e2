"""Fakes of the reporting ports: read models in dicts, compare-and-set like MongoStore."""

import copy
from collections.abc import Collection, Sequence
from datetime import UTC, datetime

from reporting.domain.store import ReadModelStore, Write
from reporting.domain.values import Doc
from reporting.service import Projector
from tests.unit.reporting.journeys import Versioned
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.messaging.batch_consumer import Delivery
from umkm_shared.messaging.consumer import typed_data
from umkm_shared.messaging.dead_letters import Origin


class InMemoryStore(ReadModelStore):
    """Documents by collection and id; a write lands only if the stored one is its `previous`."""

    def __init__(self) -> None:
        self.collections: dict[str, dict[str, Doc]] = {}
        self.loads = 0
        self.saves = 0

    async def load(self, collection: str, ids: Collection[str]) -> dict[str, Doc]:
        self.loads += 1
        docs = self.collections.get(collection, {})
        return {i: copy.deepcopy(docs[i]) for i in ids if i in docs}

    async def find(self, collection: str, field: str, values: Collection[str]) -> dict[str, Doc]:
        self.loads += 1
        docs = self.collections.get(collection, {})
        return {i: copy.deepcopy(d) for i, d in docs.items() if d.get(field) in values}

    async def save(self, collection: str, writes: Sequence[Write]) -> set[str]:
        self.saves += 1
        docs = self.collections.setdefault(collection, {})
        lost = set()
        for write in writes:
            doc_id = write.doc["_id"]
            if docs.get(doc_id) != write.previous:
                lost.add(doc_id)
            else:
                docs[doc_id] = copy.deepcopy(write.doc)
        return lost


class RacedStore(InMemoryStore):
    """Another writer applies `rival` just before the projector's first save of SMEs."""

    def __init__(self, rival: Sequence[Delivery]) -> None:
        super().__init__()
        self.rival = list(rival)

    async def save(self, collection: str, writes: Sequence[Write]) -> set[str]:
        if self.rival and collection == "smes":
            rival, self.rival = self.rival, []
            await Projector(self).apply_batch(rival)
        return await super().save(collection, writes)


PROCESSED = datetime(2022, 6, 1, 9, 0, tzinfo=UTC)
"""The processing time of the fakes' events unless a test names one: the same event made
twice is then the same event (as a redelivery is)."""


def raw(event: Versioned, time: datetime = PROCESSED) -> RawCloudEvent:
    """The CloudEvent a service would have published for this payload and version, at `time`."""
    _, data, version = event
    made = make_event(data, version, time=time)
    return RawCloudEvent.model_validate_json(made.to_json_bytes())


def delivered(event: RawCloudEvent, offset: int = 0) -> Delivery:
    """The event as the batch consumer hands it over, decoded."""
    return Delivery(Origin("topic", 0, offset, None), event, typed_data(event))
