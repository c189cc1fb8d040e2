"""The programme's figures, projected in memory: programme dates, closed cohorts, dimensions."""

from collections import Counter
from datetime import UTC, date, datetime

from reporting.domain import figures
from reporting.domain.values import Doc
from reporting.service import Projector
from tests.unit.reporting.fakes import InMemoryStore, delivered, raw
from tests.unit.reporting.journeys import (
    COHORT,
    Versioned,
    mentor_id,
    reference_events,
    sme_id,
    sme_journey,
)
from umkm_shared.contracts.mentoring import CohortClosed
from umkm_shared.contracts.mentoring_progress import (
    GraduationDimension,
    MentorSessionLogged,
    SMEGraduated,
)
from umkm_shared.contracts.registration import SMERegistered
from umkm_shared.contracts.topics import Context

LATE = datetime(2022, 12, 1, 9, 0, tzinfo=UTC)
"""Processed well after the cohort closed."""
CLOSED_AT = datetime(2022, 10, 21, 2, 0, tzinfo=UTC)


async def project(*timed: tuple[list[Versioned], datetime]) -> dict[str, dict[str, Doc]]:
    """Project each group of events as processed at its time, one event at a time."""
    store = InMemoryStore()
    projector = Projector(store)
    for events, at in timed:
        for event in events:
            await projector.apply_batch([delivered(raw(event, at))])
    return store.collections


def daily(state: dict[str, dict[str, Doc]], clock: figures.Clock = "programme") -> list[Doc]:
    """The daily series as the query groups it: the SMEs' counted facts by series and day."""
    day = "on" if clock == "programme" else "day"
    dated = [d for doc in state["smes"].values() for d in doc["counted"]["dated"]]
    return figures.daily(Counter((d["series"], d[day]) for d in dated))


def total(state: dict[str, dict[str, Doc]], figure: str) -> int:
    """A card as the query sums it over the SMEs' counted figures."""
    return sum(int(doc["counted"][figure]) for doc in state["smes"].values())


def journey(index: int) -> list[Versioned]:
    return [e for topic in sme_journey(index).values() for e in topic]


def closed(version: int = 2) -> Versioned:
    return (
        Context.MENTORING,
        CohortClosed(
            cohort_id=COHORT,
            kabupaten_code="32.16",
            closed_on=date(2022, 10, 20),
            closed_at=CLOSED_AT,
            enrolled=1,
            graduated=1,
        ),
        version,
    )


def _late_session(index: int, version: int, day: date) -> Versioned:
    return (
        Context.MENTORING,
        MentorSessionLogged(
            session_id=f"session-{index:06x}eeeeee",
            cohort_id=COHORT,
            sme_id=sme_id(index),
            mentor_id=mentor_id(index % 6),
            session_date=day,
            duration_minutes=60,
            mode="daring",
            topics=["ekspor"],
        ),
        version,
    )


async def test_registrations_count_on_the_day_the_sme_joined_not_the_day_it_was_processed() -> None:
    registered = sme_journey(1)[Context.REGISTRATION][0]
    data = registered[1]
    assert isinstance(data, SMERegistered)
    migrated = {"joined_on": date(2022, 6, 2), "registered_at": LATE}  # from a spreadsheet
    joined = (Context.REGISTRATION, data.model_copy(update=migrated), 1)
    state = await project(([joined], LATE))
    programme = daily(state)
    processing = daily(state, "processing")
    assert [(r["day"], r["registered"]) for r in programme] == [("2022-06-02", 1)]
    assert [(r["day"], r["registered"]) for r in processing] == [("2022-12-01", 1)]


async def test_a_registration_without_joined_on_counts_on_its_registered_at_day_in_jakarta() -> (
    None
):
    registered = sme_journey(1)[Context.REGISTRATION][0]
    data = registered[1]
    assert isinstance(data, SMERegistered)
    evening = datetime(2022, 6, 19, 20, 0, tzinfo=UTC)  # 03:00 on 20 June in West Java
    old = (Context.REGISTRATION, data.model_copy(update={"registered_at": evening}), 1)
    state = await project(([old], LATE))
    assert [r["day"] for r in daily(state)] == ["2022-06-20"]


