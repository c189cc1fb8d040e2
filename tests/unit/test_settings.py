"""Secrets have no working defaults outside development."""

import pytest
from pydantic import ValidationError

from mentoring.config import MentoringSettings
from registration.config import RegistrationSettings


def test_the_prod_profile_refuses_the_development_keys() -> None:
    with pytest.raises(ValidationError, match="REGISTRATION_NIK_PSEUDONYM_KEY"):
        RegistrationSettings(profile="prod", oidc_issuer="https://id.example/realms/umkm-juara")


def test_platform_wide_settings_come_from_unprefixed_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092")
    monkeypatch.setenv("REGISTRATION_HTTP_PORT", "9001")
    settings = RegistrationSettings()
    assert settings.kafka_bootstrap_servers == "127.0.0.1:19092"
    assert settings.http_port == 9001


def test_a_consumer_reads_as_its_group_and_parks_poison_on_that_groups_topic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MENTORING_BATCH_MAX_EVENTS", "500")
    batches = MentoringSettings(topic_namespace="t1-").batch_settings(["t1-in"], "mentoring")
    assert (batches.group_id, batches.dlt_topic) == ("mentoring", "t1-umkm-juara.dlt.mentoring")
    assert (batches.topics, batches.max_records) == (("t1-in",), 500)
