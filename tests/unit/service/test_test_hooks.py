"""The fault tier's test hooks exist in profile `test` only."""

import pytest
from pydantic import ValidationError

from umkm_shared.settings import ServiceSettings


@pytest.mark.parametrize("profile", ["dev", "prod"])
def test_the_relay_exit_hook_is_refused_outside_the_test_profile(profile: str) -> None:
    with pytest.raises(ValidationError, match="test hook"):
        ServiceSettings(
            mongodb_database="test",
            profile=profile,
            oidc_issuer="https://idp.test/realms/umkm-juara",
            test_relay_exit_after_batches=3,
        )


def test_the_relay_exit_hook_is_read_in_the_test_profile() -> None:
    settings = ServiceSettings(
        mongodb_database="test",
        profile="test",
        oidc_issuer="https://idp.test/realms/umkm-juara",
        test_relay_exit_after_batches=3,
    )
    assert settings.test_relay_exit_after_batches == 3
