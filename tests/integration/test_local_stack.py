"""The locally provisioned stack starts for real and stops without leaving anything behind."""

import os

from aiokafka import AIOKafkaProducer
from pymongo import AsyncMongoClient

from devstack.stack import LocalStack
from tests.kafka_reader import read_all
from umkm_shared.messaging.topics_admin import TopicSpec, ensure_topics


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_the_local_stack_serves_kafka_and_mongo_then_stops_cleanly() -> None:
    stack = await LocalStack().start()
    pids = [p.pid for p in stack.processes]
    run_dir = stack.run_dir
    try:
        client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(stack.mongodb_url)
        info = await client.server_info()
        await client.close()
        admin = stack.kafka_principal()
        await ensure_topics(stack.bootstrap_servers, [TopicSpec("smoke", 1)], admin)
        producer = AIOKafkaProducer(
            bootstrap_servers=stack.bootstrap_servers, acks="all", **admin.client_kwargs()
        )
        await producer.start()
        await producer.send_and_wait("smoke", b"halo", key=b"k")
        await producer.stop()
        records = await read_all(stack.bootstrap_servers, "smoke", 500, admin)
    finally:
        stack.stop()

    assert info["version"] == "4.4.0"  # what the launcher declares, so PyMongo connects
    assert [r.value for r in records] == [b"halo"]
    assert [pid for pid in pids if _alive(pid)] == []
    assert run_dir is not None
    assert not run_dir.exists()
