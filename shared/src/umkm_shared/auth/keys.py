"""The issuer's signing keys: discovered, fetched with httpx, cached, refreshed on a new `kid`."""

import asyncio
import logging
import time
from collections.abc import Callable

import httpx
from jwt import PyJWK, PyJWKError, PyJWTError

log = logging.getLogger(__name__)

ALGORITHMS = ("RS256", "ES256")
"""The only signatures accepted: never `none`, never an HMAC keyed with a public key."""
NO_KEYS_RETRY = 1.0
"""Seconds between fetches while no key was ever had (a replica started during an outage)."""


class IdentityProviderUnavailableError(Exception):
    """The issuer's keys could not be fetched and none are cached."""


def _signing_keys(jwks: object) -> dict[str, PyJWK]:
    keys: dict[str, PyJWK] = {}
    entries = jwks.get("keys") if isinstance(jwks, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or entry.get("use", "sig") != "sig" or "kid" not in entry:
            continue  # Keycloak also publishes its encryption key
        try:
            key = PyJWK(entry)
        except (PyJWKError, PyJWTError):
            continue
        if key.algorithm_name in ALGORITHMS:
            keys[str(entry["kid"])] = key
    return keys


class KeySet:
    """The issuer's JWKS: one fetch at a time, at most one per `min_refresh_seconds`."""

    def __init__(  # noqa: PLR0917 - the settings of one cache
        self,
        issuer: str,
        cache_seconds: float,
        min_refresh_seconds: float,
        timeout_seconds: float,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.issuer = issuer.rstrip("/")
        self._cache_seconds = cache_seconds
        self._min_refresh = min_refresh_seconds
        self._timeout = timeout_seconds
        self._transport = transport
        self._clock = clock
        self._lock = asyncio.Lock()
        self._jwks_uri: str | None = None
        self._keys: dict[str, PyJWK] = {}
        self._fetched_at = float("-inf")
        self._attempted_at = float("-inf")
        self.fetches = 0
        """Key fetches so far (tests check the rate limit with it)."""

    async def key(self, kid: str) -> PyJWK | None:
        """The signing key `kid`, refreshing once if it is unknown or the cache is stale."""
        now = self._clock()
        if kid in self._keys and now - self._fetched_at < self._cache_seconds:
            return self._keys[kid]
        async with self._lock:
            # Another request may have refreshed while this one waited.
            if kid not in self._keys or self._clock() - self._fetched_at >= self._cache_seconds:
                await self._refresh()
        return self._keys.get(kid)

    async def _refresh(self) -> None:
        # A flood of unknown kids costs the issuer one fetch per interval; without any key
        # yet the issuer is asked again sooner, and meanwhile it is unavailable (503), not a
        # refusal (401) of every token.
        interval = self._min_refresh if self._keys else min(self._min_refresh, NO_KEYS_RETRY)
        if self._clock() - self._attempted_at < interval:
            if not self._keys:
                raise IdentityProviderUnavailableError(self.issuer)
            return
        self._attempted_at = self._clock()
        self.fetches += 1
        try:
            async with httpx.AsyncClient(
                transport=self._transport, timeout=self._timeout
            ) as client:
                jwks_uri = self._jwks_uri or await self._discover(client)
                answer = await client.get(jwks_uri)
                answer.raise_for_status()
                keys = _signing_keys(answer.json())
        except (httpx.HTTPError, ValueError, TypeError) as exc:
            log.warning("fetching the signing keys of %s failed: %s", self.issuer, exc)
            if not self._keys:
                raise IdentityProviderUnavailableError(self.issuer) from exc
            return  # keep the keys we have
        self._jwks_uri = jwks_uri
        self._keys = keys
        self._fetched_at = self._clock()

    async def _discover(self, client: httpx.AsyncClient) -> str:
        answer = await client.get(f"{self.issuer}/.well-known/openid-configuration")
        answer.raise_for_status()
        document = answer.json()
        if not isinstance(document, dict) or document.get("issuer") != self.issuer:
            raise ValueError("the discovery document names another issuer")
        jwks_uri = document.get("jwks_uri")
        if not isinstance(jwks_uri, str):
            raise TypeError("the discovery document has no jwks_uri")
        return jwks_uri
