"""Mentoring settings: the dev feed key is refused in prod; the policy is configurable."""

import pytest
from pydantic import SecretStr, ValidationError

from mentoring.config import MentoringSettings


def test_prod_refuses_the_development_bank_feed_key() -> None:
    with pytest.raises(ValidationError, match="MENTORING_BANK_FEED_KEY"):
        MentoringSettings(profile="prod", oidc_issuer="https://id.example/realms/umkm-juara")


def test_prod_accepts_a_real_bank_feed_key() -> None:
    settings = MentoringSettings(
        profile="prod",
        oidc_issuer="https://id.example/realms/umkm-juara",
        bank_feed_key=SecretStr("k" * 40),
    )
    assert settings.rules().feed_key == b"k" * 40


def test_the_graduation_policy_comes_from_settings() -> None:
    policy = (
        MentoringSettings(
            graduation_policy_version="graduation.v2",
            graduation_min_sessions=6,
            graduation_dimensions=["scale_class"],
        )
        .rules()
        .policy
    )
    assert (policy.version, policy.min_sessions, policy.dimensions) == (
        "graduation.v2",
        6,
        frozenset({"scale_class"}),
    )
