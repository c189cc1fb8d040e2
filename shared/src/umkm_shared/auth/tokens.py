"""Bearer tokens: a JWT access token checked against the issuer's keys, turned into a Caller.

A client sends the same token with every request until it expires, so a checked token is
remembered (by its exact text) for at most `RECHECK_SECONDS` and never past its `exp`: the
signature check then costs once a minute per token, not once per request.
"""

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol

import jwt

from umkm_shared.auth.caller import DEV_CALLER, Caller, caller_from_claims
from umkm_shared.auth.keys import ALGORITHMS, KeySet

REQUIRED_CLAIMS = ["exp", "iss", "aud", "sub"]
RECHECK_SECONDS = 60.0
"""How long a checked token is trusted before its signature and claims are checked again."""


class TokenRefusedError(Exception):
    """The token is malformed, expired, or not for this audience or issuer; says why, not what."""


class Authenticator(Protocol):
    """Turns a request's bearer token (or its absence) into a Caller."""

    async def caller(self, token: str | None) -> Caller:
        """The caller, or TokenRefusedError."""
        ...


class TokenValidator:
    """An OAuth2 resource server's check: signature, `iss`, `aud`, `exp`, `nbf`, small leeway."""

    def __init__(
        self,
        keys: KeySet,
        audience: str,
        leeway_seconds: float,
        *,
        remembered: int = 10_000,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.keys = keys
        self.audience = audience
        self.leeway = leeway_seconds
        self._remembered = remembered
        self._clock = clock
        self._checked: OrderedDict[str, tuple[float, Caller]] = OrderedDict()

    async def caller(self, token: str | None) -> Caller:
        """The caller the token names; TokenRefusedError if it is missing or fails a check."""
        if not token:
            raise TokenRefusedError("no bearer token")
        now = self._clock()
        known = self._checked.get(token)
        if known is not None and now < known[0]:
            self._checked.move_to_end(token)
            return known[1]
        claims = await self._claims(token)
        caller = caller_from_claims(claims)
        self._checked[token] = (
            min(float(claims["exp"]) + self.leeway, now + RECHECK_SECONDS),
            caller,
        )
        self._checked.move_to_end(token)
        while len(self._checked) > self._remembered:
            self._checked.popitem(last=False)
        return caller

    async def _claims(self, token: str) -> dict[str, Any]:
        """The token's claims after every check (signature, iss, aud, exp, nbf)."""
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
            claims: dict[str, Any] = jwt.decode(
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
        return claims


class OpenAccess:
    """Dev without an issuer: every request is `DEV_CALLER`, whatever it carries."""

    async def caller(self, token: str | None) -> Caller:
        """Always the dev caller."""
        return DEV_CALLER
