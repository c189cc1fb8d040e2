"""The projections, pure, against an in-memory store: idempotence and interleavings."""

import copy
import random
from collections.abc import Collection, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from reporting.projector import Projector
from reporting.store import Doc, ReadModelStore, Write
from tests.integration.reporting_support import Versioned, reference_events, sme_journey
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.messaging.batch_consumer import Delivery
from umkm_shared.messaging.consumer import typed_data
from umkm_shared.messaging.dead_letters import Origin


class InMemoryStore(ReadModelStore):
    """A fake of the port: dicts of documents, compare-and-set on the previous document."""

    def __init__(self) -> None:
        self.collections: dict[str, dict[str, Doc]] = {}
        self.loads = 0
        self.saves = 0

    async def load(self, collection: str, ids: Collection[str]) -> dict[str, Doc]:
        self.loads += 1
        docs = self.collections.get(collection, {})
        return {i: copy.deepcopy(docs[i]) for i in ids if i in docs}

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

    def __init__(self, rival: list[Delivery]) -> None:
        super().__init__()
        self.rival = rival

    async def save(self, collection: str, writes: Sequence[Write]) -> set[str]:
        if self.rival and collection == "smes":
            rival, self.rival = self.rival, []
            await Projector(self).apply_batch(rival)
        return await super().save(collection, writes)


def raw(event: Versioned) -> RawCloudEvent:
    _, data, version = event
    return RawCloudEvent.model_validate_json(make_event(data, version).to_json_bytes())


def delivered(event: RawCloudEvent, offset: int = 0) -> Delivery:
    return Delivery(Origin("topic", 0, offset, None), event, typed_data(event))


async def project(events: list[RawCloudEvent], batch: int = 1) -> dict[str, dict[str, Doc]]:
    store = InMemoryStore()
    projector = Projector(store)
    for start in range(0, len(events), batch):
        await projector.apply_batch([delivered(e) for e in events[start : start + batch]])
    return store.collections


def in_topic_order(index: int = 7) -> list[RawCloudEvent]:
    journey = sme_journey(index)
    return [raw(e) for e in reference_events() + [e for topic in journey.values() for e in topic]]


async def test_an_sme_journey_projects_into_every_read_model() -> None:
    state = await project(in_topic_order())
    sme = state["smes"]["sme-000000000007"]
    assert sme["registered"] is True
    assert sme["scale_class"] == "kecil"
    assert sme["naik_kelas_scale"] is True
    assert [h["to_class"] for h in sme["reg"]["scale_history"]] == ["mikro", "kecil"]
    assert sme["session_count"] == 3  # the correction replaced a session, it did not add one
    assert sme["topic_keuangan_akses_pembiayaan"] == 1
    assert sme["graduated"] is True
    assert sme["grad_scale_class"] is True
    assert sme["ms_halal_certified"] is True
    partnership = state["partnerships"]["partnership-000000000007"]
    assert partnership["status"] == "active"
    assert partnership["gross_sales"] == 6_000_000
    assert set(state) == {"smes", "partnerships", "mentors", "cohorts", "partners"}


async def test_applying_every_event_twice_changes_nothing() -> None:
    events = in_topic_order()
    once = await project(events)
    twice = await project([e for event in events for e in (event, event)])
    assert twice == once


async def test_a_batch_with_its_own_duplicates_projects_like_one_event_at_a_time() -> None:
    events = in_topic_order()
    doubled = [e for event in events for e in (event, event)]
    assert await project(doubled, batch=len(doubled)) == await project(events)


async def test_a_batch_reads_and_writes_each_collection_once() -> None:
    events = in_topic_order()
    store = InMemoryStore()
    projector = Projector(store)
    await projector.apply_batch([delivered(e, i) for i, e in enumerate(events)])
    assert store.collections == await project(events)
    assert (store.loads, store.saves) == (5, 5)  # smes, partnerships, mentors, cohorts, partners
    assert projector.counts["applied"] == len(events)


async def test_a_document_another_writer_changed_meanwhile_is_folded_again() -> None:
    events = in_topic_order()
    sme_events = [e for e in events if e.subject == "sme-000000000007"]
    store = RacedStore(rival=[delivered(e) for e in sme_events[:3]])
    projector = Projector(store)
    await projector.apply_batch([delivered(e) for e in events])
    assert store.collections == await project(events)
    assert projector.counts["applied"] + projector.counts["duplicate"] == len(events)
    assert projector.counts["duplicate"] == 3  # the rival applied those first


async def test_a_late_duplicate_of_an_old_event_is_dropped() -> None:
    events = in_topic_order()
    assert await project([*events, events[3], events[5]]) == await project(events)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    duplicates=st.integers(0, 6),
    batch=st.integers(1, 40),
)
async def test_any_interleaving_of_the_topics_in_any_batches_with_redeliveries_converges(
    seed: int, duplicates: int, batch: int
) -> None:
    rng = random.Random(seed)  # noqa: S311 - reproducible shuffles, not secrets
    journey = {k: [raw(e) for e in v] for k, v in sme_journey(11).items()}
    reference = [raw(e) for e in reference_events()]
    expected = await project(reference + [e for topic in journey.values() for e in topic])
    # Each topic keeps its own order (one partition); the topics interleave at random.
    queues = [list(q) for q in journey.values()] + [reference]
    interleaved: list[RawCloudEvent] = []
    while any(queues):
        queue = rng.choice([q for q in queues if q])
        interleaved.append(queue.pop(0))
    for _ in range(duplicates):  # redeliveries land anywhere after the original
        i = rng.randrange(len(interleaved))
        interleaved.insert(rng.randrange(i, len(interleaved)) + 1, interleaved[i])
    assert await project(interleaved, batch) == expected


async def test_an_event_of_a_type_it_does_not_know_is_skipped() -> None:
    event = in_topic_order()[0].model_copy(update={"type": "umkmjuara.other.Thing.v1"})
    store = InMemoryStore()
    projector = Projector(store)
    await projector.apply_batch([delivered(event)])
    assert store.collections == {}
    assert projector.counts["skipped"] == 1
