"""What this service has learned about an SME from registration and mentoring events."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, field_serializer

from umkm_shared.contracts.types import ScaleClass


class SmeFacts(BaseModel):
    """The local projection of one SME: region, licences, scale class, withdrawal.

    `applied` remembers the last upstream version applied per stream (context and subject),
    stored in the same write as the facts, so a redelivered event changes nothing.
    """

    model_config = ConfigDict(frozen=True)

    sme_id: str
    registered: bool = False
    kabupaten_code: str | None = None
    kecamatan_code: str | None = None
    scale_class: ScaleClass | None = None
    licences: frozenset[str] = frozenset()
    """From registration: a subset of nib, halal, pirt, bpom (the complete current set)."""
    milestones: frozenset[str] = frozenset()
    """From mentoring: milestones achieved, e.g. halal_certified."""
    withdrawn: bool = False
    withdrawal_reason: str | None = None
    withdrawn_on: date | None = None
    applied: dict[str, int] = {}

    @field_serializer("licences", "milestones")
    def _sorted(self, names: frozenset[str]) -> list[str]:
        return sorted(names)

    def holds(self, licence: str) -> bool:
        """Registration records the licence, or mentoring recorded it as a milestone."""
        milestone = "nib_obtained" if licence == "nib" else f"{licence}_certified"
        return licence in self.licences or milestone in self.milestones

    def already_applied(self, stream: str, version: int) -> bool:
        """True if this upstream event (or a later one of its stream) is in already."""
        return self.applied.get(stream, 0) >= version

    def mark_applied(self, stream: str, version: int) -> "SmeFacts":
        """A copy that remembers the event."""
        return self.model_copy(update={"applied": {**self.applied, stream: version}})


def registered(
    facts: SmeFacts, kabupaten: str, kecamatan: str, scale_class: ScaleClass | None, nib: bool
) -> SmeFacts:
    """Registration told us the SME exists."""
    licences = facts.licences | {"nib"} if nib else facts.licences
    return facts.model_copy(
        update={
            "registered": True,
            "kabupaten_code": kabupaten,
            "kecamatan_code": kecamatan,
            "scale_class": scale_class or facts.scale_class,
            "licences": licences,
        }
    )


def licences_changed(facts: SmeFacts, held: frozenset[str]) -> SmeFacts:
    """The complete current licences (not a diff)."""
    return facts.model_copy(update={"licences": held})


def scale_changed(facts: SmeFacts, scale_class: ScaleClass) -> SmeFacts:
    """A new PP 7/2021 class."""
    return facts.model_copy(update={"scale_class": scale_class})


def milestone_achieved(facts: SmeFacts, milestone: str) -> SmeFacts:
    """Mentoring recorded a milestone (a licence obtained, say)."""
    return facts.model_copy(update={"milestones": facts.milestones | {milestone}})


def withdrawn(facts: SmeFacts, reason: str, on: date) -> SmeFacts:
    """The SME left the programme."""
    return facts.model_copy(
        update={"withdrawn": True, "withdrawal_reason": reason, "withdrawn_on": on}
    )


@dataclass(frozen=True)
class Fact:
    """One upstream event's effect on one SME, with the stream and version that guard it."""

    sme_id: str
    stream: str
    version: int
    change: Callable[[SmeFacts], SmeFacts]


def learn(facts: SmeFacts, found: Iterable[Fact]) -> SmeFacts:
    """The facts with each upstream event applied once, in order."""
    for fact in found:
        if not facts.already_applied(fact.stream, fact.version):
            facts = fact.change(facts).mark_applied(fact.stream, fact.version)
    return facts
