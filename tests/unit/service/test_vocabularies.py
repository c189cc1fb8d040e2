"""The shared vocabularies are exactly what the published contracts allow, in their order."""

from typing import Any

import pytest
from pydantic import TypeAdapter

from umkm_shared.contracts import vocabularies
from umkm_shared.contracts.mentoring_progress import GraduationDimension
from umkm_shared.contracts.partnership import PartnershipPattern
from umkm_shared.contracts.types import Milestone, ScaleClass, SessionTopic


def _schema_enum(annotated: Any) -> tuple[str, ...]:
    return tuple(TypeAdapter(annotated).json_schema()["enum"])


@pytest.mark.parametrize(
    ("vocabulary", "contract_type"),
    [
        (vocabularies.SCALE_CLASSES, ScaleClass),
        (vocabularies.SESSION_TOPICS, SessionTopic),
        (vocabularies.MILESTONES, Milestone),
        (vocabularies.PARTNERSHIP_PATTERNS, PartnershipPattern),
    ],
)
def test_a_vocabulary_equals_the_values_its_contract_type_accepts(
    vocabulary: tuple[str, ...],
    contract_type: Any,
) -> None:
    assert vocabulary == _schema_enum(contract_type)


def test_the_dimensions_are_those_a_graduation_can_name() -> None:
    schema = TypeAdapter(GraduationDimension).json_schema()

    assert tuple(schema["properties"]["dimension"]["enum"]) == vocabularies.DIMENSIONS


def test_scale_classes_rank_smallest_first() -> None:
    assert vocabularies.SCALE_CLASSES == ("mikro", "kecil", "menengah", "besar")
    assert [vocabularies.SCALE_RANK[c] for c in vocabularies.SCALE_CLASSES] == [0, 1, 2, 3]


def test_there_are_the_ten_partnership_patterns_of_pp_7_2021() -> None:
    assert len(vocabularies.PARTNERSHIP_PATTERNS) == 10


@pytest.mark.parametrize(
    ("before", "after", "naik_kelas"),
    [
        ("mikro", "kecil", True),
        ("kecil", "besar", True),
        ("kecil", "kecil", False),
        ("menengah", "kecil", False),
        (None, "kecil", False),
    ],
)
def test_moving_to_a_higher_class_is_naik_kelas(
    before: str | None, after: str, naik_kelas: bool
) -> None:
    assert vocabularies.moved_up(before, after) is naik_kelas
