"""FastAPI glue: `install` puts the authenticator on `app.state`; `require(action)` guards a route.

    caller: Annotated[Caller, Depends(require("registration.register"))]

answers 401 (problem+json, `WWW-Authenticate: Bearer`) without a valid token, 403 when no
role of the caller holds the action, 503 when the issuer's keys cannot be had. The object
checks (`allows`, `region_filter`) stay in the route, which knows the object.
"""

import logging
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from umkm_shared.auth import audit
from umkm_shared.auth.caller import Caller
from umkm_shared.auth.keys import IdentityProviderUnavailableError, KeySet
from umkm_shared.auth.matrix import MATRIX, may
from umkm_shared.auth.settings import AuthSettings
from umkm_shared.auth.tokens import Authenticator, OpenAccess, TokenRefusedError, TokenValidator
from umkm_shared.errors import RefusalError

log = logging.getLogger(__name__)

REALM = 'Bearer realm="umkm-juara"'
_bearer = HTTPBearer(auto_error=False, description="An access token of the platform's issuer.")


def authenticator(
    settings: AuthSettings, transport: httpx.AsyncBaseTransport | None = None
) -> Authenticator:
    """The token check `settings` ask for (no I/O: keys are fetched at the first token)."""
    if not settings.oidc_issuer:
        log.warning(
            "NO OIDC_ISSUER: profile %s runs WITHOUT AUTHENTICATION, every caller is an admin",
            settings.profile,
        )
        return OpenAccess()
    keys = KeySet(
        settings.oidc_issuer,
        cache_seconds=settings.oidc_jwks_cache_seconds,
        min_refresh_seconds=settings.oidc_jwks_min_refresh_seconds,
        timeout_seconds=settings.oidc_http_timeout_seconds,
        transport=transport,
    )
    return TokenValidator(keys, settings.oidc_audience, settings.oidc_leeway_seconds)


def install(
    app: FastAPI, settings: AuthSettings, transport: httpx.AsyncBaseTransport | None = None
) -> None:
    """Make `app` a resource server of `settings.oidc_issuer` (the bootstrap calls this)."""
    app.state.authenticator = authenticator(settings, transport)


def unauthenticated(reason: str) -> RefusalError:
    """The 401 answer; `reason` is for the log only (RFC 6750 `invalid_token`)."""
    log.info("bearer token refused: %s", reason)
    return RefusalError(
        "unauthenticated",
        "Masuk terlebih dahulu: token akses tidak ada atau tidak berlaku.",
        "Sign in first: the access token is missing or not valid.",
        headers={"WWW-Authenticate": REALM},
    )


class Require:
    """The dependency `require(action)` returns; `action` is kept for the route audit test."""

    def __init__(self, action: str) -> None:
        if action not in MATRIX:
            raise ValueError(f"{action!r} is not in the roles matrix")
        self.action = action

    async def __call__(
        self,
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Caller:
        """The caller, if one of its roles holds the action."""
        check = getattr(request.app.state, "authenticator", None)
        if check is None:  # fail closed: a service that forgot `install` serves nobody
            raise RuntimeError("umkm_shared.auth.install(app, settings) was not called")
        try:
            caller: Caller = await check.caller(credentials.credentials if credentials else None)
        except TokenRefusedError as refused:
            raise unauthenticated(str(refused)) from None
        except IdentityProviderUnavailableError:
            raise RefusalError(
                "unavailable",
                "Layanan identitas tidak dapat dihubungi; coba lagi nanti.",
                "The identity provider cannot be reached; try again later.",
                headers={"Retry-After": "5"},
            ) from None
        if not may(caller, self.action):
            raise RefusalError(
                "forbidden",
                "Peran Anda tidak diizinkan melakukan ini.",
                "Your role may not do this.",
                extra={"action": self.action},
            )
        audit.record(audit.actor_of(caller, self.action))
        return caller


def require(action: str) -> Require:
    """A FastAPI dependency: the authenticated caller, refused unless it `may` do `action`."""
    return Require(action)
