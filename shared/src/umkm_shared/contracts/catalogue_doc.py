"""The event catalogue page (docs/events.md), generated from the models so it cannot drift."""

import json

from umkm_shared.contracts.catalogue import CATALOGUE, EventSpec
from umkm_shared.contracts.examples import example_event
from umkm_shared.contracts.schemas import JsonSchema, event_schema, schema_file
from umkm_shared.contracts.topics import Context, TopicNames

_INTRO = """\
# Event catalogue (v1)

Generated from `shared/src/umkm_shared/contracts` by `./dev docs`; do not edit by hand.

Every event is a [CloudEvents 1.0](https://github.com/cloudevents/spec) message in
**structured JSON mode** (Kafka header `content-type: application/cloudevents+json`).

| attribute | meaning |
|---|---|
| `specversion` | always `"1.0"` |
| `id` | UUID of the event; **deduplicate on it** (delivery is at-least-once) |
| `source` | the producing context, e.g. `/umkm-juara/registration` |
| `type` | `umkmjuara.<context>.<EventName>.v<major>` |
| `subject` | the aggregate id, usually the SME id |
| `time` | when it happened, ISO 8601 with a timezone |
| `datacontenttype` | `application/json` |
| `dataschema` | URN of the JSON Schema of the whole message (see *Validating*) |
| `aggregateversion` | extension: the aggregate's sequence number, 1 for its first event |
| `correlationid` | extension: shared by every event of one business transaction |
| `causationid` | extension: the event or command that caused this one, if any |
| `data` | the payload described below |

**Topics.** One per bounded context, with the major version in the name:
{topics}.
Topics keep their data forever (`retention.ms=-1`): read from the earliest offset to rebuild.
A breaking change gets a new major version and a new topic; within a major version fields are
only ever added as optional, so ignore fields you do not know (tolerant reader).

**Kafka headers.** `content-type: application/cloudevents+json`, and `correlation_id`, which
always equals the body's `correlationid`.

**Keys and order.** The key is the UTF-8 bytes of the SME id (the aggregate id where there is
no SME; on the Bank Jabar feed, the pseudonymous `sme_ref`), partitioned by Kafka's default
murmur2 partitioner, so all events of one SME are in one partition, in order. Each event type
below names its key and subject fields. Partition counts are a deployment setting (3 by
default); do not rely on a particular count.

**Delivery and deduplication.** Delivery is at-least-once: after a producer crash an event can
arrive twice, always byte-identical, with the same `id`. `aggregateversion` counts the events
of one `subject` from 1 without gaps, so a consumer that stores the last version it applied
per subject can drop anything at or below it; that is cheaper than remembering every `id`
(which would have to be kept forever, since replays start from the beginning).

**Validating.** `dataschema` `urn:umkmjuara:schema:<context>:<Event>:v<major>` is the `$id`
of the file `docs/contracts/<context>/<Event>.v<major>.schema.json`. The files under
`docs/contracts/<context>/` are the canonical JSON Schemas
(draft 2020-12) of whole messages; the AsyncAPI documents under `docs/asyncapi/` give an
overview per service. `docs/contracts/released/v<major>/` holds the schemas as released: the
build refuses a change that would break a consumer of them. With Python's `jsonschema`,
install `jsonschema[format-nongpl]` so that `date-time`, `date` and `uuid` formats are
checked, and pass `format_checker=Draft202012Validator.FORMAT_CHECKER` to the validator.
A `null` field and an absent optional field mean the same.

**Types.** Money is integer Rupiah, never a float. Region codes are Kemendagri codes
(`32.16` Kabupaten Bekasi, `32.16.01` Tarumajaya); KBLI codes are KBLI 2020, 5 digits.

**Access.** The development stack listens on 127.0.0.1 without authentication; SASL/SCRAM
with TLS per consumer is planned. Name your consumer group after your system, e.g.
`bankjabar-feed-reader`.

**Personal data (UU 27/2022).** No event carries a raw NIK: owners appear as a keyed
pseudonym (HMAC-SHA256) and a mask such as `3216********0001`. Fields that do carry personal
data say so in their description, with the reason a consumer needs them.
"""


def _type_of(node: JsonSchema, root: JsonSchema) -> str:
    if "$ref" in node:
        return str(node["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in node:
        return " or ".join(_type_of(b, root) for b in node["anyOf"])
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    if "const" in node:
        return f"`{node['const']}`"
    if node.get("type") == "array":
        return f"list of {_type_of(node['items'], root)}"
    kind = str(node.get("type", "any"))
    return f"{kind} ({node['format']})" if "format" in node else kind


def _field_rows(node: JsonSchema, root: JsonSchema, prefix: str) -> list[str]:
    rows = []
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        described = prop if "description" in prop else _deref(prop, root)
        example = (described.get("examples") or prop.get("examples") or [""])[0]
        rows.append(
            f"| `{prefix}{name}` | {_type_of(prop, root)} | {'yes' if name in required else 'no'} "
            f"| {described.get('description', '').replace('|', '/')} | {_cell(example)} |"
        )
        target = _deref(prop, root)
        if "properties" in target:
            rows += _field_rows(target, root, f"{prefix}{name}.")
        elif target.get("type") == "array" and "properties" in _deref(target["items"], root):
            rows += _field_rows(_deref(target["items"], root), root, f"{prefix}{name}[].")
    return rows


def _deref(node: JsonSchema, root: JsonSchema) -> JsonSchema:
    if "$ref" in node:
        target: JsonSchema = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        return target
    if "anyOf" in node:
        typed = [b for b in node["anyOf"] if b.get("type") != "null"]
        if len(typed) == 1:
            return _deref(typed[0], root)
    return node


def _cell(value: object) -> str:
    return "" if value == "" else f"`{json.dumps(value, ensure_ascii=False)}`"


def _section(spec: EventSpec, topics: TopicNames) -> str:
    schema = event_schema(spec)
    data = _deref(schema["properties"]["data"], schema)
    example = json.dumps(example_event(spec), indent=2, ensure_ascii=False)
    return "\n".join(
        [
            f"### {spec.name}",
            "",
            (spec.model.__doc__ or "").strip(),
            "",
            f"- type: `{spec.type}`",
            f"- topic: `{topics.events(spec.context, spec.major)}`",
            f"- Kafka key: `data.{spec.key_field}`; subject: `data.{spec.subject_field}`",
            f"- schema: [`contracts/{schema_file(spec)}`](contracts/{schema_file(spec)})",
            "",
            "| field of `data` | type | required | description | example |",
            "|---|---|---|---|---|",
            *_field_rows(data, schema, ""),
            "",
            "<details><summary>Example message</summary>",
            "",
            "```json",
            example,
            "```",
            "",
            "</details>",
            "",
        ]
    )


def render_catalogue() -> str:
    """The whole catalogue page."""
    topics = TopicNames()
    topic_list = ", ".join(f"`{topics.events(c)}`" for c in Context)
    parts = [_INTRO.format(topics=topic_list)]
    for context in Context:
        specs = [s for s in CATALOGUE.values() if s.context is context]
        if specs:
            parts.append(f"## {context.value}\n")
            parts.extend(_section(spec, topics) for spec in specs)
    return "\n".join(parts)
