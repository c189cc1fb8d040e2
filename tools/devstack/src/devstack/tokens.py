"""Access tokens of the dev realm's demo users, for tests, the demo seed and the benchmarks.

Logs in with the password grant through the test-only client `umkm-tests` (dev realm only)
and keeps each user's token until a minute before it expires. Production callers use the
dashboard's authorization code flow or a confidential client, never this.
"""

import asyncio
import time
from dataclasses import dataclass

import httpx

from devstack.realm import demo_users

TEST_CLIENT = "umkm-tests"
ADMIN = "admin.provinsi"
_MARGIN_SECONDS = 60


@dataclass(frozen=True)
class Token:
    """An access token and when to stop using it (monotonic clock)."""

    access_token: str
    renew_at: float


def _password(username: str) -> str:
    for user in demo_users():
        if user.username == username:
            return user.password
    raise KeyError(f"{username!r} is not a demo user of the dev realm")


def _form(username: str) -> dict[str, str]:
    return {
        "grant_type": "password",
        "client_id": TEST_CLIENT,
        "username": username,
        "password": _password(username),
        "scope": "openid",
    }


def _token(answer: httpx.Response, username: str) -> Token:
    if answer.status_code != 200:
        raise RuntimeError(f"login of {username} refused: HTTP {answer.status_code}")
    body = answer.json()
    lifetime = float(body.get("expires_in", 300))
    return Token(body["access_token"], time.monotonic() + max(lifetime - _MARGIN_SECONDS, 1))


class Tokens:
    """Demo users' access tokens from one issuer, cached per user."""

    def __init__(self, issuer: str, timeout: float = 30) -> None:
        self.issuer = issuer.rstrip("/")
        self.timeout = timeout
        self._cache: dict[str, Token] = {}
        self._logins: dict[str, asyncio.Task[Token]] = {}

    @property
    def token_endpoint(self) -> str:
        """The issuer's token endpoint (Keycloak's path)."""
        return f"{self.issuer}/protocol/openid-connect/token"

    def _cached(self, username: str) -> str | None:
        token = self._cache.get(username)
        return token.access_token if token and time.monotonic() < token.renew_at else None

    def access_token(self, username: str = ADMIN) -> str:
        """`username`'s access token (a login when none is cached)."""
        cached = self._cached(username)
        if cached:
            return cached
        with httpx.Client(timeout=self.timeout) as http:
            token = _token(http.post(self.token_endpoint, data=_form(username)), username)
        self._cache[username] = token
        return token.access_token

    async def access_token_async(self, username: str = ADMIN) -> str:
        """`access_token` for async callers; concurrent callers share one login."""
        cached = self._cached(username)
        if cached:
            return cached
        # One login per user at a time: a workload starting 100 commands at once must not
        # send 100 password grants (each a costly hash) to a Keycloak on a busy machine.
        login = self._logins.get(username)
        if login is None or login.get_loop() is not asyncio.get_running_loop():
            login = asyncio.create_task(self._login_async(username))
            self._logins[username] = login
            login.add_done_callback(lambda done: self._forget(username, done))
        return (await asyncio.shield(login)).access_token

    async def _login_async(self, username: str) -> Token:
        async with httpx.AsyncClient(timeout=self.timeout) as http:
            answer = await http.post(self.token_endpoint, data=_form(username))
        token = _token(answer, username)
        self._cache[username] = token
        return token

    def _forget(self, username: str, login: "asyncio.Task[Token]") -> None:
        if self._logins.get(username) is login:
            del self._logins[username]

    def headers(self, username: str = ADMIN) -> dict[str, str]:
        """The `Authorization` header of `username`."""
        return {"Authorization": f"Bearer {self.access_token(username)}"}

    async def headers_async(self, username: str = ADMIN) -> dict[str, str]:
        """`headers` for async callers."""
        return {"Authorization": f"Bearer {await self.access_token_async(username)}"}


_SOURCES: dict[str, Tokens] = {}


def tokens_of(issuer: str) -> Tokens:
    """The one `Tokens` of `issuer` in this process (tokens are shared across callers)."""
    return _SOURCES.setdefault(issuer.rstrip("/"), Tokens(issuer))
