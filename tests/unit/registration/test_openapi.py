"""The registration API document: closed vocabularies as enums, programme time, a made-up NIK."""

import json
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from registration.adapters.regions import LokalReference
from registration.config import RegistrationSettings
from registration.domain.identity import EXAMPLE_NIK, check_nik
from registration.entrypoints.app import create_app
from registration.entrypoints.schemas import Purpose
from tests.privacy import raw_niks

SCALE_CLASSES = ["mikro", "kecil", "menengah", "besar"]


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return create_app(RegistrationSettings()).openapi()


def _schema(document: dict[str, Any], name: str) -> dict[str, Any]:
    schema: dict[str, Any] = document["components"]["schemas"][name]
    return schema


def _parameter(document: dict[str, Any], path: str, method: str, name: str) -> dict[str, Any]:
    [found] = [p for p in document["paths"][path][method]["parameters"] if p["name"] == name]
    schema: dict[str, Any] = found["schema"]
    return next((s for s in schema.get("anyOf", []) if "enum" in s), schema)


def test_the_consent_purpose_is_an_enum_in_the_openapi_document(document: dict[str, Any]) -> None:
    purpose = _parameter(document, "/smes/{sme_id}/consents/{purpose}", "put", "purpose")
    consents = _schema(document, "SmeView")["properties"]["consents"]["items"]
    assert purpose["enum"] == ["bank_jabar_mentoring_feed"]
    assert consents["enum"] == ["bank_jabar_mentoring_feed"]


def test_the_scale_class_is_an_enum_in_the_search_and_in_the_answer(
    document: dict[str, Any],
) -> None:
    assert _parameter(document, "/smes", "get", "scale_class")["enum"] == SCALE_CLASSES
    assert _schema(document, "ScaleView")["properties"]["scale_class"]["enum"] == SCALE_CLASSES
    assert _parameter(document, "/smes", "get", "status")["enum"] == ["active", "withdrawn"]


def test_the_joining_date_is_in_the_registration_request_and_the_sme_view(
    document: dict[str, Any],
) -> None:
    requested = _schema(document, "RegisterSmeRequest")["properties"]["joined_on"]
    shown = _schema(document, "SmeView")
    assert {"type": "string", "format": "date"} in requested["anyOf"]
    assert "joined_on" not in _schema(document, "RegisterSmeRequest").get("required", [])
    assert shown["properties"]["joined_on"]["format"] == "date"
    assert "joined_on" in shown["required"]


def test_the_example_nik_is_the_made_up_one_and_passes_the_nik_check(
    document: dict[str, Any],
) -> None:
    owner_nik = _schema(document, "RegisterSmeRequest")["properties"]["owner_nik"]
    assert owner_nik["examples"] == [EXAMPLE_NIK]
    assert "fiktif" in owner_nik["description"]
    assert check_nik(EXAMPLE_NIK, LokalReference()) is None
    assert set(raw_niks(json.dumps(document))) == {EXAMPLE_NIK}  # no other NIK-shaped number


def test_an_unknown_consent_purpose_is_refused_naming_the_known_ones_without_echoing_it() -> None:
    with pytest.raises(ValidationError) as refused:
        TypeAdapter(Purpose).validate_python("3216014506900001")
    [error] = refused.value.errors()
    assert error["ctx"]["pesan"] == (
        "Tujuan persetujuan tidak dikenal; yang ada: bank_jabar_mentoring_feed."
    )
    assert error["msg"] == "Unknown consent purpose; known: bank_jabar_mentoring_feed."
    assert "3216014506900001" not in json.dumps(error["ctx"]) + error["msg"]
