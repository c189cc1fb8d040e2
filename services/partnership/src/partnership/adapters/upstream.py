"""Registration and mentoring events as changes to the SME facts (tolerant: others ignored)."""

from collections.abc import Callable

from pydantic import BaseModel

from partnership.domain import sme
from partnership.domain.sme import Fact, SmeFacts
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.contracts.mentoring_progress import MilestoneAchieved
from umkm_shared.contracts.registration import (
    SMEProfileUpdated,
    SMERegistered,
    SMEScaleChanged,
    SMEWithdrawn,
)
from umkm_shared.programme_time import programme_day

Change = Callable[[SmeFacts], SmeFacts]
LICENCE_MILESTONES = ("nib_obtained", "halal_certified", "pirt_certified", "bpom_certified")


def _change(data: BaseModel) -> Change | None:
    match data:
        case SMERegistered():
            return lambda f: sme.registered(
                f, data.kabupaten_code, data.kecamatan_code, data.scale_class, data.nib is not None
            )
        case SMEProfileUpdated():
            return lambda f: _profile(f, data)
        case SMEScaleChanged():
            return lambda f: sme.scale_changed(f, data.to_class)
        case MilestoneAchieved() if data.milestone in LICENCE_MILESTONES:
            return lambda f: sme.milestone_achieved(f, data.milestone)
        case SMEWithdrawn():
            return lambda f: sme.withdrawn(f, data.reason, programme_day(data.withdrawn_at))
    return None


def _profile(facts: SmeFacts, data: SMEProfileUpdated) -> SmeFacts:
    if data.licences is not None:
        held = {
            name
            for name, number in (
                ("nib", data.licences.nib),
                ("halal", data.licences.halal_certificate),
                ("pirt", data.licences.pirt),
                ("bpom", data.licences.bpom),
            )
            if number
        }
        facts = sme.licences_changed(facts, frozenset(held))
    if data.scale_class is not None:
        facts = sme.scale_changed(facts, data.scale_class)
    return facts


def learned(event: RawCloudEvent, data: BaseModel | None) -> Fact | None:
    """What one delivered event teaches about an SME; None for what this service ignores."""
    change = None if data is None else _change(data)
    if change is None or data is None:
        return None
    context = event.type.split(".")[1]
    return Fact(
        sme_id=str(getattr(data, "sme_id")),  # noqa: B009 - every event above has one
        stream=f"{context}|{event.subject}",
        version=event.aggregateversion,
        change=change,
    )
