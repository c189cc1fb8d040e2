"""The projector's rules, over the in-memory store: one write per document, exactly once."""

from datetime import UTC, datetime

from reporting.domain.values import Doc
from reporting.service import Projector
from tests.unit.reporting.fakes import InMemoryStore, RacedStore, delivered, raw
from tests.unit.reporting.journeys import Versioned, sme_id, sme_journey
from umkm_shared.contracts.registration import SMEWithdrawn
from umkm_shared.contracts.topics import Context

SME = sme_id(3)
JOURNEY = sme_journey(3, sessions=2, partner=False)
REGISTRATION = JOURNEY[Context.REGISTRATION]  # registered v1, scale changed v2
MENTORING = JOURNEY[Context.MENTORING]


async def _apply(projector: Projector, *batches: list[Versioned]) -> None:
    for batch in batches:
        await projector.apply_batch([delivered(raw(e)) for e in batch])


async def _sme(*batches: list[Versioned]) -> tuple[Doc, Projector]:
    store = InMemoryStore()
    projector = Projector(store)
    await _apply(projector, *batches)
    return store.collections["smes"][SME], projector


async def test_an_event_the_document_has_applied_already_is_a_duplicate_and_changes_nothing() -> (
    None
):
    once, _ = await _sme(REGISTRATION)
    twice, projector = await _sme(REGISTRATION, REGISTRATION)
    assert twice == once
    assert projector.counts == {"applied": 2, "duplicate": 2}


async def test_a_version_older_than_the_last_applied_one_is_dropped() -> None:
    sme, projector = await _sme(REGISTRATION, REGISTRATION[:1])
    assert sme["scale_class"] == "kecil"  # the re-delivered registration did not undo v2
    assert sme["applied"] == {"registration": 2}
    assert projector.counts["duplicate"] == 1


async def test_the_topics_of_one_sme_in_either_order_give_the_same_document() -> None:
    registration_first, _ = await _sme(REGISTRATION, MENTORING)
    mentoring_first, _ = await _sme(MENTORING, REGISTRATION)
    assert mentoring_first == registration_first
    assert registration_first["applied"] == {"registration": 2, "mentoring": len(MENTORING)}


async def test_mentoring_before_registration_keeps_the_sme_unregistered_until_it_arrives() -> None:
    sme, _ = await _sme(MENTORING)
    assert (sme["registered"], sme["enrolled"], sme["session_count"]) == (False, True, 2)


async def test_a_write_that_lost_its_compare_and_set_is_folded_again_over_the_winner() -> None:
    rival = [delivered(raw(e)) for e in MENTORING[:2]]
    store = RacedStore(rival)
    projector = Projector(store)
    await _apply(projector, REGISTRATION + MENTORING)
    expected, _ = await _sme(REGISTRATION + MENTORING)
    assert store.collections["smes"][SME] == expected
    applied = len(REGISTRATION) + len(MENTORING) - 2  # the rival applied two of them first
    assert projector.counts == {"applied": applied, "duplicate": 2}
    assert store.saves == 3  # the rival's write, the lost one, the re-folded one


async def test_a_withdrawal_marks_the_sme_withdrawn_and_keeps_its_history() -> None:
    withdrawn = SMEWithdrawn(
        sme_id=SME, reason="Usaha tutup", withdrawn_at=datetime(2022, 11, 15, 7, tzinfo=UTC)
    )
    sme, _ = await _sme(REGISTRATION, MENTORING, [(Context.REGISTRATION, withdrawn, 3)])
    assert (sme["status"], sme["withdrawn"]) == ("withdrawn", True)
    assert sme["reg"]["withdrawn_on"] == "2022-11-15"
    assert sme["reg"]["withdrawal_reason"] == "Usaha tutup"
    assert (sme["scale_class"], sme["session_count"]) == ("kecil", 2)


async def test_an_event_of_a_type_it_does_not_know_is_skipped() -> None:
    event = raw(REGISTRATION[0]).model_copy(update={"type": "umkmjuara.other.Thing.v1"})
    store = InMemoryStore()
    projector = Projector(store)
    await projector.apply_batch([delivered(event)])
    assert store.collections == {}
    assert projector.counts == {"skipped": 1}
