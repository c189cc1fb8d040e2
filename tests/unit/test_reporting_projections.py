"""The projections, pure, against an in-memory store: idempotence and interleavings."""

import copy
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from reporting.projector import Projector
from reporting.store import ConcurrentWriteError, Doc, ReadModelStore
from tests.integration.reporting_support import Versioned, reference_events, sme_journey
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.contracts.envelope import RawCloudEvent


class InMemoryStore(ReadModelStore):
    """A fake of the port: dicts of documents, compare-and-set on the previous document."""

    def __init__(self) -> None:
        self.collections: dict[str, dict[str, Doc]] = {}

    async def get(self, collection: str, doc_id: str) -> Doc | None:
        found = self.collections.get(collection, {}).get(doc_id)
        return copy.deepcopy(found)

    async def put(self, collection: str, doc: Doc, previous: Doc | None) -> None:
        docs = self.collections.setdefault(collection, {})
        if docs.get(doc["_id"]) != previous:
            raise ConcurrentWriteError(doc["_id"])
        docs[doc["_id"]] = copy.deepcopy(doc)


def raw(event: Versioned) -> RawCloudEvent:
    _, data, version = event
    return RawCloudEvent.model_validate_json(make_event(data, version).to_json_bytes())


async def project(events: list[RawCloudEvent]) -> dict[str, dict[str, Doc]]:
    store = InMemoryStore()
    projector = Projector(store)
    for event in events:
        await projector.apply(event)
    return store.collections


def in_topic_order(index: int = 7) -> list[RawCloudEvent]:
    journey = sme_journey(index)
    return [raw(e) for e in reference_events() + [e for topic in journey.values() for e in topic]]


async def test_an_sme_journey_projects_into_every_read_model() -> None:
    state = await project(in_topic_order())
    sme = state["smes"]["sme-000000000007"]
    assert sme["registered"] == 1
    assert sme["scale_class"] == "kecil"
    assert sme["naik_kelas_scale"] == 1
    assert [h["to_class"] for h in sme["reg"]["scale_history"]] == ["mikro", "kecil"]
    assert sme["session_count"] == 3  # the correction replaced a session, it did not add one
    assert sme["topic_keuangan_akses_pembiayaan"] == 1
    assert sme["graduated"] == 1
    assert sme["grad_scale_class"] == 1
    assert sme["ms_halal_certified"] == 1
    partnership = state["partnerships"]["partnership-000000000007"]
    assert partnership["status"] == "active"
    assert partnership["gross_sales"] == 6_000_000
    assert set(state) == {"smes", "partnerships", "mentors", "cohorts", "partners"}


async def test_applying_every_event_twice_changes_nothing() -> None:
    events = in_topic_order()
    once = await project(events)
    twice = await project([e for event in events for e in (event, event)])
    assert twice == once


async def test_a_late_duplicate_of_an_old_event_is_dropped() -> None:
    events = in_topic_order()
    assert await project([*events, events[3], events[5]]) == await project(events)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), duplicates=st.integers(0, 6))
async def test_any_interleaving_of_the_topics_with_redeliveries_converges(
    seed: int, duplicates: int
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
    assert await project(interleaved) == expected


async def test_an_event_of_a_type_it_does_not_know_is_skipped() -> None:
    event = in_topic_order()[0].model_copy(update={"type": "umkmjuara.other.Thing.v1"})
    store = InMemoryStore()
    projector = Projector(store)
    await projector.apply(event)
    assert store.collections == {}
    assert projector.counts["skipped"] == 1
