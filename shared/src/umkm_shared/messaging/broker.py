"""The FastStream Kafka broker every service uses: idempotent, acks from all replicas."""

import logging

from faststream.kafka import KafkaBroker

from umkm_shared.settings import ServiceSettings


def make_broker(settings: ServiceSettings, client_id: str) -> KafkaBroker:
    """A broker whose producer is idempotent (no duplicates from its own retries)."""
    return KafkaBroker(
        settings.kafka_bootstrap_servers,
        client_id=client_id,
        security=settings.kafka_security.faststream(),
        enable_idempotence=True,
        acks="all",
        allow_auto_create_topics=False,
        request_timeout_ms=15_000,
        # Relays enqueue hundreds of ~1 KB events before awaiting the acks: larger batches
        # carry them in fewer round trips (the default 16 KB holds about a dozen).
        max_batch_size=256 * 1024,
        # FastStream logs every message it handles at this level: keep those lines out of INFO.
        log_level=logging.DEBUG,
    )
