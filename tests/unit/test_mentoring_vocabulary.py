"""Mentoring's vocabularies are the contracts' ones, never copies."""

import pytest
from pydantic import ValidationError

from mentoring.domain.values import DimensionAchieved
from umkm_shared.contracts.vocabularies import DIMENSIONS


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_every_published_dimension_can_be_achieved(dimension: str) -> None:
    assert DimensionAchieved(dimension=dimension, before="a", after="b", evidence=()).dimension


def test_a_dimension_the_contract_does_not_name_is_refused() -> None:
    with pytest.raises(ValidationError):
        DimensionAchieved(dimension="popularity", before="a", after="b", evidence=())


def test_the_documented_dimensions_are_the_published_ones() -> None:
    schema = DimensionAchieved.model_json_schema()
    assert tuple(schema["properties"]["dimension"]["enum"]) == DIMENSIONS
