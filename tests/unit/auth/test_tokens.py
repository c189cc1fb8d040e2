"""The bearer-token check against a local issuer: every way a token can be wrong is refused."""

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from tests.unit.auth.issuer import AUDIENCE, ISSUER, LocalIssuer, rsa_key
from umkm_shared.auth.keys import IdentityProviderUnavailableError, KeySet
from umkm_shared.auth.tokens import TokenRefusedError, TokenValidator


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _segments(header: dict[str, object], claims: dict[str, object]) -> str:
    return f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"


class Clock:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_token_of_the_issuer_names_its_caller() -> None:
    issuer = LocalIssuer()
    caller = await issuer.validator().caller(issuer.token())
    assert caller.subject == "3f1c0e6a-user"
    assert caller.roles == {"dinas_kabupaten"}
    assert caller.kabupaten_code == "32.16"
    assert caller.client_id == "umkm-dashboard"
    assert caller.name == "dinas.bekasi"


async def test_an_es256_token_is_accepted() -> None:
    issuer = LocalIssuer(keys={"ec": ec.generate_private_key(ec.SECP256R1())}, published=["ec"])
    caller = await issuer.validator().caller(issuer.token(kid="ec"))
    assert caller.roles == {"dinas_kabupaten"}


async def test_an_audience_list_naming_the_api_is_accepted() -> None:
    issuer = LocalIssuer()
    caller = await issuer.validator().caller(issuer.token(aud=["account", AUDIENCE]))
    assert caller.subject == "3f1c0e6a-user"


async def test_a_token_expired_within_the_leeway_is_still_accepted() -> None:
    issuer = LocalIssuer()
    await issuer.validator().caller(issuer.token(exp=int(time.time()) - 3))


@pytest.mark.parametrize(
    ("case", "claims"),
    [
        # Times are offsets from when the test RUNS (a suite may run long after collection).
        ("expired", {"exp": -120}),
        ("not yet valid", {"nbf": 120}),
        ("wrong issuer", {"iss": "https://idp.test/realms/another"}),
        ("wrong audience", {"aud": "account"}),
        ("no audience", {"aud": None}),
        ("no expiry", {"exp": None}),
        ("no subject", {"sub": None}),
    ],
)
async def test_a_token_failing_a_claim_check_is_refused(case: str, claims: dict[str, Any]) -> None:
    issuer = LocalIssuer()
    now = int(time.time())
    timed = {k: now + v for k, v in claims.items() if k in ("exp", "nbf") and v is not None}
    with pytest.raises(TokenRefusedError):
        await issuer.validator().caller(issuer.token(**{**claims, **timed}))


async def test_no_token_and_garbage_are_refused() -> None:
    validator = LocalIssuer().validator()
    for token in (None, "", "not-a-jwt", "a.b.c"):
        with pytest.raises(TokenRefusedError):
            await validator.caller(token)


async def test_a_tampered_payload_breaks_the_signature() -> None:
    issuer = LocalIssuer()
    header, _, signature = issuer.token().split(".")
    forged = {"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "exp": int(time.time()) + 300}
    forged["realm_access"] = {"roles": ["admin_provinsi"]}
    payload = _b64(json.dumps(forged).encode())
    with pytest.raises(TokenRefusedError):
        await issuer.validator().caller(f"{header}.{payload}.{signature}")


async def test_alg_none_is_refused() -> None:
    issuer = LocalIssuer()
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "exp": int(time.time()) + 300}
    with pytest.raises(TokenRefusedError):
        await issuer.validator().caller(_segments({"alg": "none", "kid": "k1"}, claims) + ".")


async def test_an_hmac_keyed_with_the_public_key_is_refused() -> None:
    issuer = LocalIssuer()
    public_pem = (
        issuer.keys["k1"]
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "exp": int(time.time()) + 300}
    signing_input = _segments({"alg": "HS256", "kid": "k1", "typ": "JWT"}, claims)
    mac = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    with pytest.raises(TokenRefusedError):
        await issuer.validator().caller(f"{signing_input}.{_b64(mac)}")


async def test_a_header_claiming_es256_for_an_rsa_key_is_refused() -> None:
    issuer = LocalIssuer(keys={"k1": rsa_key(), "ec": ec.generate_private_key(ec.SECP256R1())})
    token = issuer.token(kid="ec")  # an ES256 signature, pointed at the RSA key below
    _, payload, signature = token.split(".")
    swapped = _b64(json.dumps({"alg": "ES256", "kid": "k1", "typ": "JWT"}).encode())
    with pytest.raises(TokenRefusedError):
        await issuer.validator().caller(f"{swapped}.{payload}.{signature}")


