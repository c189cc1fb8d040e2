"""The v1 catalogue: every published event type, its context and its payload model."""

from dataclasses import dataclass

from pydantic import BaseModel

from umkm_shared.contracts.envelope import CloudEvent
from umkm_shared.contracts.registration import SMERegistered
from umkm_shared.contracts.topics import MAJOR_VERSION, Context


@dataclass(frozen=True)
class EventSpec:
    """What a consumer needs to know about one event type."""

    name: str
    context: Context
    model: type[BaseModel]
    major: int = MAJOR_VERSION

    @property
    def type(self) -> str:
        """The CloudEvents `type` attribute."""
        return f"umkmjuara.{self.context.value}.{self.name}.v{self.major}"

    @property
    def dataschema(self) -> str:
        """The CloudEvents `dataschema` attribute."""
        return f"urn:umkmjuara:schema:{self.context.value}:{self.name}:v{self.major}"

    @property
    def source(self) -> str:
        """The CloudEvents `source` attribute."""
        return f"/umkm-juara/{self.context.value}"


CATALOGUE: dict[str, EventSpec] = {
    spec.type: spec
    for spec in [
        EventSpec("SMERegistered", Context.REGISTRATION, SMERegistered),
    ]
}

_BY_MODEL = {spec.model: spec for spec in CATALOGUE.values()}


def spec_for(model: type[BaseModel]) -> EventSpec:
    """The catalogue entry of a payload model."""
    return _BY_MODEL[model]


def make_event(
    data: BaseModel, subject: str, aggregate_version: int, **attributes: object
) -> CloudEvent[BaseModel]:
    """Wrap a payload in its envelope, filling the attributes the catalogue fixes."""
    spec = spec_for(type(data))
    return CloudEvent[BaseModel].model_validate(
        {
            "source": spec.source,
            "type": spec.type,
            "subject": subject,
            "dataschema": spec.dataschema,
            "aggregateversion": aggregate_version,
            "data": data,
            **attributes,
        }
    )
