"""The v1 catalogue: every published event type, its context and its payload model."""

from dataclasses import dataclass

from pydantic import BaseModel

from umkm_shared.contracts.bank_feed import MentoringProgressShared
from umkm_shared.contracts.envelope import CloudEvent
from umkm_shared.contracts.mentoring import (
    CohortOpened,
    MentorAssigned,
    MentorRegistered,
    SMEEnrolled,
)
from umkm_shared.contracts.mentoring_progress import (
    MentorSessionLogged,
    MilestoneAchieved,
    SMEGraduated,
)
from umkm_shared.contracts.partnership import (
    PartnerRegistered,
    PartnershipCurated,
    PartnershipEnded,
    PartnershipEstablished,
    PartnershipProposed,
    ProductListed,
    SalesReported,
)
from umkm_shared.contracts.registration import (
    SMEConsentChanged,
    SMEProfileUpdated,
    SMERegistered,
    SMEScaleChanged,
    SMEWithdrawn,
)
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
        EventSpec("SMEProfileUpdated", Context.REGISTRATION, SMEProfileUpdated),
        EventSpec("SMEScaleChanged", Context.REGISTRATION, SMEScaleChanged),
        EventSpec("SMEConsentChanged", Context.REGISTRATION, SMEConsentChanged),
        EventSpec("SMEWithdrawn", Context.REGISTRATION, SMEWithdrawn),
        EventSpec("MentorRegistered", Context.MENTORING, MentorRegistered),
        EventSpec("CohortOpened", Context.MENTORING, CohortOpened),
        EventSpec("SMEEnrolled", Context.MENTORING, SMEEnrolled),
        EventSpec("MentorAssigned", Context.MENTORING, MentorAssigned),
        EventSpec("MentorSessionLogged", Context.MENTORING, MentorSessionLogged),
        EventSpec("MilestoneAchieved", Context.MENTORING, MilestoneAchieved),
        EventSpec("SMEGraduated", Context.MENTORING, SMEGraduated),
        EventSpec("PartnerRegistered", Context.PARTNERSHIP, PartnerRegistered),
        EventSpec("PartnershipProposed", Context.PARTNERSHIP, PartnershipProposed),
        EventSpec("PartnershipCurated", Context.PARTNERSHIP, PartnershipCurated),
        EventSpec("PartnershipEstablished", Context.PARTNERSHIP, PartnershipEstablished),
        EventSpec("ProductListed", Context.PARTNERSHIP, ProductListed),
        EventSpec("SalesReported", Context.PARTNERSHIP, SalesReported),
        EventSpec("PartnershipEnded", Context.PARTNERSHIP, PartnershipEnded),
        EventSpec("MentoringProgressShared", Context.BANK_FEED, MentoringProgressShared),
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
