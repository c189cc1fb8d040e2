"""Kafka client security: one setting turns every client's connection into SASL (and TLS)."""

import ssl

import pytest
from faststream.security import SASLScram512
from pydantic import ValidationError

from mentoring.config import MentoringSettings
from registration.config import RegistrationSettings
from reporting.config import ReportingSettings
from umkm_shared.messaging.kafka_security import KafkaSecurity


def test_without_settings_clients_connect_in_plaintext() -> None:
    settings = RegistrationSettings()
    assert settings.kafka_security.client_kwargs() == {"security_protocol": "PLAINTEXT"}
    assert settings.kafka_security.faststream() is None


def test_each_service_logs_in_with_its_own_prefixed_credentials(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
    monkeypatch.setenv("REGISTRATION_KAFKA_USERNAME", "registration")
    monkeypatch.setenv("REGISTRATION_KAFKA_PASSWORD", "s3cret")
    monkeypatch.setenv("REPORTING_KAFKA_USERNAME", "reporting")
    monkeypatch.setenv("REPORTING_KAFKA_PASSWORD", "other")

    registration = RegistrationSettings().kafka_security
    batches = ReportingSettings().batch_settings(["in"], "reporting")

    assert registration.client_kwargs() == {
        "security_protocol": "SASL_PLAINTEXT",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "registration",
        "sasl_plain_password": "s3cret",
    }
    assert batches.security.username == "reporting"
    broker_security = registration.faststream()
    assert isinstance(broker_security, SASLScram512)
    assert (broker_security.username, broker_security.use_ssl) == ("registration", False)


def test_sasl_ssl_verifies_the_brokers_certificate_and_host_name() -> None:
    security = KafkaSecurity("SASL_SSL", "SCRAM-SHA-512", "bank", "pw", cafile=None)
    context = security.client_kwargs()["ssl_context"]
    assert isinstance(context, ssl.SSLContext)
    assert (context.verify_mode, context.check_hostname) == (ssl.CERT_REQUIRED, True)
    assert security.faststream() is not None


def test_sasl_without_credentials_is_refused_and_no_password_is_ever_shown() -> None:
    with pytest.raises(ValueError, match="needs a username and a password"):
        KafkaSecurity("SASL_PLAINTEXT")
    assert "s3cret" not in repr(KafkaSecurity("SASL_SSL", username="u", password="s3cret"))


def test_a_service_configured_for_sasl_without_its_login_refuses_to_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    with pytest.raises(ValidationError, match="MENTORING_KAFKA_USERNAME"):
        MentoringSettings()
