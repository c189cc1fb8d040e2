"""Run a service's ASGI app in-process, lifespan included, against the real servers."""

import contextlib
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any

import httpx
from fastapi import FastAPI

from devstack.tokens import ADMIN, tokens_of
from tests.privacy import record_response


class AppClient(httpx.AsyncClient):
    """An HTTP client of one in-process app that logs in as the dev realm's demo users."""

    def __init__(self, app: FastAPI, **kwargs: Any) -> None:
        super().__init__(transport=httpx.ASGITransport(app=app), **kwargs)
        self.app = app

    async def as_user(self, user: str) -> dict[str, str]:
        """`user`'s `Authorization` header, for one request: `headers=await c.as_user(...)`."""
        issuer = self.app.state.settings.oidc_issuer
        return dict(await tokens_of(issuer).headers_async(user)) if issuer else {}

    async def login(self, user: str) -> None:
        """Call as `user` from now on (each request asks for the token: a cached one may have
        a minute left, and a test can run longer)."""
        await self.as_user(user)  # a login that fails, fails here
        self.auth = _AsUser(self, user)

    def logout(self) -> None:
        """Call without a token from now on."""
        self.auth = httpx.Auth()  # adds nothing


class _AsUser(httpx.Auth):
    """`user`'s current token on every request that does not bring its own."""

    def __init__(self, client: AppClient, user: str) -> None:
        self._client, self._user = client, user

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if "Authorization" not in request.headers:
            request.headers.update(await self._client.as_user(self._user))
        yield request


@contextlib.asynccontextmanager
async def running(app: FastAPI, user: str | None = ADMIN) -> AsyncIterator[AppClient]:
    """Start the app's lifespan (broker, Mongo, relay) and give an HTTP client for it.

    The client carries `user`'s access token from the issuer the app trusts (a demo user of
    the dev realm, the provincial admin by default; `None`: no token).
    """
    async with (
        app.router.lifespan_context(app),
        AppClient(
            app, base_url="http://test", event_hooks={"response": [record_response]}
        ) as client,
    ):
        if user is not None:
            await client.login(user)
        yield client
