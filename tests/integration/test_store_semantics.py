"""What the code relies on from its store, checked against the store the tests run on.

These are MongoDB's guarantees (production runs MongoDB 8); the local Mongo-wire server must
give the same answers, or the platform's correctness arguments do not hold on it.
"""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pymongo import AsyncMongoClient, InsertOne, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from tests.infra import Infra

Doc = dict[str, Any]


@pytest.fixture
async def col(infra: Infra, namespace: str) -> AsyncIterator[AsyncCollection[Doc]]:
    client: AsyncMongoClient[Doc] = AsyncMongoClient(infra.mongodb_url)
    yield client[f"{namespace}store"]["docs"]
    await client.drop_database(f"{namespace}store")
    await client.close()


async def test_of_two_concurrent_compare_and_set_writers_exactly_one_wins(
    col: AsyncCollection[Doc],
) -> None:
    await col.insert_many([{"_id": f"d{i}", "rev": 0} for i in range(50)])

    async def write(doc_id: str, who: str) -> int:
        result = await col.update_one({"_id": doc_id, "rev": 0}, {"$set": {"rev": 1, "by": who}})
        return result.modified_count

    for i in range(50):
        won = await asyncio.gather(write(f"d{i}", "a"), write(f"d{i}", "b"))
        assert sorted(won) == [0, 1]


async def test_concurrent_increments_on_one_document_are_all_kept(
    col: AsyncCollection[Doc],
) -> None:
    await col.insert_one({"_id": "counter", "n": 0})

    async def writer() -> None:
        for _ in range(20):
            await col.update_one({"_id": "counter"}, {"$inc": {"n": 1}})

    await asyncio.gather(*(writer() for _ in range(10)))

    assert (await col.find_one({"_id": "counter"}) or {})["n"] == 200


async def test_a_pull_by_condition_and_a_concurrent_push_lose_nothing(
    col: AsyncCollection[Doc],
) -> None:
    await col.insert_one({"_id": "agg", "outbox": [{"event_id": f"e{i}"} for i in range(100)]})

    async def relay() -> None:
        for i in range(0, 100, 10):
            ids = [f"e{j}" for j in range(i, i + 10)]
            await col.update_one({"_id": "agg"}, {"$pull": {"outbox": {"event_id": {"$in": ids}}}})

    async def writer() -> None:
        for i in range(100, 150):
            await col.update_one({"_id": "agg"}, {"$push": {"outbox": {"event_id": f"e{i}"}}})

    await asyncio.gather(relay(), writer())

    left = (await col.find_one({"_id": "agg"}) or {})["outbox"]
    assert [e["event_id"] for e in left] == [f"e{i}" for i in range(100, 150)]


async def test_one_bulk_write_applies_a_thousand_upserts(col: AsyncCollection[Doc]) -> None:
    ops = [UpdateOne({"_id": f"sme-{i}"}, {"$set": {"n": i}}, upsert=True) for i in range(1000)]

    result = await col.bulk_write(ops, ordered=False)

    assert result.upserted_count == 1000
    assert await col.count_documents({}) == 1000


async def test_a_group_computes_every_accumulator_and_conditional_sums(
    col: AsyncCollection[Doc],
) -> None:
    await col.bulk_write(
        [InsertOne({"_id": i, "kab": "32.16" if i % 2 else "32.04", "s": i}) for i in range(10)]
    )

    cursor = await col.aggregate(
        [
            {
                "$group": {
                    "_id": {"kab": "$kab"},
                    "n": {"$sum": 1},
                    "total": {"$sum": "$s"},
                    "big": {"$sum": {"$cond": [{"$gte": ["$s", 5]}, 1, 0]}},
                }
            },
            {"$sort": {"_id.kab": 1}},
        ]
    )
    groups = [g async for g in cursor]

    assert groups == [
        {"_id": {"kab": "32.04"}, "n": 5, "total": 20, "big": 2},
        {"_id": {"kab": "32.16"}, "n": 5, "total": 25, "big": 3},
    ]


async def test_a_unique_violation_inside_an_update_is_error_11000(
    col: AsyncCollection[Doc],
) -> None:
    await col.create_index("nib", unique=True, sparse=True)
    await col.insert_many([{"_id": "a", "nib": "9120001234501"}, {"_id": "b"}])

    with pytest.raises(DuplicateKeyError) as caught:
        await col.update_one({"_id": "b"}, {"$set": {"nib": "9120001234501"}})

    assert caught.value.code == 11000
