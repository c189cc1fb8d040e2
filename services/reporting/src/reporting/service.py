"""The application service: apply each batch of decoded events to the read models.

Per collection: load the documents the batch touches, fold the events over them (pure, in
`domain/`), and write each one compare-and-set; a document another writer changed meanwhile
is loaded and folded again.
"""

import asyncio
import logging
from collections import Counter, defaultdict
from collections.abc import Sequence

from reporting.domain.batch import Planned, fold_batch
from reporting.domain.routing import Change, plan
from reporting.domain.store import ReadModelStore, Write
from reporting.domain.values import iso_time
from umkm_shared.contracts.catalogue import CATALOGUE
from umkm_shared.messaging.batch_consumer import Delivery

log = logging.getLogger(__name__)


def _change(delivery: Delivery) -> Change | None:
    spec = CATALOGUE.get(delivery.event.type)
    if delivery.data is None or spec is None:
        return None
    return plan(spec.context, delivery.data, iso_time(delivery.event.time))


class Projector:
    """Applies each event to the read models exactly once in effect."""

    def __init__(self, store: ReadModelStore) -> None:
        self._store = store
        self.counts: Counter[str] = Counter()
        """Events by outcome so far: applied, duplicate (a version seen already), skipped."""

    async def apply_batch(self, batch: Sequence[Delivery]) -> None:
        """Apply a batch in its order; returns once every change is stored."""
        by_collection: dict[str, list[Planned]] = defaultdict(list)
        for delivery in batch:
            change = _change(delivery)
            if change is None:
                self.counts["skipped"] += 1  # unknown type or not projected: tolerant reader
                continue
            by_collection[change.collection].append(
                Planned(change, delivery.event.aggregateversion)
            )
        # Collections are independent documents: load, fold and write them side by side.
        await asyncio.gather(*(self._project(c, p) for c, p in by_collection.items()))

    async def _project(self, collection: str, planned: list[Planned]) -> None:
        while planned:
            stored = await self._store.load(collection, {p.change.doc_id for p in planned})
            folded = fold_batch(planned, stored)
            lost = await self._store.save(
                collection, [Write(doc, stored.get(i)) for i, doc in folded.docs.items()]
            )
            self.counts.update(outcome for i, outcome in folded.outcomes if i not in lost)
            if lost:
                # Another writer got there first: fold those documents' events again over it.
                log.info("%d %s documents changed meanwhile; re-folding", len(lost), collection)
            planned = [p for p in planned if p.change.doc_id in lost]
