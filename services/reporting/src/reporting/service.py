"""The application service: apply each batch of decoded events to the read models.

Per collection: load the documents the batch touches, fold the events over them (pure, in
`domain/`), and write each one compare-and-set; a document another writer changed meanwhile
is loaded and folded again.

An SME document carries its figures frozen at its cohort's cutoff (`domain.counted`): they are
computed with the cohort as read before the write, the cohort is read again after it, and
when a cohort closes (or its closing changes) its SMEs are frozen again, each write
compare-and-set. Whichever of an SME's write and its cohort's closing lands first, the other
sees it, so every arrival order ends with the same documents.
"""

import asyncio
import logging
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence

from reporting.domain.batch import Planned, fold_batch
from reporting.domain.counted import closing, frozen
from reporting.domain.routing import COHORTS, SMES, Change, plan
from reporting.domain.store import ReadModelStore, Write
from reporting.domain.values import Doc, iso_time
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
            docs, cohorts = folded.docs, {}
            if collection == SMES:
                cohorts = await self._store.load(COHORTS, _cohort_ids(docs.values()))
                docs = {
                    i: frozen(d, cohorts.get(d.get("cohort_id") or "")) for i, d in docs.items()
                }
            lost = await self._store.save(
                collection, [Write(doc, stored.get(i)) for i, doc in docs.items()]
            )
            self.counts.update(outcome for i, outcome in folded.outcomes if i not in lost)
            if lost:
                # Another writer got there first: fold those documents' events again over it.
                log.info("%d %s documents changed meanwhile; re-folding", len(lost), collection)
            written = [d for i, d in docs.items() if i not in lost]
            if collection == SMES and written:
                # A cohort that closed since it was read: its closing may not have seen these.
                now = await self._store.load(COHORTS, _cohort_ids(written))
                await self.refreeze({c for c in now if closing(now[c]) != closing(cohorts.get(c))})
            if collection == COHORTS:
                await self.refreeze(
                    {d["_id"] for d in written if closing(d) != closing(stored.get(d["_id"]))}
                )
            planned = [p for p in planned if p.change.doc_id in lost]

    async def refreeze(self, cohort_ids: Collection[str]) -> None:
        """Freeze the SMEs of these cohorts at their cutoffs as stored now (a bounded bulk
        write: a cohort has hundreds of SMEs); documents another writer changed meanwhile are
        read and frozen again."""
        pending = set(cohort_ids)
        while pending:
            cohorts = await self._store.load(COHORTS, pending)
            smes = await self._store.find(SMES, "cohort_id", pending)
            writes = [
                Write(new, doc)
                for doc in smes.values()
                if (new := frozen(doc, cohorts.get(doc["cohort_id"]))) != doc
            ]
            lost = await self._store.save(SMES, writes)
            pending = {smes[i]["cohort_id"] for i in lost}


def _cohort_ids(docs: Iterable[Doc]) -> set[str]:
    return {d["cohort_id"] for d in docs if d.get("cohort_id")}
