"""Where tokens come from: the platform-wide OpenID Connect issuer and this API's audience.

Outside the dev profile a service refuses to start without `OIDC_ISSUER`. In dev without
an issuer the services run OPEN (every caller is `DEV_CALLER`, an admin_provinsi) and say
so loudly at start; the test suite always sets an issuer.
"""

from typing import Literal, Self

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _platform_wide(name: str) -> AliasChoices:
    return AliasChoices(name, name.lower())


class AuthSettings(BaseSettings):
    """The resource-server settings; meant to be a base of `ServiceSettings`."""

    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", populate_by_name=True, hide_input_in_errors=True
    )

    profile: Literal["dev", "test", "prod"] = Field(
        default="dev",
        validation_alias=_platform_wide("PROFILE"),
        description="`prod` refuses the development secrets; outside `dev` an issuer is required.",
    )
    oidc_issuer: str | None = Field(
        default=None,
        validation_alias=_platform_wide("OIDC_ISSUER"),
        description="The issuer URL, e.g. `http://127.0.0.1:8180/realms/umkm-juara`.",
    )
    oidc_audience: str = Field(
        default="umkm-juara-api",
        validation_alias=_platform_wide("OIDC_AUDIENCE"),
        description="The `aud` every accepted access token must name.",
    )
    oidc_jwks_cache_seconds: float = Field(
        default=300, gt=0, validation_alias=_platform_wide("OIDC_JWKS_CACHE_SECONDS")
    )
    oidc_jwks_min_refresh_seconds: float = Field(
        default=30,
        ge=0,
        validation_alias=_platform_wide("OIDC_JWKS_MIN_REFRESH_SECONDS"),
        description="At most one key fetch per this many seconds, however many unknown `kid`s.",
    )
    oidc_leeway_seconds: float = Field(
        default=10, ge=0, le=120, validation_alias=_platform_wide("OIDC_LEEWAY_SECONDS")
    )
    oidc_http_timeout_seconds: float = Field(
        default=5, gt=0, validation_alias=_platform_wide("OIDC_HTTP_TIMEOUT_SECONDS")
    )

    @model_validator(mode="after")
    def _issuer_outside_dev(self) -> Self:
        if self.profile != "dev" and not self.oidc_issuer:
            raise ValueError(f"OIDC_ISSUER is required in profile {self.profile}")
        return self
