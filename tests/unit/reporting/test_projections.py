"""Whole journeys, projected in memory: every read model, idempotence, interleavings."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from reporting.domain.values import Doc
from reporting.service import Projector
from tests.unit.reporting.fakes import InMemoryStore, delivered, raw
from tests.unit.reporting.journeys import reference_events, sme_journey
from umkm_shared.contracts.envelope import RawCloudEvent


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
    assert sum("keuangan_akses_pembiayaan" in s["topics"] for s in sme["session_log"]) == 1
    assert sme["graduated"] is True
    assert sme["graduated_dimensions"] == ["scale_class"]
    assert [m["milestone"] for m in sme["milestone_log"]] == ["halal_certified"]
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
    # Each of smes, partnerships, mentors, cohorts, partners once; and the SMEs' cohorts before
    # and after writing them (their figures are frozen at a closed cohort's cutoff).
    assert (store.loads, store.saves) == (7, 5)
    assert projector.counts["applied"] == len(events)


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
