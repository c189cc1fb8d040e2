"""The H2-backed local server (`./dev up`) keeps every acknowledged write across a kill -9."""

import signal
import tempfile
from pathlib import Path

from pymongo import AsyncMongoClient

from devstack.mongojava import start_mongo_java
from devstack.ports import free_port
from devstack.readiness import mongo_probe, wait_until


async def test_acknowledged_writes_survive_a_kill_9_of_the_h2_server() -> None:
    run_dir = Path(tempfile.mkdtemp(prefix="umkm-h2-"))
    port = free_port()
    url = f"mongodb://127.0.0.1:{port}/"
    server = start_mongo_java(run_dir, port, "h2")
    try:
        await wait_until("the H2 Mongo-wire server", mongo_probe(url), server)
        client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(url)
        col = client["durable"]["docs"]
        for i in range(200):  # each acknowledged on its own, the last one just before the kill
            await col.insert_one({"_id": i})
        await col.update_one({"_id": 199}, {"$set": {"last": True}})
        await client.close()
        server.kill(signal.SIGKILL)

        server = start_mongo_java(run_dir, port, "h2")
        await wait_until("the restarted H2 Mongo-wire server", mongo_probe(url), server)
        client = AsyncMongoClient(url)
        count = await client["durable"]["docs"].count_documents({})
        last = await client["durable"]["docs"].find_one({"_id": 199})
        await client.close()
    finally:
        server.stop()

    assert count == 200
    assert last is not None
    assert last.get("last") is True
