"""What single-document operations cost on FerretDB v1 as a collection grows.

    .venv/bin/python -m bench.bench_ferretdb_ops [--docs 13000] [--ops 50]

Starts the local stack, fills a collection with SME-sized documents that each hold one
pending outbox entry, and prints milliseconds per operation for the operations the outbox
relay and the services use. It asserts nothing about speed.
"""

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from pymongo import AsyncMongoClient

from devstack.stack import LocalStack


async def _time(label: str, ops: int, op: Callable[[int], Awaitable[Any]]) -> None:
    start = time.perf_counter()
    for i in range(ops):
        await op(i)
    print(f"  {label:<34} {(time.perf_counter() - start) / ops * 1000:8.1f} ms/op")


async def bench(docs: int, ops: int) -> None:
    """Fill, then time each operation `ops` times."""
    stack = await LocalStack().start()
    try:
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(stack.mongodb_url)
        col, marks = client.bench.smes, client.bench.smes_outbox_pending
        entry = {"event_id": "e", "payload": "p" * 800}
        await col.insert_many(
            [{"_id": f"sme-{i:06d}", "name": "x" * 200, "outbox": [entry]} for i in range(docs)]
        )
        print(f"FerretDB v1 (SQLite), {docs:,} documents:")
        await _time("find_one by _id", ops, lambda i: col.find_one({"_id": f"sme-{i:06d}"}))
        await _time("find_one by another field", ops, lambda i: col.find_one({"name": str(i)}))
        await _time(
            "update_one by _id ($pull)",
            ops,
            lambda i: col.update_one({"_id": f"sme-{i:06d}"}, {"$pull": {"outbox": entry}}),
        )
        await _time(
            "pending mark (upsert, small coll.)",
            ops,
            lambda i: marks.replace_one({"_id": i}, {"_id": i}, upsert=True),
        )
        await _time("insert_one", ops, lambda i: col.insert_one({"_id": f"new-{i}"}))
        await client.close()
    finally:
        stack.stop()


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=13_000)
    parser.add_argument("--ops", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(bench(args.docs, args.ops))


if __name__ == "__main__":
    main()
