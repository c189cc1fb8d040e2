"""This service's AsyncAPI 3 document (what it publishes), built without any I/O."""

from registration.config import RegistrationSettings
from registration.entrypoints.consumer import describe
from umkm_shared.contracts.asyncapi import declare_publishers, render_asyncapi
from umkm_shared.contracts.topics import Context
from umkm_shared.messaging.broker import make_broker


def render() -> str:
    """The document as committed under docs/asyncapi/."""
    settings = RegistrationSettings(kafka_bootstrap_servers="kafka:9092", topic_namespace="")
    broker = make_broker(settings, client_id="registration")
    declare_publishers(broker, settings.topics, Context.REGISTRATION)
    describe(broker, settings)
    return render_asyncapi(
        broker,
        "registration",
        "Registers UMKM and publishes the registration context's events. "
        "The NIK never leaves this service.",
    )
