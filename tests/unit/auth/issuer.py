"""A local OpenID provider for unit tests: RSA keys, a JWKS over httpx.MockTransport, tokens."""

import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from umkm_shared.auth.keys import KeySet
from umkm_shared.auth.tokens import TokenValidator

ISSUER = "https://idp.test/realms/umkm-juara"
AUDIENCE = "umkm-juara-api"
PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


def rsa_key() -> rsa.RSAPrivateKey:
    """A fresh 2048-bit RSA key."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_jwk(kid: str, key: PrivateKey) -> dict[str, Any]:
    """The public half of `key` as a JWK with `kid`."""
    if isinstance(key, rsa.RSAPrivateKey):
        jwk = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
        return {**jwk, "kid": kid, "use": "sig", "alg": "RS256"}
    jwk = ECAlgorithm.to_jwk(key.public_key(), as_dict=True)
    return {**jwk, "kid": kid, "use": "sig", "alg": "ES256"}


@dataclass
class LocalIssuer:
    """Publishes the keys in `published`; counts the requests the validator makes."""

    keys: dict[str, PrivateKey] = field(default_factory=lambda: {"k1": rsa_key()})
    published: list[str] = field(default_factory=lambda: ["k1"])
    requests: list[str] = field(default_factory=list)
    up: bool = True

    def handle(self, request: httpx.Request) -> httpx.Response:
        """The discovery document and the JWKS."""
        self.requests.append(request.url.path)
        if not self.up:
            return httpx.Response(503)
        if request.url.path.endswith("/.well-known/openid-configuration"):
            certs = f"{ISSUER}/protocol/openid-connect/certs"
            return httpx.Response(200, json={"issuer": ISSUER, "jwks_uri": certs})
        jwks = [public_jwk(kid, self.keys[kid]) for kid in self.published]
        return httpx.Response(200, json={"keys": jwks})

    def transport(self) -> httpx.MockTransport:
        """An httpx transport answering as this issuer."""
        return httpx.MockTransport(self.handle)

    def validator(self, min_refresh_seconds: float = 30) -> TokenValidator:
        """A validator trusting this issuer."""
        keys = KeySet(ISSUER, 300, min_refresh_seconds, 5, transport=self.transport())
        return TokenValidator(keys, AUDIENCE, leeway_seconds=10)

    def token(self, kid: str = "k1", **claims: Any) -> str:
        """A signed access token; `claims` override or (as None) remove the defaults."""
        now = int(time.time())
        body: dict[str, Any] = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": "3f1c0e6a-user",
            "iat": now,
            "exp": now + 300,
            "azp": "umkm-dashboard",
            "preferred_username": "dinas.bekasi",
            "realm_access": {"roles": ["dinas_kabupaten", "offline_access"]},
            "kabupaten_code": "32.16",
        }
        body.update(claims)
        body = {name: value for name, value in body.items() if value is not None}
        key = self.keys[kid]
        algorithm = "RS256" if isinstance(key, rsa.RSAPrivateKey) else "ES256"
        return jwt.encode(body, key, algorithm=algorithm, headers={"kid": kid})
