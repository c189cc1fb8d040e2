"""The demo seed's HTTP client: every request as one of the dev realm's demo users, politely.

Each step is taken by the role that takes it in the programme: a Dinas registers its
kabupaten's SMEs, partners and mentors; the coordinator enrolls and assigns; a mentor logs
their own sessions; the retailer lists its products and reports its sales. The provincial
admin does only what only the province may (a partner's chosen id, the sessions of mentors
who have no account in the dev realm) and the tooling's waiting on the read models.

At most `limit` requests are in flight. A 409 or 503 with `Retry-After` (mentoring has not
heard of an SME yet; a store is busy) is retried after the time it names, as is mentoring's
older 404 for an SME it has not learned yet when the caller says so (`unknown_is_late`).
"""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx

from devstack.tokens import ADMIN, Tokens

DINAS_BEKASI = "dinas.bekasi"
DINAS_BANDUNG = "dinas.bandung"
COORDINATOR = "coordinator.bekasi"
MENTOR = "mentor.bekasi"
INDOMARET = "partner.indomaret"
Json = dict[str, Any]
T = TypeVar("T")
_MAX_WAIT = 2.0  # seconds between tries, whatever Retry-After says


def _later(resp: httpx.Response, unknown_is_late: bool) -> float | None:
    """Seconds to wait before trying again, or None when the answer is final."""
    if resp.status_code in {409, 503} and "Retry-After" in resp.headers:
        try:
            return min(float(resp.headers["Retry-After"]), _MAX_WAIT)
        except ValueError:
            return _MAX_WAIT
    if unknown_is_late and resp.status_code == 404 and "SME" in resp.text:
        return 0.5
    return None


class Api:
    """An async httpx client whose every request carries a demo user's (renewed) token."""

    def __init__(self, http: httpx.AsyncClient, tokens: Tokens, limit: int = 8) -> None:
        self.http, self.tokens = http, tokens
        self.slots = asyncio.Semaphore(limit)
        self.requests = 0
        self.retries = 0

    async def request(
        self,
        user: str,
        method: str,
        url: str,
        *,
        unknown_is_late: bool = False,
        patience: float = 120.0,
        **kwargs: Any,  # noqa: ANN401 - httpx's keyword arguments
    ) -> httpx.Response:
        """One request as `user`, tried again while the answer says to come back later."""
        deadline = time.monotonic() + patience
        while True:
            headers = {**kwargs.get("headers", {}), **await self.tokens.headers_async(user)}
            async with self.slots:
                self.requests += 1
                resp = await self.http.request(method, url, **{**kwargs, "headers": headers})
            wait = _later(resp, unknown_is_late)
            if wait is None or time.monotonic() + wait > deadline:
                return resp
            self.retries += 1
            await asyncio.sleep(wait)

    async def get(self, user: str, url: str, **kwargs: Any) -> httpx.Response:  # noqa: ANN401
        """GET as `user`."""
        return await self.request(user, "GET", url, **kwargs)

    async def post(self, user: str, url: str, **kwargs: Any) -> httpx.Response:  # noqa: ANN401
        """POST as `user`."""
        return await self.request(user, "POST", url, **kwargs)

    async def put(self, user: str, url: str, **kwargs: Any) -> httpx.Response:  # noqa: ANN401
        """PUT as `user`."""
        return await self.request(user, "PUT", url, **kwargs)

    async def patch(self, user: str, url: str, **kwargs: Any) -> httpx.Response:  # noqa: ANN401
        """PATCH as `user`."""
        return await self.request(user, "PATCH", url, **kwargs)

    async def watch(self, url: str, **params: str) -> httpx.Response:
        """GET a read model as the tooling (the provincial admin), to wait on it."""
        return await self.get(ADMIN, url, params=params)


def ok(resp: httpx.Response, step: str) -> Any:  # noqa: ANN401 - the step's JSON
    """The JSON body of a successful step, or a RuntimeError naming the step."""
    if not resp.is_success:
        raise RuntimeError(f"demo {step} failed: {resp.status_code} {resp.text[:500]}")
    return resp.json()


async def until(probe: Callable[[], Awaitable[T | None]], within: float, what: str) -> T:
    """`probe`'s first true answer, or a RuntimeError saying `what` did not happen in time."""
    deadline = time.monotonic() + within
    while not (found := await probe()):
        if time.monotonic() > deadline:
            raise RuntimeError(f"demo: {what} in time")
        await asyncio.sleep(0.5)
    return found
