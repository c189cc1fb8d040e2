"""AsyncAPI 3 documents: each service declares what it publishes, one channel per event type."""

import json

from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI

from umkm_shared.contracts.catalogue import CATALOGUE
from umkm_shared.contracts.envelope import CloudEvent
from umkm_shared.contracts.topics import Context, TopicNames


def declare_publishers(broker: KafkaBroker, topics: TopicNames, context: Context) -> None:
    """Document every event type of `context` on its topic (declaration only, no I/O)."""
    for spec in CATALOGUE.values():
        if spec.context is context:
            broker.publisher(
                topics.events(context, spec.major),
                title=spec.type,
                description=(spec.model.__doc__ or "").strip()
                + " Key: the SME id (or the aggregate id where there is no SME).",
                schema=CloudEvent[spec.model],  # type: ignore[name-defined]
            )


def render_asyncapi(broker: KafkaBroker, service: str, description: str) -> str:
    """The service's AsyncAPI 3 document as stable, indented JSON."""
    spec = AsyncAPI(
        broker,
        title=f"UMKM Juara Events: {service}",
        version="1.0.0",
        description=description,
        schema_version="3.0.0",
    ).to_specification()
    # sort_keys: FastStream keeps publishers in a set, so its own order changes between runs.
    return json.dumps(spec.to_jsonable(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
