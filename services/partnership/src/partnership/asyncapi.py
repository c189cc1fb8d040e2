"""This service's AsyncAPI 3 document (what it publishes), built without any I/O."""

from partnership.config import PartnershipSettings
from umkm_shared.contracts.asyncapi import declare_publishers, render_asyncapi
from umkm_shared.contracts.topics import Context
from umkm_shared.messaging.broker import make_broker


def render() -> str:
    """The document as committed under docs/asyncapi/."""
    settings = PartnershipSettings(kafka_bootstrap_servers="kafka:9092", topic_namespace="")
    broker = make_broker(settings, client_id="partnership")
    declare_publishers(broker, settings.topics, Context.PARTNERSHIP)
    return render_asyncapi(
        broker,
        "partnership",
        "Large-enterprise partners, curation, agreements, product listings and monthly sales.",
    )
