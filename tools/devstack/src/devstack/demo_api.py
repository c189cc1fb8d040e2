"""The demo seed's HTTP client: every request as one of the dev realm's demo users.

Each step is taken by the role that takes it in the programme: a Dinas registers its
kabupaten's SMEs, partners and mentors; the coordinator enrolls and assigns; the mentor logs
their own sessions; the retailer lists its products and reports its sales. The provincial
admin does only what only the province may (linking a partner to its accounts) and the
tooling's waiting on the read models.
"""

import time
from collections.abc import Callable
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


class Api:
    """An httpx client whose every request carries a demo user's (renewed) token."""

    def __init__(self, http: httpx.Client, tokens: Tokens) -> None:
        self.http, self.tokens = http, tokens

    def request(self, user: str, method: str, url: str, **kwargs: Any) -> httpx.Response:  # noqa: ANN401
        """One request as `user`."""
        headers = {**kwargs.pop("headers", {}), **self.tokens.headers(user)}
        return self.http.request(method, url, headers=headers, **kwargs)

    def get(self, user: str, url: str, **kwargs: Any) -> httpx.Response:  # noqa: ANN401
        """GET as `user`."""
        return self.request(user, "GET", url, **kwargs)

    def post(self, user: str, url: str, **kwargs: Any) -> httpx.Response:  # noqa: ANN401
        """POST as `user`."""
        return self.request(user, "POST", url, **kwargs)

    def put(self, user: str, url: str, **kwargs: Any) -> httpx.Response:  # noqa: ANN401
        """PUT as `user`."""
        return self.request(user, "PUT", url, **kwargs)

    def patch(self, user: str, url: str, **kwargs: Any) -> httpx.Response:  # noqa: ANN401
        """PATCH as `user`."""
        return self.request(user, "PATCH", url, **kwargs)

    def watch(self, url: str, **params: str) -> httpx.Response:
        """GET a read model as the tooling (the provincial admin), to wait on it."""
        return self.get(ADMIN, url, params=params)


def ok(resp: httpx.Response, step: str) -> Any:  # noqa: ANN401 - the step's JSON
    """The JSON body of a successful step, or a RuntimeError naming the step."""
    if not resp.is_success:
        raise RuntimeError(f"demo {step} failed: {resp.status_code} {resp.text[:500]}")
    return resp.json()


def until(probe: Callable[[], T | None], timeout: float, what: str) -> T:
    """`probe`'s first true answer, or a RuntimeError saying `what` did not happen in time."""
    deadline = time.monotonic() + timeout
    while not (found := probe()):
        if time.monotonic() > deadline:
            raise RuntimeError(f"demo: {what} in time")
        time.sleep(0.5)
    return found
