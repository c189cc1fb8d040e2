"""Idempotent topic creation at service start-up."""

import contextlib
from dataclasses import dataclass, field

from aiokafka import TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from umkm_shared.messaging.kafka_security import KafkaSecurity


@dataclass(frozen=True)
class TopicSpec:
    """A topic and the settings it is created with."""

    name: str
    partitions: int
    replication_factor: int = 1
    # Event topics keep everything: they are the source for replays.
    config: dict[str, str] = field(default_factory=lambda: {"retention.ms": "-1"})


async def ensure_topics(
    bootstrap_servers: str, specs: list[TopicSpec], security: KafkaSecurity | None = None
) -> None:
    """Create the topics that do not exist yet; existing ones are left as they are."""
    admin = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap_servers, **(security or KafkaSecurity()).client_kwargs()
    )
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(s.name, s.partitions, s.replication_factor, topic_configs=s.config)
            for s in specs
            if s.name not in existing
        ]
        if missing:
            # Another instance may create one between our list and create: that is fine.
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(missing)
    finally:
        await admin.close()


async def topic_partitions(admin: AIOKafkaAdminClient, topics: list[str]) -> list[TopicPartition]:
    """Every partition of the topics, from the broker's metadata."""
    described = await admin.describe_topics(topics)
    return sorted(
        TopicPartition(t["topic"], p["partition"])
        for t in described
        for p in t.get("partitions", [])
    )
