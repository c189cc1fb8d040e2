"""The endpoint list of the roles matrix is every route of the four services, each guarded."""

from typing import Any

import pytest
from fastapi.routing import APIRoute

from mentoring.entrypoints.app import SERVICE as MENTORING
from partnership.entrypoints.app import SERVICE as PARTNERSHIP
from registration.entrypoints.app import SERVICE as REGISTRATION
from reporting.entrypoints.app import SERVICE as REPORTING
from umkm_shared.auth.endpoints import ENDPOINTS, Route
from umkm_shared.auth.guard import Require
from umkm_shared.service.bootstrap import ServiceDefinition

SERVICES: list[ServiceDefinition[Any]] = [REGISTRATION, MENTORING, PARTNERSHIP, REPORTING]


def routes(service: ServiceDefinition[Any]) -> dict[Route, APIRoute]:
    """The service's own routes by (method, path); the bootstrap adds /health, /ready, /metrics."""
    return {
        (method, route.path): route
        for router in service.routers
        for route in router.routes
        if isinstance(route, APIRoute)
        for method in route.methods or ()
    }


def guard_of(route: APIRoute) -> str | None:
    """The action the route's `require` dependency asks for, if it has one."""
    found = [d.call.action for d in route.dependant.dependencies if isinstance(d.call, Require)]
    return found[0] if found else None


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_the_endpoint_list_names_every_route_of_the_service(
    service: ServiceDefinition[Any],
) -> None:
    assert set(routes(service)) == set(ENDPOINTS[service.name])


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_a_guarded_route_asks_for_its_listed_action(service: ServiceDefinition[Any]) -> None:
    # Until the routes are wired a route may have no guard yet; once they are, tighten this
    # to `guard_of(route) == ENDPOINTS[...][key]` so no new route can stay unguarded.
    for key, route in routes(service).items():
        assert guard_of(route) in {None, ENDPOINTS[service.name][key]}, key
