"""Bearer tokens: a JWT access token checked against the issuer's keys, turned into a Caller."""

from typing import Protocol

import jwt

from umkm_shared.auth.caller import DEV_CALLER, Caller, caller_from_claims
from umkm_shared.auth.keys import ALGORITHMS, KeySet

REQUIRED_CLAIMS = ["exp", "iss", "aud", "sub"]


class TokenRefusedError(Exception):
    """The token is malformed, expired, or not for this audience or issuer; says why, not what."""


class Authenticator(Protocol):
    """Turns a request's bearer token (or its absence) into a Caller."""

    async def caller(self, token: str | None) -> Caller:
        """The caller, or TokenRefusedError."""
        ...


class TokenValidator:
    """An OAuth2 resource server's check: signature, `iss`, `aud`, `exp`, `nbf`, small leeway."""

    def __init__(self, keys: KeySet, audience: str, leeway_seconds: float) -> None:
        self.keys = keys
        self.audience = audience
        self.leeway = leeway_seconds

    async def caller(self, token: str | None) -> Caller:
        """The caller the token names; TokenRefusedError if it is missing or fails a check."""
        if not token:
            raise TokenRefusedError("no bearer token")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenRefusedError("malformed token") from exc
        kid = header.get("kid")
        if header.get("alg") not in ALGORITHMS or not isinstance(kid, str):
            raise TokenRefusedError("unsupported algorithm or no key id")
        key = await self.keys.key(kid)
        if key is None:
            raise TokenRefusedError("unknown signing key")
        try:
            # PyJWK binds the key's own algorithm: the header cannot switch it.
            claims = jwt.decode(
                token,
                key,
                algorithms=list(ALGORITHMS),
                audience=self.audience,
                issuer=self.keys.issuer,
                leeway=self.leeway,
                options={"require": REQUIRED_CLAIMS},
            )
        except jwt.PyJWTError as exc:
            raise TokenRefusedError(type(exc).__name__) from exc
        return caller_from_claims(claims)


class OpenAccess:
    """Dev without an issuer: every request is `DEV_CALLER`, whatever it carries."""

    async def caller(self, token: str | None) -> Caller:
        """Always the dev caller."""
        return DEV_CALLER
