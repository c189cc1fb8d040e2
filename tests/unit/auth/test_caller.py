"""Claims to Caller: Keycloak's shapes, and scope claims that grant nothing when malformed."""

from umkm_shared.auth.caller import Caller, caller_from_claims


def test_keycloak_realm_roles_become_the_platform_roles_only() -> None:
    claims = {
        "sub": "u1",
        "realm_access": {"roles": ["mentor", "offline_access", "default-roles-umkm-juara"]},
        "mentor_id": "MTR-0007",
    }
    caller = caller_from_claims(claims)
    assert caller.roles == {"mentor"}
    assert caller.mentor_id == "MTR-0007"


def test_a_multivalued_attribute_of_one_value_is_read() -> None:
    claims = {"sub": "u1", "roles": ["partner"], "partner_id": ["PTR-INDOMARET"]}
    assert caller_from_claims(claims).partner_id == "PTR-INDOMARET"


def test_a_malformed_kabupaten_code_grants_no_region() -> None:
    for code in ("3", "32.16.10", "32.16; drop", ["32.16", "32.75"], 3216):
        claims = {"sub": "u1", "roles": ["viewer"], "kabupaten_code": code}
        assert caller_from_claims(claims).kabupaten_code is None


def test_unknown_roles_and_missing_claims_grant_nothing() -> None:
    caller = caller_from_claims({"sub": "u1", "realm_access": {"roles": ["superuser"]}})
    assert caller == Caller(subject="u1", roles=frozenset())


def test_a_service_account_token_names_its_client() -> None:
    claims = {"sub": "u2", "client_id": "bank-jabar", "realm_access": {"roles": ["bank"]}}
    assert caller_from_claims(claims).client_id == "bank-jabar"


def test_the_callers_name_stays_out_of_its_repr() -> None:
    caller = caller_from_claims({"sub": "u1", "preferred_username": "siti.rahma"})
    assert caller.name == "siti.rahma"
    assert "siti" not in repr(caller)
