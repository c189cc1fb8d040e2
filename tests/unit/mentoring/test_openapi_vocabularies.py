"""Mentoring's closed vocabularies are enums in its OpenAPI, its programme dates are
documented, and its 409s say when to retry."""

from typing import Any

import pytest

from mentoring.config import MentoringSettings
from mentoring.entrypoints.app import create_app
from mentoring.entrypoints.asyncapi import render
from umkm_shared.contracts.vocabularies import DIMENSIONS, MILESTONES, SESSION_TOPICS


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    return create_app(MentoringSettings()).openapi()


def enum_of(schema: dict[str, Any]) -> list[str]:
    """The enum of a property, whether optional (anyOf with null) or a list of them."""
    if "items" in schema:
        return enum_of(schema["items"])
    for option in schema.get("anyOf", [schema]):
        if "enum" in option:
            return list(option["enum"])
    raise AssertionError(f"no enum in {schema}")


@pytest.mark.parametrize(
    ("model", "field", "values"),
    [
        ("LogSession", "topics", SESSION_TOPICS),
        ("LogSession", "mode", ("tatap_muka", "daring")),
        ("Session", "topics", SESSION_TOPICS),
        ("RegisterMentor", "expertise", SESSION_TOPICS),
        ("RecordMilestone", "milestone", MILESTONES),
        ("RecordMilestone", "financing_source", ("kur", "bank_credit", "other")),
        ("MilestoneRecord", "milestone", MILESTONES),
        ("ClaimedDimension", "dimension", DIMENSIONS),
        ("DimensionAchieved", "dimension", DIMENSIONS),
        ("Graduation", "decided_by", ("policy", "coordinator")),
        ("CohortView", "status", ("open", "closing", "closed")),
    ],
)
def test_every_closed_vocabulary_is_an_enum_in_the_openapi(
    openapi: dict[str, Any], model: str, field: str, values: tuple[str, ...]
) -> None:
    schema = openapi["components"]["schemas"][model]["properties"][field]
    assert enum_of(schema) == list(values)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/cohorts/{cohort_id}/enrollments"),
        ("put", "/cohorts/{cohort_id}/enrollments/{sme_id}/mentor"),
        ("post", "/cohorts/{cohort_id}/enrollments/{sme_id}/sessions"),
        ("post", "/cohorts/{cohort_id}/enrollments/{sme_id}/milestones"),
        ("post", "/cohorts/{cohort_id}/enrollments/{sme_id}/graduation"),
    ],
)
def test_commands_naming_an_sme_document_409_with_retry_after(
    openapi: dict[str, Any], method: str, path: str
) -> None:
    conflict = openapi["paths"][path][method]["responses"]["409"]
    assert "Retry-After" in conflict["headers"]
    assert "propagating" in conflict["description"]


def test_cohort_closed_is_among_the_published_events() -> None:
    assert "CohortClosed" in render()


@pytest.mark.parametrize(
    ("model", "field"), [("EnrollRequest", "enrolled_on"), ("AssignRequest", "assigned_on")]
)
def test_the_programme_date_of_a_command_is_an_optional_documented_date(
    openapi: dict[str, Any], model: str, field: str
) -> None:
    schema = openapi["components"]["schemas"][model]
    formats = [option.get("format") for option in schema["properties"][field]["anyOf"]]
    assert field not in schema.get("required", [])
    assert "date" in formats
    assert "Programme time" in schema["properties"][field]["description"]
