"""Mentoring settings: the dev feed key is refused in prod; the policy is configurable."""

import pytest
from pydantic import SecretStr, ValidationError

from mentoring.config import MentoringSettings
from mentoring.domain.graduation_policy import GraduationPolicy


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
        MentoringSettings(graduation_min_sessions=6, graduation_dimensions=["scale_class"])
        .rules()
        .policy
    )
    assert (policy.name, policy.min_sessions, policy.dimensions) == (
        "graduation.v2",
        6,
        frozenset({"scale_class"}),
    )


def test_a_threshold_changed_in_settings_is_a_new_policy_version() -> None:
    default = MentoringSettings().rules().policy
    changed = MentoringSettings(graduation_min_sessions=6).rules().policy
    assert default == GraduationPolicy()
    assert changed.version.startswith("graduation.v2+")
    assert changed.version != default.version


def test_graduation_v1_can_still_be_chosen() -> None:
    policy = MentoringSettings(graduation_policy_version="graduation.v1").rules().policy
    assert policy == GraduationPolicy.v1()
