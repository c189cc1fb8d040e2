"""JSON Schema (draft 2020-12) of each event type: the whole envelope with its typed `data`."""

import json
from typing import Any

from umkm_shared.contracts.catalogue import EventSpec
from umkm_shared.contracts.envelope import CloudEvent

DIALECT = "https://json-schema.org/draft/2020-12/schema"

JsonSchema = dict[str, Any]

ALWAYS_SENT = ("id", "specversion", "time", "datacontenttype", "correlationid")


def event_schema(spec: EventSpec) -> JsonSchema:
    """The schema a consumer can validate a whole message against.

    Validation mode: a field with a default is optional, so messages written before the field
    existed (topics keep everything, replays read them) still validate.
    """
    schema: JsonSchema = {"$schema": DIALECT, "$id": spec.dataschema}
    schema |= CloudEvent[spec.model].model_json_schema()  # type: ignore[name-defined]
    schema["title"] = spec.name
    schema["description"] = (spec.model.__doc__ or "").strip()
    # Always on the wire (CloudEvents requires id and specversion; the rest we always send),
    # though the model fills them in by default.
    schema["required"] = sorted({*schema.get("required", []), *ALWAYS_SENT})
    props = schema["properties"]
    props["type"]["const"] = spec.type
    props["source"]["const"] = spec.source
    props["dataschema"]["const"] = spec.dataschema
    return schema


def schema_file(spec: EventSpec) -> str:
    """Where the schema lives under docs/contracts/."""
    return f"{spec.context.value}/{spec.name}.v{spec.major}.schema.json"


def render(schema: JsonSchema) -> str:
    """Stable text form, so a regenerated file differs only when the schema does."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
