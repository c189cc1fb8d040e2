"""Partnership's request bodies refuse whatever the contracts their events become refuse."""

import pytest
from pydantic import BaseModel, ValidationError

from partnership.entrypoints import schemas
from tests.unit.request_bounds import field_pairs, laxer_than_contract
from umkm_shared.contracts import partnership as contracts

PUBLISHED_AS: list[tuple[type[BaseModel], type[BaseModel], dict[str, str]]] = [
    (schemas.RegisterPartnerRequest, contracts.PartnerRegistered, {}),
    (schemas.ContactRequest, contracts.ContactPerson, {}),
    (schemas.ProposeRequest, contracts.PartnershipProposed, {}),
    (schemas.EstablishRequest, contracts.PartnershipEstablished, {}),
    (schemas.ListProductRequest, contracts.ProductListed, {"name": "product_name"}),
    (schemas.ProductSalesRequest, contracts.ProductSalesFigures, {}),
    (schemas.EndRequest, contracts.PartnershipEnded, {}),
]
KEPT_HERE = {
    ("RegisterPartnerRequest", "nib"),  # published nowhere; checked by its own pattern
    ("RegisterPartnerRequest", "kecamatan_code"),
    ("RegisterPartnerRequest", "contact_person"),  # probed as ContactRequest
    ("RegisterPartnerRequest", "partner_id"),  # the contract's own type; absent: a new id
    ("ContactRequest", "email"),
    ("EstablishRequest", "no_ownership_or_control"),  # a declaration, checked by the domain
    ("ListProductRequest", "listed_on"),  # absent: today
    ("ProductSalesRequest", "sku"),  # becomes the product id
    ("EndRequest", "ended_on"),  # absent: today
}
PAIRS = field_pairs(PUBLISHED_AS, KEPT_HERE)


@pytest.mark.parametrize(
    ("request_model", "name", "contract", "contract_name"),
    PAIRS,
    ids=[f"{r.__name__}.{n}" for r, n, _, _ in PAIRS],
)
def test_a_request_field_refuses_what_its_contract_field_refuses(
    request_model: type[BaseModel], name: str, contract: type[BaseModel], contract_name: str
) -> None:
    assert contract_name in contract.model_fields, "map every request field to the contract"
    assert laxer_than_contract(request_model, name, contract, contract_name) == []


@pytest.mark.parametrize("value", ["yes", "true", 1, 0, None])
def test_checklist_answers_are_strict_booleans(value: object) -> None:
    with pytest.raises(ValidationError):
        schemas.CurateRequest.model_validate({"standard_packaging": value, "steady_supply": True})


@pytest.mark.parametrize("code", ["31.71.01", "99.99.99", "32.99.01"])
def test_a_partner_kecamatan_outside_west_java_is_refused(code: str) -> None:
    with pytest.raises(ValidationError):
        schemas.RegisterPartnerRequest.model_validate(
            {
                "name": "Indomaret",
                "company_type": "usaha_besar",
                "sector": "ritel_modern",
                "nib": "9120001234567",
                "kecamatan_code": code,
                "contact_person": {"name": "Budi", "phone": "+6281234567890"},
            }
        )


def test_every_request_body_refuses_unknown_fields() -> None:
    bodies = [
        m for m in vars(schemas).values() if isinstance(m, type) and issubclass(m, schemas.Body)
    ]
    assert len(bodies) >= 8
    assert all(m.model_config.get("extra") == "forbid" for m in bodies)
