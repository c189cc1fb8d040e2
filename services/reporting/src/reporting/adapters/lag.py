"""Projection lag per topic and partition: end offset minus the group's committed offset."""

from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient
from pydantic import BaseModel

from umkm_shared.messaging.kafka_security import KafkaSecurity
from umkm_shared.messaging.topics_admin import topic_partitions


class PartitionLag(BaseModel):
    """How far the projections are behind on one partition."""

    topic: str
    partition: int
    end_offset: int
    committed_offset: int
    lag: int


class LagProbe:
    """Asks the broker for end offsets and the consumer group's committed offsets."""

    def __init__(
        self,
        bootstrap_servers: str,
        group_id: str,
        topics: list[str],
        security: KafkaSecurity | None = None,
    ) -> None:
        self._bootstrap = bootstrap_servers
        self._security = (security or KafkaSecurity()).client_kwargs()
        self._group = group_id
        self._topics = topics
        self._admin: AIOKafkaAdminClient | None = None
        self._offsets: AIOKafkaConsumer | None = None

    async def start(self) -> None:
        """Connect (called from the lifespan)."""
        self._admin = AIOKafkaAdminClient(bootstrap_servers=self._bootstrap, **self._security)
        await self._admin.start()
        self._offsets = AIOKafkaConsumer(bootstrap_servers=self._bootstrap, **self._security)
        await self._offsets.start()

    async def stop(self) -> None:
        """Disconnect."""
        if self._offsets is not None:
            await self._offsets.stop()
        if self._admin is not None:
            await self._admin.close()

    async def measure(self) -> list[PartitionLag]:
        """Lag of every partition of every consumed topic."""
        if self._admin is None or self._offsets is None:
            raise RuntimeError("LagProbe.start() was not called")
        partitions = await topic_partitions(self._admin, self._topics)
        ends = await self._offsets.end_offsets(partitions)
        committed = await self._admin.list_consumer_group_offsets(self._group)
        rows = []
        for tp in partitions:
            done = committed.get(tp)
            position = done.offset if done is not None and done.offset >= 0 else 0
            rows.append(
                PartitionLag(
                    topic=tp.topic,
                    partition=tp.partition,
                    end_offset=ends[tp],
                    committed_offset=position,
                    lag=max(ends[tp] - position, 0),
                )
            )
        return rows
