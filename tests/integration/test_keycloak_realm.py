"""The `umkm-juara` realm, imported into a real Keycloak, issues the tokens the services expect.

Tokens are verified with PyJWT against the realm's JWKS (signature, issuer, audience), then
their claims are read: the role of the matrix, the scope attributes and `aud` umkm-juara-api.
"""

import base64
import hashlib
import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest

from devstack.realm import AUDIENCE, DemoUser, client_secret, demo_users
from tests.infra import Oidc

MATRIX_ROLES = {
    "admin_provinsi",
    "dinas_kabupaten",
    "coordinator",
    "mentor",
    "partner",
    "bank",
    "viewer",
}
SCOPE_CLAIMS = ("kabupaten_code", "mentor_id", "partner_id")


async def _token(oidc: Oidc, **form: str) -> httpx.Response:
    async with httpx.AsyncClient(timeout=30) as http:
        return await http.post(oidc.token_endpoint, data=form)


async def _login(oidc: Oidc, username: str, password: str) -> httpx.Response:
    return await _token(
        oidc, grant_type="password", client_id="umkm-tests", username=username, password=password
    )


async def _verified_claims(oidc: Oidc, access_token: str) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=30) as http:
        discovery = (await http.get(f"{oidc.issuer}/.well-known/openid-configuration")).json()
        jwks = (await http.get(discovery["jwks_uri"])).json()
    kid = jwt.get_unverified_header(access_token)["kid"]
    key = jwt.PyJWK(next(k for k in jwks["keys"] if k["kid"] == kid))
    claims: dict[str, Any] = jwt.decode(
        access_token, key, algorithms=["RS256"], audience=AUDIENCE, issuer=oidc.issuer
    )
    return claims


def test_every_role_of_the_matrix_has_a_demo_user_with_a_dev_password() -> None:
    users = demo_users()
    assert {role for user in users for role in user.roles} == MATRIX_ROLES
    assert all(user.password == f"{user.username}-dev-123" for user in users)


async def test_the_realm_publishes_its_discovery_document_and_signing_keys(oidc: Oidc) -> None:
    async with httpx.AsyncClient(timeout=30) as http:
        resp = await http.get(f"{oidc.issuer}/.well-known/openid-configuration")
        discovery = resp.json()
        jwks = (await http.get(discovery["jwks_uri"])).json()

    assert resp.status_code == 200
    assert discovery["issuer"] == oidc.issuer
    assert "S256" in discovery["code_challenge_methods_supported"]
    assert any(k["alg"] == "RS256" and k["use"] == "sig" for k in jwks["keys"])


@pytest.mark.parametrize("user", demo_users(), ids=lambda u: u.username)
async def test_each_demo_user_gets_a_token_with_their_role_and_scope(
    oidc: Oidc, user: DemoUser
) -> None:
    resp = await _login(oidc, user.username, user.password)
    assert resp.status_code == 200, resp.text

    claims = await _verified_claims(oidc, resp.json()["access_token"])

    assert claims["aud"] == AUDIENCE
    assert claims["preferred_username"] == user.username
    assert claims["sub"]
    assert sorted(claims["realm_access"]["roles"]) == sorted(user.roles)  # nothing but the matrix
    assert {c: claims.get(c) for c in SCOPE_CLAIMS} == {
        c: user.attributes.get(c) for c in SCOPE_CLAIMS
    }


async def test_a_kabupaten_dinas_and_a_mentor_carry_their_scope_in_the_token(oidc: Oidc) -> None:
    dinas = await _login(oidc, "dinas.bekasi", "dinas.bekasi-dev-123")
    mentor = await _login(oidc, "mentor.bekasi", "mentor.bekasi-dev-123")

    dinas_claims = await _verified_claims(oidc, dinas.json()["access_token"])
    mentor_claims = await _verified_claims(oidc, mentor.json()["access_token"])

    assert dinas_claims["kabupaten_code"] == "32.16"
    assert dinas_claims["realm_access"]["roles"] == ["dinas_kabupaten"]
    assert mentor_claims["mentor_id"]
    assert mentor_claims["realm_access"]["roles"] == ["mentor"]


async def test_bank_jabar_gets_the_bank_role_by_client_credentials(oidc: Oidc) -> None:
    resp = await _token(
        oidc,
        grant_type="client_credentials",
        client_id="bank-jabar",
        client_secret=client_secret("bank-jabar"),
    )
    assert resp.status_code == 200, resp.text

    claims = await _verified_claims(oidc, resp.json()["access_token"])

    assert claims["azp"] == "bank-jabar"
    assert claims["realm_access"]["roles"] == ["bank"]
    assert claims["aud"] == AUDIENCE


async def test_the_provincial_system_views_the_whole_province(oidc: Oidc) -> None:
    resp = await _token(
        oidc,
        grant_type="client_credentials",
        client_id="provincial-system",
        client_secret=client_secret("provincial-system"),
    )

    claims = await _verified_claims(oidc, resp.json()["access_token"])

    assert claims["realm_access"]["roles"] == ["viewer"]
    assert claims["kabupaten_code"] == "32"


async def test_a_wrong_password_or_client_secret_is_refused(oidc: Oidc) -> None:
    password = await _login(oidc, "viewer.bekasi", "not-the-password")
    secret = await _token(
        oidc, grant_type="client_credentials", client_id="bank-jabar", client_secret="wrong"
    )

    assert password.status_code == 401
    assert password.json()["error"] == "invalid_grant"
    assert "access_token" not in password.json()
    assert secret.status_code == 401


async def test_the_dashboard_client_takes_no_passwords_and_requires_pkce_s256(oidc: Oidc) -> None:
    password = await _token(
        oidc,
        grant_type="password",
        client_id="umkm-dashboard",
        username="viewer.bekasi",
        password="viewer.bekasi-dev-123",
    )
    authorize = f"{oidc.issuer}/protocol/openid-connect/auth"
    params = {
        "client_id": "umkm-dashboard",
        "response_type": "code",
        "scope": "openid",
        "redirect_uri": "http://127.0.0.1:8004/callback",
    }
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    async with httpx.AsyncClient(timeout=30) as http:
        without_pkce = await http.get(authorize, params=params)
        plain_pkce = await http.get(
            authorize,
            params={**params, "code_challenge": verifier, "code_challenge_method": "plain"},
        )
        with_pkce = await http.get(
            authorize,
            params={
                **params,
                "code_challenge": challenge,
                "code_challenge_method": "S256",
            },
        )

    assert password.status_code in (400, 401)
    assert password.json()["error"] == "unauthorized_client"
    for refused in (without_pkce, plain_pkce):
        assert refused.status_code == 302
        error = parse_qs(urlsplit(refused.headers["location"]).query)["error"]
        assert error == ["invalid_request"]
    assert with_pkce.status_code == 200  # the login page
