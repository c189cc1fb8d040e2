"""This service's AsyncAPI 3 document (what it publishes and consumes), built without I/O."""

from partnership.config import PartnershipSettings
from partnership.entrypoints.app import SERVICE
from umkm_shared.service.bootstrap import asyncapi_document


def render() -> str:
    """The document as committed under docs/asyncapi/."""
    return asyncapi_document(
        SERVICE, PartnershipSettings(kafka_bootstrap_servers="kafka:9092", topic_namespace="")
    )
