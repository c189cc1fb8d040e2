"""The store's semantics the code relies on, each checked the way MongoDB guarantees it."""

import asyncio
from typing import Any

from pymongo import ASCENDING, AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import OperationFailure

Doc = dict[str, Any]


async def concurrent_inc(db: AsyncDatabase[Doc], writers: int = 10, each: int = 20) -> int:
    """`writers` concurrent writers, `each` $inc of one field of one document: the final value."""
    await db.counters.replace_one({"_id": "c"}, {"_id": "c", "n": 0}, upsert=True)

    async def writer() -> None:
        for _ in range(each):
            await db.counters.update_one({"_id": "c"}, {"$inc": {"n": 1}})

    await asyncio.gather(*(writer() for _ in range(writers)))
    doc = await db.counters.find_one({"_id": "c"})
    return int(doc["n"]) if doc else -1


async def group_two_accumulators(db: AsyncDatabase[Doc], docs: int = 1_000) -> str:
    """$group with $sum of 1 and $sum of a field: "correct", or what came back instead."""
    await db.grouped.drop()
    await db.grouped.insert_many([{"_id": i, "k": i % 10, "v": i} for i in range(docs)])
    pipeline = [{"$group": {"_id": "$k", "n": {"$sum": 1}, "total": {"$sum": "$v"}}}]
    got = {d["_id"]: (d["n"], d["total"]) async for d in await db.grouped.aggregate(pipeline)}
    want = {k: (docs // 10, sum(range(k, docs, 10))) for k in range(10)}
    return "correct" if got == want else f"wrong: {sorted(got.items())[:2]}"


async def unique_violation_in_update(db: AsyncDatabase[Doc]) -> int | None:
    """The error code when an update breaks a unique index (MongoDB: 11000)."""
    await db.uniq.drop()
    await db.uniq.create_index([("u", ASCENDING)], unique=True)
    await db.uniq.insert_many([{"_id": 1, "u": 1}, {"_id": 2, "u": 2}])
    try:
        await db.uniq.update_one({"_id": 2}, {"$set": {"u": 1}})
    except OperationFailure as failure:
        return failure.code
    return None


async def compare_and_set(url: str, trials: int = 20) -> str:
    """Two writers (own connections) set rev 0 -> 1 at once: trials where exactly one won."""
    clients: list[AsyncMongoClient[Doc]] = [AsyncMongoClient(url) for _ in range(2)]
    try:
        one_winner = 0
        for t in range(trials):
            await clients[0].bench_store.cas.replace_one(
                {"_id": t}, {"_id": t, "rev": 0}, upsert=True
            )
            results = await asyncio.gather(
                *(
                    c.bench_store.cas.update_one(
                        {"_id": t, "rev": 0}, {"$set": {"rev": 1, "by": w}, "$inc": {"wins": 1}}
                    )
                    for w, c in enumerate(clients)
                )
            )
            one_winner += sum(r.modified_count for r in results) == 1
        return f"{one_winner}/{trials}"
    finally:
        for client in clients:
            await client.close()
