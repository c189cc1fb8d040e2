"""Request models at least as strict as the contracts: what a contract refuses, the API refuses.

A request field mapped to a contract field is probed with values made from the contract
field's JSON schema (one past each bound, a broken pattern, a value outside the enum, wrong
types) and with generic bad input (huge text, control characters, a NIK). Whatever the
contract refuses must be refused by the request too, or the API accepts what it cannot publish
and answers 500 later.
"""

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

NIK = "3216014101900001"
GENERIC: list[object] = [
    None,
    True,
    "yes",
    "1",
    -1,
    0,
    1.5,
    10**20,
    -(10**20),
    "",
    " ",
    "x" * 100_001,
    f"Budi {NIK}",
    "a\x00b",
    "99.99",
    "2022-13-45",
    [],
    {},
]


def adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """A validator of one field of `model`, with its constraints."""
    return TypeAdapter(model.model_fields[name].rebuild_annotation())


def _from_schema(schema: dict[str, Any]) -> Iterator[object]:
    for option in schema.get("anyOf", []):
        yield from _from_schema(option)
    if "maxLength" in schema:
        yield "a" * (schema["maxLength"] + 1)
    if schema.get("minLength", 0) > 0:
        yield "a" * (schema["minLength"] - 1)
    if "pattern" in schema:
        yield "does-not-match-the-pattern"
    for bound, step in (("minimum", -1), ("maximum", 1)):
        if bound in schema:
            yield schema[bound] + step
    if "enum" in schema or "const" in schema:
        yield "not-one-of-them"
    if schema.get("type") == "array":
        items = schema.get("items", {})
        if schema.get("minItems", 0) > 0:
            yield []
        for bad in [*_from_schema(items), *GENERIC]:
            yield [bad]
        if "maxItems" in schema:
            yield ["a"] * (schema["maxItems"] + 1)


def probes(contract: TypeAdapter[Any]) -> list[object]:
    """Bad values for a contract field: from its schema, and generic ones."""
    return [*_from_schema(contract.json_schema()), *GENERIC]


def refuses(field: TypeAdapter[Any], value: object) -> bool:
    """True when `field` refuses `value`."""
    try:
        field.validate_python(value)
    except ValidationError:
        return True
    return False


def laxer_than_contract(
    request: type[BaseModel], name: str, contract: type[BaseModel], contract_name: str
) -> list[object]:
    """The probes the contract refuses but the request accepts (should be none)."""
    asked, published = adapter(request, name), adapter(contract, contract_name)
    return [v for v in probes(published) if refuses(published, v) and not refuses(asked, v)]


Pair = tuple[type[BaseModel], str, type[BaseModel], str]


def field_pairs(
    published_as: list[tuple[type[BaseModel], type[BaseModel], dict[str, str]]],
    kept_here: set[tuple[str, str]],
) -> list[Pair]:
    """(request model, field, contract, contract field) for every request field the contract
    also carries; `kept_here` names (model, field) pairs that never reach an event."""
    return [
        (request, name, contract, renamed.get(name, name))
        for request, contract, renamed in published_as
        for name in request.model_fields
        if (request.__name__, name) not in kept_here
    ]
