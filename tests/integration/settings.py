"""Service settings pointed at the test servers, isolated by namespace."""

from registration.config import RegistrationSettings
from reporting.config import ReportingSettings
from tests.infra import Infra


def registration_settings(infra: Infra, namespace: str) -> RegistrationSettings:
    """Registration settings for one test."""
    return RegistrationSettings(
        kafka_bootstrap_servers=infra.bootstrap_servers,
        mongodb_url=infra.mongodb_url,
        topic_namespace=namespace,
        mongodb_database=f"{namespace}registration",
        profile="test",
        **infra.settings("registration"),
    )


def reporting_settings(infra: Infra, namespace: str) -> ReportingSettings:
    """Reporting settings for one test; its consumer group is namespaced too."""
    return ReportingSettings(
        kafka_bootstrap_servers=infra.bootstrap_servers,
        mongodb_url=infra.mongodb_url,
        topic_namespace=namespace,
        mongodb_database=f"{namespace}reporting",
        consumer_group=f"{namespace}reporting",
        profile="test",
        **infra.settings("reporting"),
    )
