"""The Bank Jabar feed: a keyed pseudonym and a progress snapshot, only while consent is on."""

import hashlib
import hmac
from datetime import datetime

from mentoring.domain.events import ProgressShared
from mentoring.domain.mentee import Mentee


def sme_ref(sme_id: str, key: bytes) -> str:
    """HMAC-SHA256 of the SME id: stable for the bank, not reversible without the key."""
    return hmac.new(key, sme_id.encode(), hashlib.sha256).hexdigest()


def progress_snapshot(mentee: Mentee, key: bytes, now: datetime) -> ProgressShared | None:
    """The snapshot to share now, or None when consent is off or the SME is not known yet."""
    if mentee.consent is None or not mentee.consent.granted or mentee.profile is None:
        return None
    sessions = [s for e in mentee.enrollments.values() for s in e.effective_sessions()]
    milestones = {m.milestone for e in mentee.enrollments.values() for m in e.milestones}
    return ProgressShared(
        sme_ref=sme_ref(mentee.sme_id, key),
        kabupaten_code=mentee.profile.kabupaten_code,
        kbli=mentee.profile.kbli,
        scale_class=mentee.profile.scale_class,
        sessions_logged=len(sessions),
        last_session_date=max((s.session_date for s in sessions), default=None),
        topics_covered=tuple(sorted({t for s in sessions for t in s.topics})),
        milestones=tuple(sorted(milestones)),
        graduated=any(e.graduation is not None for e in mentee.enrollments.values()),
        consent_reference=mentee.consent.reference,
        as_of=now,
    )
