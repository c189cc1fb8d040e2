"""The compatibility gate: current schemas against the released v1, and proof that it bites."""

import copy
import json
from typing import Any

import pytest

from tests.contracts.schema_files import RELEASED_V1, REPO
from umkm_shared.contracts.catalogue import CATALOGUE, spec_for
from umkm_shared.contracts.compatibility import breaking_changes
from umkm_shared.contracts.registration import SMERegistered
from umkm_shared.contracts.schemas import event_schema, schema_file

RELEASED = sorted(RELEASED_V1.rglob("*.schema.json"))


def _current_by_file() -> dict[str, dict[str, Any]]:
    return {schema_file(s): event_schema(s) for s in CATALOGUE.values() if s.major == 1}


def test_a_released_v1_exists_to_compare_against() -> None:
    assert len(RELEASED) >= len(_current_by_file()) > 0


@pytest.mark.parametrize("released", RELEASED, ids=lambda p: str(p.relative_to(RELEASED_V1)))
def test_the_current_schema_is_backward_compatible_with_the_released_one(released: Any) -> None:
    current = _current_by_file().get(str(released.relative_to(RELEASED_V1)))
    assert current is not None, f"{released.name} was released but the event type is gone"
    assert breaking_changes(json.loads(released.read_text()), current) == []


@pytest.fixture
def released_registered() -> dict[str, Any]:
    return event_schema(spec_for(SMERegistered))


def test_removing_a_field_is_caught(released_registered: dict[str, Any]) -> None:
    broken = copy.deepcopy(released_registered)
    del broken["$defs"]["SMERegistered"]["properties"]["kbli"]
    assert "data.kbli: field removed" in breaking_changes(released_registered, broken)


def test_retyping_a_field_is_caught(released_registered: dict[str, Any]) -> None:
    broken = copy.deepcopy(released_registered)
    broken["$defs"]["SMERegistered"]["properties"]["kbli"] = {"type": "integer"}
    assert breaking_changes(released_registered, broken) == [
        "data.kbli: type changed from string to integer"
    ]


def test_a_new_required_field_is_caught(released_registered: dict[str, Any]) -> None:
    broken = copy.deepcopy(released_registered)
    model = broken["$defs"]["SMERegistered"]
    model["properties"]["rt_rw"] = {"type": "string"}
    model["required"].append("rt_rw")
    assert breaking_changes(released_registered, broken) == ["data.rt_rw: is a new required field"]


def test_a_new_optional_field_is_fine(released_registered: dict[str, Any]) -> None:
    grown = copy.deepcopy(released_registered)
    grown["$defs"]["SMERegistered"]["properties"]["rt_rw"] = {
        "anyOf": [{"type": "string"}, {"type": "null"}],
        "default": None,
    }
    assert breaking_changes(released_registered, grown) == []


def test_making_a_field_nullable_is_fine_but_not_the_reverse(
    released_registered: dict[str, Any],
) -> None:
    widened = copy.deepcopy(released_registered)
    props = widened["$defs"]["SMERegistered"]["properties"]
    props["kbli"] = {"anyOf": [props["kbli"], {"type": "null"}]}
    assert breaking_changes(released_registered, widened) == []
    assert breaking_changes(widened, released_registered) == [
        "data.kbli: type changed from null | string to string"
    ]


def test_a_tightened_pattern_is_caught(released_registered: dict[str, Any]) -> None:
    broken = copy.deepcopy(released_registered)
    broken["$defs"]["SMERegistered"]["properties"]["kbli"]["pattern"] = r"^\d{6}$"
    assert breaking_changes(released_registered, broken) == [
        r"data.kbli: pattern changed from '^\\d{5}$' to '^\\d{6}$'"
    ]


def test_the_gate_reads_the_committed_broken_fixture_as_incompatible() -> None:
    fixture = REPO / "tests" / "contracts" / "fixtures" / "SMERegistered.broken.schema.json"
    released = RELEASED_V1 / "registration" / "SMERegistered.v1.schema.json"
    problems = breaking_changes(json.loads(released.read_text()), json.loads(fixture.read_text()))
    assert "data.nib: field removed" in problems
    assert "data.kabupaten_code: type changed from string to integer" in problems
