"""This service's AsyncAPI 3 document (what it publishes and reads), built without any I/O."""

from mentoring.config import MentoringSettings
from mentoring.entrypoints.consumer import describe
from umkm_shared.contracts.asyncapi import declare_publishers, render_asyncapi
from umkm_shared.contracts.topics import Context
from umkm_shared.messaging.broker import make_broker


def render() -> str:
    """The document as committed under docs/asyncapi/."""
    settings = MentoringSettings(kafka_bootstrap_servers="kafka:9092", topic_namespace="")
    broker = make_broker(settings, client_id="mentoring")
    declare_publishers(broker, settings.topics, Context.MENTORING)
    declare_publishers(broker, settings.topics, Context.BANK_FEED)
    describe(broker, settings)
    return render_asyncapi(
        broker,
        "mentoring",
        "Cohorts, mentors, session logs, milestones and graduation; "
        "also publishes the Bank Jabar mentoring feed.",
    )
