"""The v1 catalogue: every published event type, its context and its payload model."""

from dataclasses import dataclass

from pydantic import BaseModel

from umkm_shared.contracts.bank_feed import MentoringProgressShared
from umkm_shared.contracts.envelope import CloudEvent
from umkm_shared.contracts.mentoring import (
    CohortClosed,
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
    subject_field: str = "sme_id"
    """The `data` field whose value is the CloudEvents `subject`: the aggregate id."""
    key_field: str = "sme_id"
    """The `data` field whose value is the Kafka key: the SME id, else the aggregate id."""
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
        EventSpec(
            "MentorRegistered", Context.MENTORING, MentorRegistered, "mentor_id", "mentor_id"
        ),
        EventSpec(
            "CohortOpened",
            Context.MENTORING,
            CohortOpened,
            subject_field="cohort_id",
            key_field="cohort_id",
        ),
        EventSpec(
            "CohortClosed",
            Context.MENTORING,
            CohortClosed,
            subject_field="cohort_id",
            key_field="cohort_id",
        ),
        EventSpec("SMEEnrolled", Context.MENTORING, SMEEnrolled),
        EventSpec("MentorAssigned", Context.MENTORING, MentorAssigned),
        EventSpec("MentorSessionLogged", Context.MENTORING, MentorSessionLogged),
        EventSpec("MilestoneAchieved", Context.MENTORING, MilestoneAchieved),
        EventSpec("SMEGraduated", Context.MENTORING, SMEGraduated),
        EventSpec(
            "PartnerRegistered", Context.PARTNERSHIP, PartnerRegistered, "partner_id", "partner_id"
        ),
        EventSpec(
            "PartnershipProposed", Context.PARTNERSHIP, PartnershipProposed, "partnership_id"
        ),
        EventSpec(
            "PartnershipCurated",
            Context.PARTNERSHIP,
            PartnershipCurated,
            subject_field="partnership_id",
        ),
        EventSpec(
            "PartnershipEstablished", Context.PARTNERSHIP, PartnershipEstablished, "partnership_id"
        ),
        EventSpec(
            "ProductListed", Context.PARTNERSHIP, ProductListed, subject_field="partnership_id"
        ),
        EventSpec(
            "SalesReported", Context.PARTNERSHIP, SalesReported, subject_field="partnership_id"
        ),
        EventSpec(
            "PartnershipEnded",
            Context.PARTNERSHIP,
            PartnershipEnded,
            subject_field="partnership_id",
        ),
        EventSpec(
            "MentoringProgressShared",
            Context.BANK_FEED,
            MentoringProgressShared,
            "sme_ref",
            "sme_ref",
        ),
    ]
}

_BY_MODEL = {spec.model: spec for spec in CATALOGUE.values()}


def spec_for(model: type[BaseModel]) -> EventSpec:
    """The catalogue entry of a payload model."""
    return _BY_MODEL[model]


def make_event(
    data: BaseModel, aggregate_version: int, **attributes: object
) -> CloudEvent[BaseModel]:
    """Wrap a payload in its envelope; type, source, schema and subject follow from `data`."""
    spec = spec_for(type(data))
    return CloudEvent[BaseModel].model_validate(
        {
            "source": spec.source,
            "type": spec.type,
            "subject": str(getattr(data, spec.subject_field)),
            "dataschema": spec.dataschema,
            "aggregateversion": aggregate_version,
            "data": data,
            **attributes,
        }
    )


def event_key(data: BaseModel) -> str:
    """The Kafka key of an event with this payload."""
    return str(getattr(data, spec_for(type(data)).key_field))