async def test_an_unknown_kid_refreshes_the_keys_once() -> None:
    issuer = LocalIssuer()
    clock = Clock()
    validator = TokenValidator(
        KeySet(ISSUER, 300, 30, 5, transport=issuer.transport(), clock=clock), AUDIENCE, 10
    )
    await validator.caller(issuer.token())
    issuer.keys["k2"] = rsa_key()  # the issuer rotates its key
    issuer.published.append("k2")
    clock.now += 31
    caller = await validator.caller(issuer.token(kid="k2"))
    assert caller.roles == {"dinas_kabupaten"}
    assert validator.keys.fetches == 2


async def test_a_flood_of_unknown_kids_fetches_once_per_interval() -> None:
    issuer = LocalIssuer(keys={"k1": rsa_key(), "rogue": rsa_key()})
    clock = Clock()
    validator = TokenValidator(
        KeySet(ISSUER, 300, 30, 5, transport=issuer.transport(), clock=clock), AUDIENCE, 10
    )
    await validator.caller(issuer.token())
    for _ in range(50):
        with pytest.raises(TokenRefusedError):
            await validator.caller(issuer.token(kid="rogue"))
    assert validator.keys.fetches == 1
    clock.now += 31
    with pytest.raises(TokenRefusedError):
        await validator.caller(issuer.token(kid="rogue"))
    assert validator.keys.fetches == 2
    assert issuer.requests.count("/realms/umkm-juara/.well-known/openid-configuration") == 1


async def test_an_unreachable_issuer_without_cached_keys_is_unavailable() -> None:
    issuer = LocalIssuer(up=False)
    with pytest.raises(IdentityProviderUnavailableError):
        await issuer.validator().caller(issuer.token())


async def test_an_issuer_unreachable_at_the_first_fetch_stays_unavailable_until_its_keys_come() -> (
    None
):
    issuer = LocalIssuer(up=False)
    clock = Clock()
    validator = TokenValidator(
        KeySet(ISSUER, 300, 30, 5, transport=issuer.transport(), clock=clock), AUDIENCE, 10
    )
    for _ in range(3):  # 503 (retry later) for every token, never 401 (unknown key)
        with pytest.raises(IdentityProviderUnavailableError):
            await validator.caller(issuer.token())
    assert validator.keys.fetches == 1
    issuer.up = True
    clock.now += 1.5  # well before the 30 s of the unknown-kid pace
    caller = await validator.caller(issuer.token())
    assert caller.subject == "3f1c0e6a-user"
    assert validator.keys.fetches == 2


async def test_cached_keys_outlive_an_issuer_outage() -> None:
    issuer = LocalIssuer()
    clock = Clock()
    validator = TokenValidator(
        KeySet(ISSUER, 300, 30, 5, transport=issuer.transport(), clock=clock), AUDIENCE, 10
    )
    await validator.caller(issuer.token())
    issuer.up = False
    clock.now += 600  # the cache is stale and the refresh fails
    caller = await validator.caller(issuer.token())
    assert caller.subject == "3f1c0e6a-user"


async def test_a_discovery_document_of_another_issuer_is_not_trusted() -> None:
    issuer = LocalIssuer()
    keys = KeySet("https://idp.test/realms/other", 300, 30, 5, transport=issuer.transport())
    with pytest.raises(IdentityProviderUnavailableError):
        await TokenValidator(keys, AUDIENCE, 10).caller(issuer.token())


class CountingDecode:
    """Counts the full checks (`jwt.decode`) the validator makes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import jwt  # noqa: PLC0415

        self.calls = 0
        self._decode = jwt.decode
        monkeypatch.setattr(jwt, "decode", self)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self._decode(*args, **kwargs)


async def test_a_token_sent_again_is_not_checked_again_within_a_minute(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    issuer, clock = LocalIssuer(), WallClock()
    validator = TokenValidator(issuer.validator().keys, AUDIENCE, 10, clock=clock)
    checks, token = CountingDecode(monkeypatch), issuer.token()

    first = await validator.caller(token)
    clock.now += 59
    again = await validator.caller(token)
    clock.now += 2
    later = await validator.caller(token)

    assert first == again == later
    assert checks.calls == 2


async def test_a_remembered_token_is_checked_again_once_it_expires(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    issuer, clock = LocalIssuer(), WallClock()
    validator = TokenValidator(issuer.validator().keys, AUDIENCE, 10, clock=clock)
    checks = CountingDecode(monkeypatch)
    token = issuer.token(exp=int(clock.now) + 20)

    await validator.caller(token)
    clock.now += 31  # past exp + leeway, before the minute
    await validator.caller(token)

    assert checks.calls == 2


class WallClock:
    """`time.time` that the test moves."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now
