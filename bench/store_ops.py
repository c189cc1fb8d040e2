"""The issue's store table for the shipped Mongo-wire server: cost per operation and semantics.

    .venv/bin/python -m bench.store_ops [--backend memory,h2] [--docs 13000,100000]

Starts its own server per backend (devstack's launcher) on a free port, so nothing else
writes meanwhile. ~1 KB documents with string `_id`; medians of repeated operations.
"""

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

from pymongo import ASCENDING, AsyncMongoClient, ReplaceOne, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection

from bench import store_checks
from bench.stats import timings_ms
from bench.store_server import own_store
from devstack.mongojava import Backend

Doc = dict[str, Any]


def document(i: int) -> Doc:
    """About 1 KB, like an SME document."""
    return {
        "_id": f"sme-{i:07d}",
        "ref": f"ref-{i:07d}",
        "code": f"code-{i:07d}",
        "n": 0,
        "kabupaten_code": "32.16",
        "payload": "x" * 900,
    }


async def median_ms(ops: int, op: Callable[[int], Awaitable[object]]) -> float:
    """Median milliseconds of `ops` calls of `op(i)`."""
    return round(statistics.median(await timings_ms(ops, op)), 2)


async def fill(col: AsyncCollection[Doc], first: int, last: int, batch: int = 1_000) -> float:
    """Bulk upserts of documents first..last-1; seconds taken."""
    started = time.perf_counter()
    for i in range(first, last, batch):
        ops = [
            ReplaceOne({"_id": d["_id"]}, d, upsert=True)
            for d in map(document, range(i, min(i + batch, last)))
        ]
        await col.bulk_write(ops, ordered=False)
    return time.perf_counter() - started


async def measure(url: str, small: int, large: int) -> dict[str, object]:
    """Every row of the table against the server at `url`."""
    client: AsyncMongoClient[Doc] = AsyncMongoClient(url)
    try:
        db = client.bench_store
        col = db.smes
        await col.create_index([("ref", ASCENDING)])  # non-unique
        await col.create_index([("code", ASCENDING)], unique=True)
        out: dict[str, object] = {}
        seconds = await fill(col, 0, small)
        n = small

        def replace(i: int) -> Awaitable[object]:
            return col.replace_one({"_id": f"sme-{i * 7919 % n:07d}"}, document(i * 7919 % n))

        out[f"replace_one_by_id_ms_{small}"] = await median_ms(200, replace)
        seconds += await fill(col, small, large)
        n = large
        out[f"replace_one_by_id_ms_{large}"] = await median_ms(200, replace)
        out["bulk_upsert_docs_per_s"] = round(large / seconds, 1)
        out[f"find_one_by_indexed_field_ms_{large}"] = await median_ms(
            20, lambda i: col.find_one({"ref": f"ref-{i * 4099 % large:07d}"})
        )
        out[f"find_one_by_unique_indexed_field_ms_{large}"] = await median_ms(
            20, lambda i: col.find_one({"code": f"code-{i * 4099 % large:07d}"})
        )
        batch = [f"sme-{i * 7919 % large:07d}" for i in range(500)]
        # What a batched projection reads: one `$in` on `_id` per batch.
        out[f"find_500_ids_by_in_ms_{large}"] = await median_ms(
            5, lambda _: col.find({"_id": {"$in": batch}}).to_list()
        )
        updates = [UpdateOne({"_id": f"sme-{i:07d}"}, {"$inc": {"n": 1}}) for i in range(1_000)]
        out["bulk_write_1000_updates_ms"] = await median_ms(3, lambda _: col.bulk_write(updates))
        out["ten_writers_x20_inc_result"] = await store_checks.concurrent_inc(db)
        out["group_two_accumulators"] = await store_checks.group_two_accumulators(db)
        out["unique_violation_in_update_code"] = await store_checks.unique_violation_in_update(db)
        out["compare_and_set_one_winner"] = await store_checks.compare_and_set(url)
        return out
    finally:
        await client.drop_database("bench_store")
        await client.close()


async def on_backend(backend: Backend, small: int, large: int) -> dict[str, object]:
    """Start a server with `backend`, measure, stop it."""
    async with own_store(backend, "umkm-store-") as url:
        return await measure(url, small, large)


def show(table: dict[str, dict[str, object]]) -> None:
    """One column per backend."""
    backends = list(table)
    rows = list(next(iter(table.values()))) if table else []
    print(f"  {'':<42}" + "".join(f"{b:>16}" for b in backends))
    for row in rows:
        print(f"  {row:<42}" + "".join(f"{table[b].get(row)!s:>16}" for b in backends))


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="memory,h2")
    parser.add_argument("--docs", default="13000,100000", help="small,large")
    args = parser.parse_args()
    small, large = (int(x) for x in args.docs.split(","))
    table = {b: asyncio.run(on_backend(b, small, large)) for b in args.backend.split(",")}
    show(table)


if __name__ == "__main__":
    main()
