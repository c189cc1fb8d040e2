"""Registration and partnership events into the SME projection and the process manager.

Each event is applied once in effect: the SME document remembers the last aggregateversion
applied per upstream subject, in the same write as the event's effect, so a redelivery
changes nothing (no double counting, no second SMEGraduated).
"""

from datetime import datetime

from pydantic import BaseModel

from mentoring.domain import projection
from mentoring.domain.mentee import Consent, Decide, Decision, Mentee, Profile
from mentoring.domain.process import Rules
from mentoring.domain.values import RetailPartnership, ScaleMove
from umkm_shared.contracts.catalogue import CATALOGUE
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.contracts.partnership import PartnershipEstablished
from umkm_shared.contracts.registration import (
    SMEConsentChanged,
    SMEProfileUpdated,
    SMERegistered,
    SMEScaleChanged,
    SMEWithdrawn,
)


def _decision(  # noqa: PLR0911 - one branch per upstream event type
    data: BaseModel, event: RawCloudEvent, rules: Rules, now: datetime
) -> Decide | None:
    match data:
        case SMERegistered():
            profile = Profile(
                kabupaten_code=data.kabupaten_code,
                kecamatan_code=data.kecamatan_code,
                kbli=data.kbli,
                scale_class=data.scale_class,
            )
            return lambda m: projection.sme_registered(m, profile)
        case SMEProfileUpdated():
            return lambda m: projection.profile_updated(m, data.kbli)
        case SMEWithdrawn():
            return projection.sme_withdrawn
        case SMEScaleChanged():
            move = ScaleMove(
                from_class=data.from_class,
                to_class=data.to_class,
                as_of=data.figures_as_of,
                rule_version=data.rule_version,
                evidence=f"urn:umkmjuara:event:{event.id}",
            )
            return lambda m: projection.scale_changed(m, move, rules, now)
        case SMEConsentChanged() if data.purpose == "bank_jabar_mentoring_feed":
            consent = Consent(
                granted=data.granted,
                reference=f"consent-{event.id.hex[:12]}",
                changed_at=data.changed_at,
            )
            return lambda m: projection.consent_changed(m, consent, rules, now)
        case PartnershipEstablished():
            partnership = RetailPartnership(
                partnership_id=data.partnership_id,
                partner_id=data.partner_id,
                pattern=data.pattern,
                agreement_number=data.agreement_number,
                start_date=data.start_date,
                partner_sector=data.partner_sector,
            )
            return lambda m: projection.partnership_established(m, partnership, rules, now)
    return None


def upstream_decision(
    event: RawCloudEvent, data: BaseModel | None, rules: Rules, now: datetime
) -> tuple[str, Decide] | None:
    """(SME id, decision) for one registration or partnership event; None to ignore it."""
    spec = CATALOGUE.get(event.type)
    if data is None or spec is None:
        return None
    decide = _decision(data, event, rules, now)
    if decide is None:
        return None
    stream, version = f"{spec.context.value}|{event.subject}", event.aggregateversion

    def once(mentee: Mentee) -> Decision:
        if projection.already_applied(mentee, stream, version):
            return mentee, []
        changed, events = decide(mentee)
        return projection.mark_applied(changed, stream, version), events

    return str(getattr(data, "sme_id")), once  # noqa: B009
