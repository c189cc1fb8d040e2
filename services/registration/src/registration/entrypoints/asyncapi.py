"""This service's AsyncAPI 3 document (what it publishes and consumes), built without I/O."""

from registration.config import RegistrationSettings
from registration.entrypoints.app import SERVICE
from umkm_shared.service.bootstrap import asyncapi_document


def render() -> str:
    """The document as committed under docs/asyncapi/."""
    return asyncapi_document(
        SERVICE, RegistrationSettings(kafka_bootstrap_servers="kafka:9092", topic_namespace="")
    )
