"""This service's AsyncAPI 3 document (what it publishes and reads), built without any I/O."""

from mentoring.config import MentoringSettings
from mentoring.entrypoints.app import SERVICE
from umkm_shared.service.bootstrap import asyncapi_document


def render() -> str:
    """The document as committed under docs/asyncapi/."""
    settings = MentoringSettings(kafka_bootstrap_servers="kafka:9092", topic_namespace="")
    return asyncapi_document(SERVICE, settings)
