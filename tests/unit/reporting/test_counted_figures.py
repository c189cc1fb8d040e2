"""Each SME's figures frozen at projection time: whatever order the closing arrives in."""

import random
from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from reporting.domain.counted import COHORT_GUARD, counted
from reporting.domain.figures import Cutoff
from reporting.domain.values import Doc
from reporting.service import Projector
from tests.unit.reporting.fakes import InMemoryStore, RacedStore, delivered, raw
from tests.unit.reporting.journeys import (
    COHORT,
    mentor_id,
    reference_events,
    sme_id,
    sme_journey,
)
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.contracts.mentoring import CohortClosed
from umkm_shared.contracts.mentoring_progress import MentorSessionLogged
from umkm_shared.contracts.topics import Context

CLOSED_AT = datetime(2022, 10, 21, 2, 0, tzinfo=UTC)
LATE = datetime(2022, 12, 1, 9, 0, tzinfo=UTC)


def closing() -> RawCloudEvent:
    closed = CohortClosed(
        cohort_id=COHORT,
        kabupaten_code="32.16",
        closed_on=date(2022, 10, 20),
        closed_at=CLOSED_AT,
        enrolled=2,
        graduated=1,
    )
    return raw((Context.MENTORING, closed, 2), CLOSED_AT)


def late_session(index: int) -> RawCloudEvent:
    """A session dated inside the cohort, processed after it closed."""
    session = MentorSessionLogged(
        session_id=f"session-{index:06x}eeeeee",
        cohort_id=COHORT,
        sme_id=sme_id(index),
        mentor_id=mentor_id(index % 6),
        session_date=date(2022, 10, 1),
        duration_minutes=60,
        mode="daring",
        topics=["ekspor"],
    )
    return raw((Context.MENTORING, session, 50), LATE)


def journey(index: int) -> list[RawCloudEvent]:
    return [raw(e, CLOSED_AT) for topic in sme_journey(index).values() for e in topic]


def reference() -> list[RawCloudEvent]:
    return [raw(e, CLOSED_AT) for e in reference_events()]


async def project(events: list[RawCloudEvent], batch: int = 1) -> dict[str, dict[str, Doc]]:
    store = InMemoryStore()
    projector = Projector(store)
    for start in range(0, len(events), batch):
        await projector.apply_batch([delivered(e) for e in events[start : start + batch]])
    return store.collections


def test_a_closed_cohorts_cutoff_leaves_out_facts_dated_or_processed_after_it() -> None:
    doc: Doc = {
        "_id": sme_id(1),
        "cohort_id": COHORT,
        "enrolled": True,
        "enrolled_on": "2022-06-20",
        "enrolled_at": "2022-06-20T09:00:00+07:00",
        "mentor_log": [{"mentor_id": mentor_id(1), "at": "2022-06-21T09:00:00+07:00"}],
        "session_log": [
            {"date": "2022-07-01", "mentor_id": mentor_id(1), "at": "2022-07-01", "topics": ["a"]},
            {"date": "2022-10-01", "mentor_id": mentor_id(1), "at": "2022-12-01", "topics": ["b"]},
            {"date": "2022-11-01", "mentor_id": mentor_id(1), "at": "2022-11-01", "topics": ["c"]},
        ],
        "milestone_log": [{"milestone": "export_ready", "on": "1900-01-01", "at": "2022-08-01"}],
    }
    open_cohort = counted(doc, None)
    frozen = counted(doc, Cutoff("2022-10-20", "2022-10-21T09:00:00+07:00"))
    assert (open_cohort["sessions"], open_cohort["topics"]) == (3, {"a": 1, "b": 1, "c": 1})
    assert (frozen["sessions"], frozen["topics"], frozen["mentored"]) == (1, {"a": 1}, 1)
    assert frozen["milestones"] == {"export_ready": 1}  # dated before the end: it counts
    assert (frozen["enrolled"], frozen["registered"], frozen["active_mentor"]) == (1, 0, None)
    assert frozen["assigned_mentor"] == mentor_id(1)  # enrolled, not registered yet
    assert [d["series"] for d in frozen["dated"]] == ["enrolled", "sessions", "milestones"]


async def test_an_sme_projected_after_its_cohort_closed_is_frozen_like_one_projected_before() -> (
    None
):
    closed_first = await project([*reference(), closing(), *journey(3), late_session(3)])
    closed_last = await project([*reference(), *journey(3), late_session(3), closing()])
    assert closed_first["smes"] == closed_last["smes"]
    sme = closed_last["smes"][sme_id(3)]
    assert (sme["session_count"], sme["counted"]["sessions"]) == (4, 3)


async def test_a_closed_cohorts_smes_name_the_closing_they_are_frozen_at() -> None:
    still_open = await project([*reference(), *journey(3)])
    assert COHORT_GUARD not in still_open["smes"][sme_id(3)]["applied"]
    closed = await project([*reference(), *journey(3), closing()])
    assert closed["smes"][sme_id(3)]["applied"][COHORT_GUARD] == 2


async def test_an_sme_written_while_its_cohort_closed_is_frozen_all_the_same() -> None:
    # The closing lands between the SME batch's read of its cohort and its write.
    store = RacedStore([delivered(closing())])
    await Projector(store).apply_batch([delivered(e) for e in [*reference(), *journey(3)]])
    expected = await project([*reference(), *journey(3), closing()])
    assert store.collections["smes"] == expected["smes"]


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), batch=st.integers(1, 30))
async def test_any_interleaving_with_the_cohort_closing_converges(seed: int, batch: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - reproducible shuffles, not secrets
    # Each topic keeps its order (one partition per SME; the cohort's events on another).
    topics = [
        [raw(e, CLOSED_AT) for e in topic] for i in (3, 4) for topic in sme_journey(i).values()
    ]
    topics[1].append(late_session(3))  # SME 3's mentoring topic
    cohort = [*reference(), closing()]
    expected = await project([*cohort, *(e for topic in topics for e in topic)], batch=100)
    queues = [*topics, cohort]
    interleaved: list[RawCloudEvent] = []
    while any(queues):
        queue = rng.choice([q for q in queues if q])
        interleaved.append(queue.pop(0))
    assert (await project(interleaved, batch))["smes"] == expected["smes"]
