"""The roles matrix, one generated test per role per action, and the object-level scopes."""

import pytest

from umkm_shared.auth.caller import ROLES, Caller, Role
from umkm_shared.auth.endpoints import ENDPOINTS
from umkm_shared.auth.matrix import MATRIX, SCOPE, may
from umkm_shared.auth.scope import (
    Target,
    allows,
    check,
    in_region,
    region_filter,
)
from umkm_shared.errors import RefusalError


def caller_of(role: Role) -> Caller:
    """A caller holding `role`, with every scope claim set to its own objects."""
    return Caller(
        subject="subj-own",
        roles=frozenset({role}),
        kabupaten_code="32.16",
        mentor_id="MTR-OWN",
        coordinator_id="CRD-OWN",
        partner_id="PTR-OWN",
    )


OWN = Target(
    kabupaten_code="32.16.10", mentor_id="MTR-OWN", partner_id="PTR-OWN", coordinators=["CRD-OWN"]
)
FOREIGN = Target(
    kabupaten_code="32.75.01", mentor_id="MTR-X", partner_id="PTR-X", coordinators=["CRD-X"]
)
CELLS = [(action, role) for action in sorted(MATRIX) for role in ROLES]


@pytest.mark.parametrize(("action", "role"), CELLS, ids=[f"{a}-{r}" for a, r in CELLS])
def test_each_role_may_exactly_the_actions_the_matrix_grants_it(action: str, role: Role) -> None:
    caller = caller_of(role)
    granted = role in MATRIX[action]
    assert may(caller, action) is granted
    # Object level: a grant reaches the caller's own objects (never any for the feed) ...
    assert allows(caller, action, OWN) is (granted and SCOPE[role] != "feed")
    # ... and another's objects only for the province-wide role.
    assert allows(caller, action, FOREIGN) is (granted and SCOPE[role] == "all")


def test_admin_provinsi_may_do_everything_and_bank_only_read_the_feed() -> None:
    assert all(may(caller_of("admin_provinsi"), action) for action in MATRIX)
    assert [a for a in MATRIX if may(caller_of("bank"), a)] == ["bankfeed.read"]


def test_every_endpoint_names_an_action_of_the_matrix() -> None:
    actions = {a for routes in ENDPOINTS.values() for a in routes.values() if a is not None}
    assert actions <= MATRIX.keys()


@pytest.mark.parametrize(
    ("code", "inside"),
    [
        ("32.16", True),
        ("32.16.10", True),
        ("32.16.10.2001", True),
        ("32.75", False),
        ("32.161", False),
        ("32.1", False),
    ],
)
def test_a_kabupaten_holds_itself_and_its_kecamatan_and_desa(code: str, inside: bool) -> None:
    assert in_region(caller_of("dinas_kabupaten"), code) is inside
    assert in_region(caller_of("viewer"), code) is inside


def test_a_regional_role_without_a_kabupaten_claim_reaches_no_region() -> None:
    caller = Caller(subject="s", roles=frozenset({"dinas_kabupaten"}))
    assert not in_region(caller, "32.16")
    assert not allows(caller, "registration.register", OWN)


def test_a_kabupaten_claim_gives_no_region_to_a_role_without_one() -> None:
    assert not in_region(caller_of("partner"), "32.16")
    assert in_region(caller_of("admin_provinsi"), "32.75")


def test_an_object_with_unknown_facts_is_refused_to_every_scope_but_all() -> None:
    for role in ROLES:
        granted = [a for a in MATRIX if may(caller_of(role), a)]
        assert all(allows(caller_of(role), a, Target()) is (SCOPE[role] == "all") for a in granted)


def test_a_provincial_viewer_reaches_every_kabupaten_of_the_province() -> None:
    provincial = Caller(subject="s", roles=frozenset({"viewer"}), kabupaten_code="32")
    assert in_region(provincial, "32.16.10")
    assert in_region(provincial, "32.04")
    assert not in_region(provincial, "33.01")
    assert region_filter(provincial) == "32"


def test_queries_are_narrowed_to_the_callers_kabupaten() -> None:
    assert region_filter(caller_of("admin_provinsi")) is None
    assert region_filter(caller_of("viewer")) == "32.16"
    assert region_filter(caller_of("dinas_kabupaten")) == "32.16"


@pytest.mark.parametrize("role", ["coordinator", "mentor", "partner", "bank"])
def test_a_query_by_a_role_without_a_region_is_refused_not_unfiltered(role: Role) -> None:
    with pytest.raises(RefusalError) as refused:
        region_filter(caller_of(role))
    assert refused.value.kind == "forbidden"


def test_check_refuses_another_kabupatens_object_with_403() -> None:
    check(caller_of("dinas_kabupaten"), "registration.update", OWN)
    with pytest.raises(RefusalError) as refused:
        check(caller_of("dinas_kabupaten"), "registration.update", FOREIGN)
    assert refused.value.kind == "forbidden"
