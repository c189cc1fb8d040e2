"""The resource-server layer against the real Keycloak: its tokens name the right Caller.

Tokens come from the `umkm-juara` realm (password grant through the `umkm-tests` client,
client credentials for machine callers) and are checked by `umkm_shared.auth` exactly as a
service checks them: discovery, JWKS, signature, issuer, audience, expiry.
"""

from typing import Any

import httpx
import pytest

from devstack.realm import DemoUser, client_secret, demo_users
from tests.infra import Oidc
from umkm_shared.auth import AuthSettings, Caller, in_region, may, region_filter
from umkm_shared.auth.guard import authenticator
from umkm_shared.auth.tokens import Authenticator, TokenRefusedError


def validator(issuer: str, audience: str = "umkm-juara-api") -> Authenticator:
    """What a service in profile test builds from its settings."""
    return authenticator(AuthSettings(profile="test", oidc_issuer=issuer, oidc_audience=audience))


async def tokens(oidc: Oidc, **form: str) -> dict[str, Any]:
    """The token endpoint's answer to `form`."""
    async with httpx.AsyncClient(timeout=30) as http:
        answer = await http.post(oidc.token_endpoint, data=form)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


async def login(oidc: Oidc, username: str, password: str) -> dict[str, Any]:
    """A demo user's tokens through the test client (password grant)."""
    return await tokens(
        oidc,
        grant_type="password",
        client_id="umkm-tests",
        username=username,
        password=password,
        scope="openid",
    )


@pytest.mark.parametrize("user", demo_users(), ids=lambda u: u.username)
async def test_a_demo_users_token_names_their_role_and_scope(oidc: Oidc, user: DemoUser) -> None:
    access = (await login(oidc, user.username, user.password))["access_token"]

    caller = await validator(oidc.issuer).caller(access)

    assert caller.roles == set(user.roles)
    assert caller.kabupaten_code == user.attributes.get("kabupaten_code")
    assert caller.mentor_id == user.attributes.get("mentor_id")
    assert caller.partner_id == user.attributes.get("partner_id")
    assert caller.name == user.username
    assert caller.client_id == "umkm-tests"
    assert caller.subject


async def test_the_dinas_of_bekasi_reaches_bekasi_only(oidc: Oidc) -> None:
    access = (await login(oidc, "dinas.bekasi", "dinas.bekasi-dev-123"))["access_token"]
    caller: Caller = await validator(oidc.issuer).caller(access)

    assert may(caller, "registration.register")
    assert not may(caller, "mentoring.log_session")
    assert in_region(caller, "32.16.10")
    assert not in_region(caller, "32.04")
    assert region_filter(caller) == "32.16"


async def test_bank_jabar_by_client_credentials_is_the_bank_role(oidc: Oidc) -> None:
    access = (
        await tokens(
            oidc,
            grant_type="client_credentials",
            client_id="bank-jabar",
            client_secret=client_secret("bank-jabar"),
        )
    )["access_token"]

    caller = await validator(oidc.issuer).caller(access)

    assert caller.roles == {"bank"}
    assert caller.client_id == "bank-jabar"


async def test_a_token_for_another_audience_is_refused(oidc: Oidc) -> None:
    answer = await login(oidc, "viewer.bekasi", "viewer.bekasi-dev-123")

    with pytest.raises(TokenRefusedError):
        await validator(oidc.issuer, audience="another-api").caller(answer["access_token"])
    with pytest.raises(TokenRefusedError):  # an ID token is for the client, not for the API
        await validator(oidc.issuer).caller(answer["id_token"])


async def test_a_token_of_another_realm_is_refused(oidc: Oidc) -> None:
    access = (await login(oidc, "viewer.bekasi", "viewer.bekasi-dev-123"))["access_token"]
    other_realm = oidc.issuer.rsplit("/", 1)[0] + "/master"

    with pytest.raises(TokenRefusedError):
        await validator(other_realm).caller(access)
