"""Partnership's closed vocabularies are enums in its OpenAPI document, as in the contracts."""

from typing import Any, get_args

import pytest

from partnership.config import PartnershipSettings
from partnership.entrypoints.app import create_app
from umkm_shared.contracts.partnership import (
    PartnerCompanyType,
    PartnerSector,
    PartnershipPattern,
)
from umkm_shared.contracts.types import ScaleClass


@pytest.fixture(scope="module")
def schemas() -> dict[str, Any]:
    found: dict[str, Any] = create_app(PartnershipSettings()).openapi()["components"]["schemas"]
    return found


def _values(annotated: object) -> list[str]:
    return list(get_args(get_args(annotated)[0]))


def test_every_closed_vocabulary_of_a_partnership_request_is_an_enum(
    schemas: dict[str, Any],
) -> None:
    partner = schemas["RegisterPartnerRequest"]["properties"]
    assert partner["sector"]["enum"] == _values(PartnerSector)
    assert partner["company_type"]["enum"] == _values(PartnerCompanyType)
    assert schemas["ProposeRequest"]["properties"]["pattern"]["enum"] == _values(PartnershipPattern)


def test_every_closed_vocabulary_of_a_partnership_answer_is_an_enum(
    schemas: dict[str, Any],
) -> None:
    partner = schemas["Partner"]["properties"]
    assert partner["sector"]["enum"] == _values(PartnerSector)
    assert partner["company_type"]["enum"] == _values(PartnerCompanyType)
    assert schemas["Partnership"]["properties"]["pattern"]["enum"] == _values(PartnershipPattern)
    scale = schemas["SmeFacts"]["properties"]["scale_class"]["anyOf"]
    assert {"type": "null"} in scale
    assert [s["enum"] for s in scale if "enum" in s] == [_values(ScaleClass)]
