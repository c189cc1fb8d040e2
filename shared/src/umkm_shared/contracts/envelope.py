"""The CloudEvents 1.0 envelope (structured JSON mode) that every published event uses."""

import uuid
from datetime import UTC, datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

DataT = TypeVar("DataT", bound=BaseModel | dict[str, Any])

CLOUDEVENTS_CONTENT_TYPE = "application/cloudevents+json"


class CloudEvent(BaseModel, Generic[DataT]):
    """One domain event as published on Kafka: CloudEvents attributes plus `data`."""

    # Tolerant reader: unknown attributes (newer producers, other extensions) are ignored.
    model_config = ConfigDict(extra="ignore", frozen=True)

    specversion: Literal["1.0"] = Field(
        default="1.0", description="CloudEvents specification version.", examples=["1.0"]
    )
    id: uuid.UUID = Field(
        default_factory=uuid.uuid4,
        description="Unique event id; consumers deduplicate on it.",
        examples=["0b9f6c1e-3f1a-4b7e-9a55-6f1d2c3b4a59"],
    )
    source: str = Field(
        description="The producing service, as a URI reference.",
        examples=["/umkm-juara/registration"],
    )
    type: str = Field(
        description="Event type: `umkmjuara.<context>.<EventName>.v<major>`.",
        examples=["umkmjuara.registration.SMERegistered.v1"],
    )
    subject: str = Field(
        description=(
            "The aggregate id the event is about: the SME id for SME events, else the mentor, "
            "cohort, partner or partnership id (each event type names its field)."
        ),
        examples=["sme-6f1d2c3b4a59"],
    )
    time: AwareDatetime = Field(
        default_factory=lambda: datetime.now(UTC),
        description="When it happened, ISO 8601 with a timezone.",
        examples=["2022-06-20T09:00:00+07:00"],
    )
    datacontenttype: Literal["application/json"] = Field(
        default="application/json",
        description="Media type of `data`.",
        examples=["application/json"],
    )
    dataschema: str = Field(
        description=(
            "URN of the JSON Schema of the whole message (this envelope with its typed data), "
            "`urn:umkmjuara:schema:<context>:<Event>:v<major>`; the file is "
            "docs/contracts/<context>/<Event>.v<major>.schema.json."
        ),
        examples=["urn:umkmjuara:schema:registration:SMERegistered:v1"],
    )
    aggregateversion: int = Field(
        ge=1,
        description="Extension: the aggregate's sequence number; 1 for its first event.",
        examples=[1],
    )
    correlationid: uuid.UUID = Field(
        default_factory=uuid.uuid4,
        description="Extension: id shared by every event of one business transaction.",
        examples=["5d1c8f0e-0a47-4a53-8d0c-2e6f1f9b7c11"],
    )
    causationid: uuid.UUID | None = Field(
        default=None,
        description="Extension: id of the event or command that caused this one.",
        examples=[None],
    )
    data: DataT = Field(description="The event payload; its schema is named by `dataschema`.")

    def to_json_bytes(self) -> bytes:
        """The structured-mode wire form."""
        # serialize_as_any: `data` may be declared as BaseModel and hold a concrete payload.
        return self.model_dump_json(serialize_as_any=True).encode()


RawCloudEvent = CloudEvent[dict[str, Any]]
"""An envelope whose `data` is not yet decoded: what a consumer validates first."""
