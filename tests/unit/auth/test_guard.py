"""`require(action)` on a route: 401 without a valid token, 403 for a role without the grant."""

from collections.abc import AsyncIterator
from typing import Annotated, Literal

import httpx
import pytest
from fastapi import Depends, FastAPI
from pydantic import ValidationError

from tests.unit.auth.issuer import ISSUER, LocalIssuer
from umkm_shared.auth import AuthSettings, Caller, install, require
from umkm_shared.service import problems


def app_of(settings: AuthSettings, issuer: LocalIssuer) -> FastAPI:
    """An app with one guarded route that answers who called."""
    app = FastAPI()
    problems.install(app)
    install(app, settings, transport=issuer.transport())

    @app.post("/smes")
    async def register(
        caller: Annotated[Caller, Depends(require("registration.register"))],
    ) -> dict[str, object]:
        return {"subject": caller.subject, "roles": sorted(caller.roles)}

    return app


@pytest.fixture
def issuer() -> LocalIssuer:
    """The local issuer the app trusts."""
    return LocalIssuer()


@pytest.fixture
async def client(issuer: LocalIssuer) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app, as a resource server of the local issuer."""
    app = app_of(AuthSettings(profile="test", oidc_issuer=ISSUER), issuer)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://svc") as http:
        yield http


def bearer(token: str) -> dict[str, str]:
    """The Authorization header for `token`."""
    return {"Authorization": f"Bearer {token}"}


async def test_a_caller_whose_role_may_gets_through(
    client: httpx.AsyncClient, issuer: LocalIssuer
) -> None:
    answer = await client.post("/smes", headers=bearer(issuer.token()))
    assert answer.status_code == 200
    assert answer.json() == {"subject": "3f1c0e6a-user", "roles": ["dinas_kabupaten"]}


@pytest.mark.parametrize("headers", [{}, bearer("not-a-jwt"), {"Authorization": "Basic eDp5"}])
async def test_no_valid_token_answers_401_with_a_bearer_challenge(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    answer = await client.post("/smes", headers=headers)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert answer.headers["content-type"] == problems.MEDIA_TYPE
    assert answer.json()["type"] == "urn:umkmjuara:problem:unauthenticated"


async def test_an_expired_token_answers_401(client: httpx.AsyncClient, issuer: LocalIssuer) -> None:
    answer = await client.post("/smes", headers=bearer(issuer.token(exp=1_000_000)))
    assert answer.status_code == 401


async def test_a_role_without_the_grant_answers_403(
    client: httpx.AsyncClient, issuer: LocalIssuer
) -> None:
    token = issuer.token(realm_access={"roles": ["viewer"]})
    answer = await client.post("/smes", headers=bearer(token))
    assert answer.status_code == 403
    assert answer.json()["type"] == "urn:umkmjuara:problem:forbidden"


async def test_an_unreachable_issuer_answers_503(
    client: httpx.AsyncClient, issuer: LocalIssuer
) -> None:
    issuer.up = False
    answer = await client.post("/smes", headers=bearer(issuer.token()))
    assert answer.status_code == 503


async def test_dev_without_an_issuer_runs_open_as_an_admin(issuer: LocalIssuer) -> None:
    app = app_of(AuthSettings(profile="dev", oidc_issuer=None), issuer)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://svc") as http:
        answer = await http.post("/smes")
    assert answer.json()["roles"] == ["admin_provinsi"]
    assert issuer.requests == []


@pytest.mark.parametrize("profile", ["test", "prod"])
def test_outside_dev_a_service_refuses_to_start_without_an_issuer(
    profile: Literal["test", "prod"],
) -> None:
    with pytest.raises(ValidationError, match="OIDC_ISSUER"):
        AuthSettings(profile=profile)


def test_an_action_missing_from_the_matrix_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="roles matrix"):
        require("registration.delete_everything")
