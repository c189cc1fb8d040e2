"""The roles matrix over HTTP: one test per role per endpoint, generated from the code's matrix.

For every route of ENDPOINTS and each demo user of the dev realm, the running service (real
Keycloak, Kafka and Mongo-wire server) either refuses the call at the function level (403
naming the route's action) or lets it through to the route, as MATRIX says for the user's
role. Without a token every guarded route answers 401 with the platform's Bearer challenge;
an open route answers anyway. Path ids are well formed but name nothing, and bodies are `{}`:
what a role that may call the route gets is then 404, 409 or 422 (or an object-level 403),
never 401 and never the function-level 403.
"""

import contextlib
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from devstack.realm import demo_users
from mentoring.entrypoints.app import create_app as mentoring_app
from partnership.entrypoints.app import create_app as partnership_app
from registration.entrypoints.app import create_app as registration_app
from reporting.entrypoints.app import create_app as reporting_app
from tests.apps import AppClient, running
from tests.infra import Infra
from tests.integration.mentoring_support import mentoring_settings
from tests.integration.partnership_support import partnership_settings
from tests.integration.settings import registration_settings, reporting_settings
from umkm_shared.auth.caller import ROLES
from umkm_shared.auth.endpoints import ENDPOINTS
from umkm_shared.auth.matrix import MATRIX

USERS = (
    "admin.provinsi",
    "dinas.bekasi",
    "coordinator.bekasi",
    "mentor.bekasi",
    "partner.indomaret",
    "bank.jabar",
    "viewer.bekasi",
)
"""One demo user of each role (the realm file says which)."""
ROLES_OF = {user.username: frozenset(user.roles) & set(ROLES) for user in demo_users()}

NOTHING = {
    "sme_id": "sme-000000000000",
    "cohort_id": "cohort-000000000000",
    "partner_id": "partner-000000000000",
    "partnership_id": "partnership-000000000000",
    "import_id": "imp-000000000000",
    "purpose": "bank_jabar_mentoring_feed",
    "period": "2022-09",
    "fmt": "csv",
    "table": "smes",
    "by": "partner",
    "kabupaten_code": "32.99",
}
"""Path parameters: well formed (each service's id shapes), naming no object."""

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
PROBLEM = "application/problem+json"
CHALLENGE = 'Bearer realm="umkm-juara"'
FUNCTION_LEVEL = "Your role may not do this."
"""The `message` of `require`'s 403; an object-level 403 says the object is out of scope."""

AppMaker = Callable[[Infra, str], FastAPI]
APPS: dict[str, AppMaker] = {
    "registration": lambda infra, ns: registration_app(registration_settings(infra, ns)),
    "mentoring": lambda infra, ns: mentoring_app(mentoring_settings(infra, ns)),
    "partnership": lambda infra, ns: partnership_app(partnership_settings(infra, ns)),
    "reporting": lambda infra, ns: reporting_app(reporting_settings(infra, ns)),
}


@dataclass(frozen=True)
class Case:
    """One call: a user (None: no token) on one route of one service."""

    service: str
    method: str
    path: str
    action: str | None
    user: str | None

    @property
    def url(self) -> str:
        """The route's path with every parameter filled in."""
        return self.path.format_map(NOTHING)

    @property
    def may(self) -> bool:
        """Whether the matrix lets the user's role do the route's action."""
        if self.action is None:
            return True
        return self.user is not None and bool(ROLES_OF[self.user] & MATRIX[self.action])

    def __str__(self) -> str:
        route = f"{self.method} {self.path} of {self.service}"
        if self.action is None:
            return f"anyone may {route} without a token"
        if self.user is None:
            return f"nobody may {route} without a token"
        return f"{self.user} {'may' if self.may else 'may not'} {route}"


CASES = [
    case
    for service, routes in ENDPOINTS.items()
    for (method, path), action in routes.items()
    for case in (
        [Case(service, method, path, None, None)]
        if action is None
        else [Case(service, method, path, action, user) for user in (*USERS, None)]
    )
]


class Services:
    """The four services in-process, each started at its first call, stopped with the module."""

    def __init__(self, infra: Infra, namespace: str, stack: contextlib.AsyncExitStack) -> None:
        self._infra = infra
        self._namespace = namespace
        self._stack = stack
        self._clients: dict[str, AppClient] = {}

    async def client(self, service: str) -> AppClient:
        """A client without a token of the running `service`."""
        if service not in self._clients:
            app = APPS[service](self._infra, self._namespace)
            self._clients[service] = await self._stack.enter_async_context(running(app, user=None))
        return self._clients[service]


@pytest.fixture(scope="module")
async def services(infra: Infra) -> AsyncIterator[Services]:
    """The services of this module's tests, under a namespace of their own."""
    namespace = f"t{uuid.uuid4().hex[:10]}-"
    await infra.grant(namespace)
    async with contextlib.AsyncExitStack() as stack:
        yield Services(infra, namespace, stack)


async def call(services: Services, case: Case) -> httpx.Response:
    """The case's request: the user's token if any, `{}` as the body of a write."""
    client = await services.client(case.service)
    headers = await client.as_user(case.user) if case.user else {}
    body: Any = {} if case.method in WRITES else None
    return await client.request(case.method, case.url, json=body, headers=headers)


def problem(answer: httpx.Response) -> dict[str, Any]:
    """The problem+json body of a refusal."""
    assert answer.headers["content-type"] == PROBLEM, answer.text
    body: dict[str, Any] = answer.json()
    return body


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_each_role_gets_exactly_the_routes_the_matrix_grants_it(
    services: Services, case: Case
) -> None:
    answer = await call(services, case)
    if case.action is None:
        assert answer.status_code < 400, answer.text
    elif case.user is None:
        assert answer.status_code == 401, answer.text
        assert answer.headers["WWW-Authenticate"] == CHALLENGE
        assert problem(answer)["type"] == "urn:umkmjuara:problem:unauthenticated"
    elif not case.may:
        assert answer.status_code == 403, answer.text
        refusal = problem(answer)
        assert (refusal.get("action"), refusal["message"]) == (case.action, FUNCTION_LEVEL)
    else:
        assert answer.status_code != 401, answer.text
        assert answer.status_code < 500, answer.text
        if answer.status_code == 403:
            assert problem(answer)["message"] != FUNCTION_LEVEL, answer.text


def test_the_demo_users_cover_every_role_once() -> None:
    roles = [role for user in USERS for role in sorted(ROLES_OF[user])]
    assert sorted(roles) == sorted(ROLES)
