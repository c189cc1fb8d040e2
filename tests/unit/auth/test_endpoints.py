"""The endpoint list of the roles matrix is every route of the four services, each guarded.

Each service's app is built as it is served (`create_app`, no I/O until its lifespan runs),
with settings pointing at servers that are never contacted.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from mentoring.config import MentoringSettings
from mentoring.entrypoints.app import create_app as mentoring_app
from partnership.config import PartnershipSettings
from partnership.entrypoints.app import create_app as partnership_app
from registration.config import RegistrationSettings
from registration.entrypoints.app import create_app as registration_app
from reporting.config import ReportingSettings
from reporting.entrypoints.app import create_app as reporting_app
from umkm_shared.auth.endpoints import ENDPOINTS, Route
from umkm_shared.auth.guard import Require

NOWHERE: dict[str, Any] = {
    "profile": "test",
    "oidc_issuer": "https://idp.test/realms/umkm-juara",
    "kafka_bootstrap_servers": "127.0.0.1:9",
    "mongodb_url": "mongodb://127.0.0.1:9",
}
"""Settings of servers that are never contacted: building an app does no I/O."""

BOOTSTRAP: set[Route] = {("GET", "/health"), ("GET", "/ready"), ("GET", "/metrics")}
"""The operations routes every app gets from the bootstrap; open, and not in ENDPOINTS."""

APPS: dict[str, Callable[[], FastAPI]] = {
    "registration": lambda: registration_app(RegistrationSettings(**NOWHERE)),
    "mentoring": lambda: mentoring_app(MentoringSettings(**NOWHERE)),
    "partnership": lambda: partnership_app(PartnershipSettings(**NOWHERE)),
    "reporting": lambda: reporting_app(ReportingSettings(**NOWHERE)),
}


@pytest.fixture(scope="module", params=sorted(APPS))
def service(request: pytest.FixtureRequest) -> str:
    """One service's name."""
    return str(request.param)


@pytest.fixture(scope="module")
def routes(service: str) -> dict[Route, Dependant]:
    """What each route of the service's app depends on, by (method, path), the bootstrap's too.

    Read as the app serves them (FastAPI resolves included routers lazily), so a guard given
    to `include_router(..., dependencies=...)` counts as well as one on the route.
    """
    return {
        (method, str(context.path)): context.dependant
        for context in iter_route_contexts(APPS[service]().routes)
        if isinstance(context.original_route, APIRoute)
        for method in context.methods or ()
    }


def guards(dependant: Dependant) -> Iterator[Require]:
    """Every `require(action)` among the dependencies, however deeply nested."""
    for dependency in dependant.dependencies:
        if isinstance(dependency.call, Require):
            yield dependency.call
        yield from guards(dependency)


def test_the_endpoint_list_names_every_route_of_the_service(
    service: str, routes: dict[Route, Dependant]
) -> None:
    assert set(routes) - BOOTSTRAP == set(ENDPOINTS[service])


def test_every_listed_route_asks_for_exactly_its_action_once(
    service: str, routes: dict[Route, Dependant]
) -> None:
    wrong = {
        f"{method} {path}": (expected, found)
        for (method, path), expected in ENDPOINTS[service].items()
        if (dependant := routes.get((method, path))) is not None
        and (found := [guard.action for guard in guards(dependant)])
        != ([expected] if expected else [])
    }
    assert wrong == {}, "route: (listed action, the actions its guards ask for)"


def test_the_operations_routes_stay_open(routes: dict[Route, Dependant]) -> None:
    assert {key: [g.action for g in guards(routes[key])] for key in BOOTSTRAP} == {
        key: [] for key in BOOTSTRAP
    }
