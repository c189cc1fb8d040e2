"""Applies decoded events to the read models: read, fold, one guarded write."""

from collections import Counter

from reporting.domain.routing import plan
from reporting.store import ReadModelStore
from umkm_shared.contracts.catalogue import CATALOGUE
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.messaging.consumer import typed_data


class Projector:
    """Applies each event to the read models exactly once in effect."""

    def __init__(self, store: ReadModelStore) -> None:
        self._store = store
        self.counts: Counter[str] = Counter()
        """applied / duplicate / skipped, for the metrics endpoint."""

    async def apply(self, event: RawCloudEvent) -> None:
        """Apply one event; PoisonMessageError if its data does not match its declared type."""
        data = typed_data(event)
        spec = CATALOGUE.get(event.type)
        change = None if data is None or spec is None else plan(spec.context, data)
        if change is None:
            self.counts["skipped"] += 1  # unknown type or not projected: tolerant reader
            return
        current = await self._store.get(change.collection, change.doc_id)
        if change.already_applied(current, event.aggregateversion):
            self.counts["duplicate"] += 1
            return
        await self._store.put(
            change.collection, change.next_document(current, event.aggregateversion), current
        )
        self.counts["applied"] += 1
