"""The raw limits: how fast aiokafka reads and decodes the backlog, how fast the store upserts."""

import json
import time
from collections.abc import Callable
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer
from pymongo import AsyncMongoClient, ReplaceOne

from bench import payloads
from bench.kafka_io import auth, partitions_of

Doc = dict[str, Any]


async def consume_all(bootstrap: str, topics: list[str], decode: Callable[[bytes], Any]) -> float:
    """Read every record of `topics` from the start and decode it; records per second."""
    parts = await partitions_of(bootstrap, topics)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=4 << 20,
        **auth(),
    )
    await consumer.start()
    try:
        consumer.assign(parts)
        ends = await consumer.end_offsets(parts)
        await consumer.seek_to_beginning(*parts)
        total, read = sum(ends.values()), 0
        started = time.monotonic()
        idle_polls = 0
        while read < total and idle_polls < 10:  # bounded: a record short stops after 10 s
            batch = await consumer.getmany(timeout_ms=1000, max_records=10_000)
            idle_polls = 0 if batch else idle_polls + 1
            for messages in batch.values():
                for message in messages:
                    decode(message.value or b"{}")
                read += len(messages)
        if read < total:
            raise RuntimeError(f"read {read} of {total} records")
        return read / (time.monotonic() - started)
    finally:
        await consumer.stop()


def decoders() -> dict[str, Callable[[bytes], Any]]:
    """The stdlib decoder (the issue's figure) and orjson (what the hot path may use)."""
    return {"json": json.loads, "orjson": orjson.loads}


async def bulk_upsert(
    client: AsyncMongoClient[Doc], database: str, docs: dict[str, list[Doc]], batch: int
) -> tuple[float, int]:
    """Upsert every document (one bulk_write of ReplaceOne per batch per collection), twice.

    The first pass inserts, the second replaces what the first wrote, as a projection does
    once documents exist. Returns (documents per second over both passes, documents per pass).
    """
    db = client[database]
    for name in docs:
        await db.drop_collection(name)
    count, started = sum(len(d) for d in docs.values()), time.monotonic()
    for _ in range(2):
        for name, collection_docs in docs.items():
            for i in range(0, len(collection_docs), batch):
                chunk = collection_docs[i : i + batch]
                await db[name].bulk_write(
                    [ReplaceOne({"_id": d["_id"]}, d, upsert=True) for d in chunk], ordered=False
                )
    return 2 * count / (time.monotonic() - started), count


async def read_models(client: AsyncMongoClient[Doc], database: str) -> dict[str, list[Doc]]:
    """Every document the reporting service stored, by collection (what it really writes)."""
    db = client[database]
    return {
        name: [doc async for doc in db[name].find()]
        for name in sorted(await db.list_collection_names())
    }


def synthetic_read_models(smes: int) -> dict[str, list[Doc]]:
    """Stand-ins when reporting stored nothing: one SME document with both sections each."""
    docs = []
    for i in range(smes):
        reg = payloads.registered(i).model_dump(mode="json")
        men = {"cohort_id": payloads.cohort_id(0), "sessions": [{"date": "2024-06-30"}] * 4}
        docs.append({"_id": payloads.sme_id(i), "reg": reg, "men": men, "applied": {}})
    return {"smes": docs}
