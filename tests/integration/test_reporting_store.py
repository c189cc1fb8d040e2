"""The projector's store on the real Mongo-wire server: guarded bulk writes and indexes."""

import asyncio
from collections.abc import AsyncIterator

import pytest
from pymongo.asynchronous.database import AsyncDatabase

from reporting.adapters.generations import LiveGeneration
from reporting.adapters.indexes import ensure_indexes
from reporting.adapters.mongo_store import MongoStore
from reporting.domain.store import Write
from reporting.domain.values import Doc
from reporting.service import Projector
from tests.infra import Infra
from tests.unit.reporting.journeys import cohort_events
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.messaging.batch_consumer import Delivery, decode_delivery
from umkm_shared.messaging.dead_letters import Origin
from umkm_shared.mongo import connect


@pytest.fixture
async def db(infra: Infra, namespace: str) -> AsyncIterator[AsyncDatabase[Doc]]:
    client = connect(infra.mongodb_url)
    database = client.get_database(f"{namespace}reporting")
    await ensure_indexes(database, "g0001")
    yield database
    await client.drop_database(database.name)
    await client.close()


def _store(db: AsyncDatabase[Doc]) -> MongoStore:
    return MongoStore(db, LiveGeneration(db, refresh=3600).current)


def _deliveries(smes: int) -> list[Delivery]:
    return [
        decode_delivery(Origin("topic", 0, i, None), make_event(data, version).to_json_bytes())
        for i, (_, data, version) in enumerate(cohort_events(smes, mentors=2))
    ]


async def test_of_two_writers_from_the_same_revision_exactly_one_wins(
    db: AsyncDatabase[Doc],
) -> None:
    store = _store(db)
    assert await store.save("smes", [Write({"_id": "sme-1", "n": 0}, None)]) == set()
    [read] = (await store.load("smes", ["sme-1"])).values()
    results = await asyncio.gather(
        store.save("smes", [Write({"_id": "sme-1", "n": 1}, read)]),
        store.save("smes", [Write({"_id": "sme-1", "n": 2}, read)]),
    )
    assert sorted(results, key=len) == [set(), {"sme-1"}]
    [stored] = (await store.load("smes", ["sme-1"])).values()
    assert stored["n"] in {1, 2}
    assert stored["_rev"] == 2


async def test_a_document_inserted_meanwhile_is_reported_lost_not_raised(
    db: AsyncDatabase[Doc],
) -> None:
    store = _store(db)
    await store.save("smes", [Write({"_id": "sme-2", "n": 0}, None)])
    lost = await store.save(
        "smes", [Write({"_id": "sme-2", "n": 1}, None), Write({"_id": "sme-3", "n": 1}, None)]
    )
    assert lost == {"sme-2"}
    assert set(await store.load("smes", ["sme-2", "sme-3"])) == {"sme-2", "sme-3"}


async def test_two_projectors_racing_over_the_same_batches_store_each_event_once(
    db: AsyncDatabase[Doc],
) -> None:
    batch = _deliveries(40)
    one, two = Projector(_store(db)), Projector(_store(db))

    async def in_order(projector: Projector) -> None:  # as a member reads a partition
        for i in range(0, len(batch), 50):
            await projector.apply_batch(batch[i : i + 50])

    await asyncio.gather(in_order(one), in_order(two))
    alone_db = db.client.get_database(f"{db.name}-alone")
    await Projector(_store(alone_db)).apply_batch(batch)
    for name in ("smes", "partnerships", "mentors", "cohorts", "partners"):
        raced = {d["_id"]: _state(d) async for d in db[f"{name}__g0001"].find()}
        alone = {d["_id"]: _state(d) async for d in alone_db[f"{name}__g0001"].find()}
        assert raced == alone, name
    await db.client.drop_database(alone_db.name)
    # Each accounts for every event once: applied by it, or found applied already.
    assert one.counts["applied"] + one.counts["duplicate"] == len(batch)
    assert two.counts["applied"] + two.counts["duplicate"] == len(batch)


async def test_every_query_filter_has_an_index(db: AsyncDatabase[Doc]) -> None:
    smes = await db["smes__g0001"].index_information()
    parts = await db["partnerships__g0001"].index_information()
    sme_keys = {spec["key"][0][0] for spec in smes.values()}
    part_keys = {spec["key"][0][0] for spec in parts.values()}
    filters = {"kabupaten_code", "kecamatan_code", "cohort_id", "mentor_id", "status", "graduated"}
    assert filters <= sme_keys
    assert {"partner_id", "pattern", "status", "sme_id"} <= part_keys


def _state(doc: Doc) -> Doc:
    return {k: v for k, v in doc.items() if k != "_rev"}
