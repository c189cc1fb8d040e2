"""This service's AsyncAPI 3 document (what it consumes), built without any I/O."""

from reporting.config import ReportingSettings
from reporting.consumer import declare_subscription
from umkm_shared.contracts.asyncapi import render_asyncapi
from umkm_shared.messaging.broker import make_broker


def render() -> str:
    """The document as committed under docs/asyncapi/."""
    settings = ReportingSettings(kafka_bootstrap_servers="kafka:9092", topic_namespace="")
    broker = make_broker(settings, client_id="reporting")
    declare_subscription(broker, settings)
    return render_asyncapi(
        broker, "reporting", "Consumes every event topic and projects it into MongoDB read models."
    )
