"""Facts from registration and partnership applied to the local SME projection.

Each is idempotent by upstream subject version (`Mentee.applied`), and may arrive before the
SME is enrolled or even known: the facts are kept and count once the SME is enrolled.
"""

from datetime import datetime

from mentoring.domain.mentee import Consent, Decision, Mentee, Profile
from mentoring.domain.process import Rules, settle
from mentoring.domain.values import RetailPartnership, ScaleMove


def already_applied(mentee: Mentee, stream: str, version: int) -> bool:
    """True if this upstream event (or a later one of its subject) was applied before."""
    return mentee.applied.get(stream, 0) >= version


def mark_applied(mentee: Mentee, stream: str, version: int) -> Mentee:
    """A copy that remembers the upstream event, stored in the same write as its effect."""
    return mentee.model_copy(update={"applied": {**mentee.applied, stream: version}})


def sme_registered(mentee: Mentee, profile: Profile) -> Decision:
    """Registration told us the SME exists."""
    return mentee.model_copy(update={"profile": profile}), []


def profile_updated(mentee: Mentee, kbli: str | None) -> Decision:
    """Only the KBLI matters here (the feed carries it); the class comes with SMEScaleChanged."""
    if mentee.profile is None or kbli is None:
        return mentee, []
    return mentee.model_copy(
        update={"profile": mentee.profile.model_copy(update={"kbli": kbli})}
    ), []


def sme_withdrawn(mentee: Mentee) -> Decision:
    """The SME left the register: no new enrollments, sessions or graduations."""
    return mentee.model_copy(update={"withdrawn": True}), []


def consent_changed(mentee: Mentee, consent: Consent, rules: Rules, now: datetime) -> Decision:
    """Granting starts the feed with a snapshot; withdrawing stops it from this moment."""
    was_on = mentee.consent is not None and mentee.consent.granted
    changed = mentee.model_copy(update={"consent": consent})
    return settle(changed, [], rules, now, progress=consent.granted and not was_on)


def scale_changed(mentee: Mentee, move: ScaleMove, rules: Rules, now: datetime) -> Decision:
    """A PP 7/2021 class move: one possible naik-kelas dimension."""
    profile = mentee.profile
    if profile is not None:
        profile = profile.model_copy(update={"scale_class": move.to_class})
    changed = mentee.model_copy(
        update={"profile": profile, "scale_moves": (*mentee.scale_moves, move)}
    )
    return settle(changed, [], rules, now, progress=True)


def partnership_established(
    mentee: Mentee, partnership: RetailPartnership, rules: Rules, now: datetime
) -> Decision:
    """A partnership agreement: a naik-kelas dimension if the policy counts it as retail."""
    if any(p.partnership_id == partnership.partnership_id for p in mentee.partnerships):
        return mentee, []
    changed = mentee.model_copy(update={"partnerships": (*mentee.partnerships, partnership)})
    return settle(changed, [], rules, now, progress=False)
