"""A replay's rules: a projection bug told apart from lag, a passing failure outlasted."""

from collections.abc import Sequence

import pytest
from pymongo.errors import AutoReconnect

from reporting.adapters.replay import Difference, apply_until_done, compare
from reporting.domain.store import Write
from reporting.domain.values import Doc
from reporting.service import Projector
from tests.unit.reporting.fakes import InMemoryStore, delivered, raw
from tests.unit.reporting.journeys import sme_id, sme_journey
from umkm_shared.contracts.topics import Context

REGISTRATION = sme_journey(1)[Context.REGISTRATION]


class FailingStore(InMemoryStore):
    """The first `failures` saves raise `error` (the store away, or a bug)."""

    def __init__(self, error: Exception, failures: int) -> None:
        super().__init__()
        self.error, self.failures = error, failures

    async def save(self, collection: str, writes: Sequence[Write]) -> set[str]:
        if self.failures:
            self.failures -= 1
            raise self.error
        return await super().save(collection, writes)


def _sme(version: int, name: str = "Usaha Contoh") -> Doc:
    return {"_id": "sme-1", "applied": {"registration": version}, "business_name": name}


def test_equal_generations_do_not_differ() -> None:
    assert compare({"sme-1": _sme(2)}, {"sme-1": _sme(2)}) == Difference()


def test_the_same_versions_with_other_content_diverge() -> None:
    assert compare({"sme-1": _sme(2)}, {"sme-1": _sme(2, "Rusak")}) == Difference(diverged=1)


def test_a_document_one_generation_has_applied_more_to_is_in_flight() -> None:
    assert compare({"sme-1": _sme(3, "Baru")}, {"sme-1": _sme(2)}) == Difference(in_flight=1)


def test_a_document_only_one_generation_has_is_in_flight() -> None:
    assert compare({}, {"sme-1": _sme(1)}) == Difference(in_flight=1)
    assert compare({"sme-1": _sme(1)}, {}) == Difference(in_flight=1)


def test_a_guard_only_one_generation_has_applied_is_in_flight() -> None:
    mentored = {**_sme(2), "applied": {"registration": 2, "mentoring": 1}}
    assert compare({"sme-1": mentored}, {"sme-1": _sme(2)}) == Difference(in_flight=1)


async def test_a_replayed_batch_is_applied_again_until_the_store_is_back() -> None:
    store = FailingStore(AutoReconnect("mongo restarting"), failures=2)
    await apply_until_done(Projector(store), [delivered(raw(e)) for e in REGISTRATION], delay=0)
    assert store.collections["smes"][sme_id(1)]["applied"] == {"registration": 2}


async def test_a_replayed_batch_that_fails_for_good_stops_the_replay() -> None:
    store = FailingStore(KeyError("scale_class"), failures=1)
    with pytest.raises(KeyError):
        await apply_until_done(Projector(store), [delivered(raw(REGISTRATION[0]))], delay=0)