async def test_the_daily_series_dates_sessions_milestones_and_graduations_by_the_programme() -> (
    None
):
    state = await project((reference_events(), LATE), (journey(3), LATE))
    rows = {r["day"]: r for r in daily(state)}
    assert rows["2022-06-20"]["enrolled"] == 1
    assert rows["2022-07-01"]["sessions"] == 1
    assert rows["2022-08-12"]["milestones"] == 1
    assert rows["2022-10-20"]["graduated"] == 1
    assert rows["2022-10-20"]["sessions_total"] == 3
    assert "2022-12-01" not in rows


async def test_a_closed_cohort_counts_nothing_a_late_event_says_afterwards() -> None:
    state = await project(
        (reference_events(), CLOSED_AT),
        (journey(3), CLOSED_AT),
        ([closed()], CLOSED_AT),
        ([_late_session(3, 20, date(2022, 10, 1))], LATE),  # dated inside, processed after
        ([_late_session(4, 1, date(2022, 11, 2))], CLOSED_AT),  # dated after the end
    )
    assert state["cohorts"][COHORT]["status"] == "closed"
    assert total(state, "sessions") == 3
    assert total(state, "graduated") == 1


async def test_a_closed_cohort_reads_the_same_whichever_order_the_late_event_came_in() -> None:
    late = ([_late_session(3, 20, date(2022, 10, 1))], LATE)
    before = await project((reference_events(), CLOSED_AT), (journey(3), CLOSED_AT), late)
    after = await project(
        (reference_events(), CLOSED_AT), (journey(3), CLOSED_AT), ([closed()], CLOSED_AT), late
    )
    cohort_closed_later = await project(
        (reference_events(), CLOSED_AT), (journey(3), CLOSED_AT), late, ([closed()], CLOSED_AT)
    )
    assert cohort_closed_later["smes"] == after["smes"]
    assert total(after, "sessions") == 3
    assert total(before, "sessions") == 4  # still open: it counts


async def test_graduates_are_counted_on_every_dimension_they_moved_up_on() -> None:
    dims = ("digital_onboarding", "export_readiness", "formal_licensing")
    graduated = SMEGraduated(
        cohort_id=COHORT,
        sme_id=sme_id(5),
        graduated_on=date(2022, 10, 1),
        dimensions=[
            GraduationDimension(dimension=d, before="belum", after="sudah", evidence=["doc://x"])
            for d in dims
        ],
        sessions_logged=3,
        policy_version="graduation.v2",
        decided_by="policy",
    )
    events = [e for e in journey(5) if not isinstance(e[1], SMEGraduated)]
    state = await project(([*events, (Context.MENTORING, graduated, 99)], LATE))
    [counted] = [doc["counted"] for doc in state["smes"].values()]
    assert counted["dimensions"] == dict.fromkeys(dims, 1)
    assert counted["milestones"] == {"halal_certified": 1}
    assert counted["naik_kelas_scale"] == 1  # moved mikro -> kecil: a different figure


def test_a_closed_cohorts_mentor_counts_the_30_days_up_to_the_cohort_end_not_today() -> None:
    mentor = mentor_id(0)
    assigned: dict[tuple[str, str | None], int] = {(mentor, COHORT): 1}
    sessions: dict[tuple[str, str | None, str], int] = {
        (mentor, COHORT, f"2022-10-0{day}"): 1 for day in (1, 2, 3)
    }
    sessions[mentor, COHORT, "2022-07-01"] = 2
    ends = {COHORT: "2022-10-20"}
    work = figures.mentor_figures(assigned, sessions, ends, today=date(2026, 12, 1))
    assert (work[mentor].as_of, work[mentor].sessions_30d) == ("2022-10-20", 3)
    assert (work[mentor].assigned, work[mentor].sessions_total) == (1, 5)
    running = figures.mentor_figures(assigned, sessions, ends, today=date(2022, 10, 5))
    assert (running[mentor].as_of, running[mentor].sessions_30d) == ("2022-10-05", 3)
    unknown_cohort = figures.mentor_figures(assigned, sessions, {}, today=date(2026, 12, 1))
    assert unknown_cohort[mentor].sessions_30d == 0
