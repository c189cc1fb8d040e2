"""Example messages built from the schemas' own field examples (used in docs and tests)."""

from umkm_shared.contracts.catalogue import EventSpec
from umkm_shared.contracts.schemas import JsonSchema, event_schema

_EXAMPLE_EVENT_ID = "0b9f6c1e-3f1a-4b7e-9a55-6f1d2c3b4a59"


def example_for(node: JsonSchema, root: JsonSchema) -> object:  # noqa: PLR0911 - one per keyword
    """A value for `node`: its first example, else one built from its parts."""
    if "$ref" in node:
        return example_for(root["$defs"][node["$ref"].rsplit("/", 1)[-1]], root)
    if "const" in node:
        return node["const"]
    if node.get("examples"):
        return node["examples"][0]
    if "enum" in node:
        return node["enum"][0]
    if "anyOf" in node:
        typed = [b for b in node["anyOf"] if b.get("type") != "null"]
        return example_for(typed[0], root) if typed else None
    if "properties" in node:
        return {name: example_for(prop, root) for name, prop in node["properties"].items()}
    if node.get("type") == "array":
        return [example_for(node["items"], root)]
    if "default" in node:
        return node["default"]
    raise ValueError(f"no example for schema node {node}")


def example_message(schema: JsonSchema) -> dict[str, object]:
    """A whole example message for an event type's schema."""
    message = example_for(schema, schema)
    assert isinstance(message, dict)  # noqa: S101 - an event schema is an object
    message["id"] = _EXAMPLE_EVENT_ID
    return message


def example_event(spec: EventSpec) -> dict[str, object]:
    """An example message whose subject is taken from its data, as producers do."""
    message = example_message(event_schema(spec))
    data = message["data"]
    assert isinstance(data, dict)  # noqa: S101 - every payload is an object
    message["subject"] = data[spec.subject_field]
    return message
