"""This service's AsyncAPI 3 document (what it consumes), built without any I/O."""

from reporting.config import ReportingSettings
from reporting.entrypoints.app import SERVICE
from umkm_shared.service.bootstrap import asyncapi_document


def render() -> str:
    """The document as committed under docs/asyncapi/."""
    settings = ReportingSettings(kafka_bootstrap_servers="kafka:9092", topic_namespace="")
    return asyncapi_document(SERVICE, settings)
