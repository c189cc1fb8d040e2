"""Every event type round-trips and matches its committed schema, checked independently."""

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from jsonschema import Draft202012Validator
from pydantic import BaseModel

from tests.contracts.schema_files import committed_schema
from umkm_shared.contracts.catalogue import CATALOGUE, EventSpec, make_event
from umkm_shared.contracts.envelope import CloudEvent
from umkm_shared.contracts.examples import example_event
from umkm_shared.contracts.schemas import event_schema

SPECS = sorted(CATALOGUE.values(), key=lambda s: s.type)
ids = [s.type for s in SPECS]


def _validator(spec: EventSpec) -> Draft202012Validator:
    return Draft202012Validator(
        committed_schema(spec), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def _data_schema(spec: EventSpec) -> dict[str, Any]:
    schema = event_schema(spec)
    data_ref = schema["properties"]["data"]
    return {"$defs": schema["$defs"], **data_ref}


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_the_documented_example_round_trips_model_json_model(spec: EventSpec) -> None:
    message = example_event(spec)
    event = CloudEvent[spec.model].model_validate(message)  # type: ignore[name-defined]
    again = CloudEvent[spec.model].model_validate_json(event.to_json_bytes())  # type: ignore[name-defined]
    assert again == event


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_the_documented_example_validates_against_the_committed_schema(spec: EventSpec) -> None:
    message = example_event(spec)
    errors = [e.message for e in _validator(spec).iter_errors(message)]
    assert errors == []


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_every_field_has_a_description_and_an_example(spec: EventSpec) -> None:
    undocumented = [
        f"{model.__name__}.{name}"
        for model in _models_in(spec.model)
        for name, field in model.model_fields.items()
        if not field.description
        or not (field.examples or _annotated_examples(field) or _holds_a_model(field.annotation))
    ]
    assert undocumented == []


@pytest.mark.parametrize("spec", SPECS, ids=ids)
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_generated_events_round_trip_and_match_the_committed_schema(
    spec: EventSpec, data: st.DataObject
) -> None:
    payload = data.draw(from_schema(_data_schema(spec)))
    model = spec.model.model_validate(payload)
    event = make_event(model, aggregate_version=1)
    wire = event.to_json_bytes()
    again = CloudEvent[spec.model].model_validate_json(wire)  # type: ignore[name-defined]
    assert again.data == model
    assert [e.message for e in _validator(spec).iter_errors(again.model_dump(mode="json"))] == []


def _annotated_examples(field: Any) -> bool:
    return any(getattr(m, "examples", None) for m in field.metadata)


def _holds_a_model(tp: Any) -> bool:
    """Fields holding nested models are exemplified by the nested fields' own examples."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return True
    return any(_holds_a_model(arg) for arg in getattr(tp, "__args__", ()))


def _models_in(model: type[Any]) -> list[type[Any]]:
    seen: list[type[Any]] = []

    def visit(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in seen:
                return
            seen.append(tp)
            for f in tp.model_fields.values():
                visit(f.annotation)
        for arg in getattr(tp, "__args__", ()):
            visit(arg)

    visit(model)
    return seen
