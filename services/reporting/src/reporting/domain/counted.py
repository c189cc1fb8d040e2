"""What one SME counts for, frozen when it is projected: flat numbers the queries only sum.

A closed cohort's cutoff (`figures.Cutoff`) is applied here, at projection time: when an SME
is projected with its cohort already closed, and again for every SME of a cohort when the
cohort closes. So the cards of any level are one `$match` + `$group` over `counted`, and the
same logs with the same cohort give the same figures whatever order the events came in.
"""

from collections import Counter

from reporting.domain import figures
from reporting.domain.figures import Cutoff
from reporting.domain.values import Doc

COHORT_GUARD = "cohort"
"""Key under an SME document's `applied` map: the version of its closed cohort it is frozen
at (absent while the cohort is open or unknown). A rebuild that has projected the closing and
a live generation that has not yet then differ in `applied`: in flight, not diverged."""


def cutoff_of(cohort: Doc | None) -> Cutoff | None:
    """The cutoff of a cohort document if it is closed, else None."""
    cuts = figures.cutoffs([cohort] if cohort else [])
    return next(iter(cuts.values()), None)


def closing(cohort: Doc | None) -> int | None:
    """The version a closed cohort's SMEs are frozen at (None: not closed)."""
    if cohort is None or cutoff_of(cohort) is None:
        return None
    return max(cohort.get("applied", {}).values(), default=0)


def counted(doc: Doc, cut: Cutoff | None) -> Doc:
    """The figures of one SME document, frozen at `cut` (its closed cohort's), as numbers.

    Yes/no facts are 0 or 1 and per-value facts are sparse maps of counts, so that a level's
    figure is a `$sum` of one field; the mentor fields are ids (a distinct count); `dated` lists
    each counted fact with its days (the daily series and the mentors' 30 days group on it).
    """
    cohort_id = doc.get("cohort_id")
    f = figures.facts(doc, {cohort_id: cut} if cohort_id and cut else {})
    registered = f.registered is not None
    active = registered and not f.withdrawn
    return {
        "registered": int(registered),
        "active": int(active),
        "withdrawn": int(registered and f.withdrawn),
        "enrolled": int(f.enrolled is not None),
        "mentored": int(bool(f.sessions)),
        "sessions": len(f.sessions),
        "graduated": int(f.graduated is not None),
        "dimensions": dict.fromkeys(f.dimensions, 1) if f.graduated else {},
        "naik_kelas_scale": int(f.naik_kelas_scale),
        "milestones": dict(Counter(str(m.kind) for m in f.milestones)),
        "topics": dict(Counter(t for s in f.sessions for t in s.topics)),
        "bank_feed_consents": int(active and f.bank_feed_consent),
        # The mentor of an active enrolled SME (a level's distinct mentors), and of an
        # enrolled SME not withdrawn (a mentor's workload, registered or not yet).
        "active_mentor": f.mentor_id if active and f.enrolled else None,
        "assigned_mentor": f.mentor_id if f.enrolled and not f.withdrawn else None,
        "dated": figures.dated(f),
    }


def frozen(doc: Doc, cohort: Doc | None) -> Doc:
    """The SME document with its `counted` figures, frozen at `cohort`'s cutoff if closed, and
    the closing's version under `applied` (so a document says what it was frozen at)."""
    applied = {k: v for k, v in doc.get("applied", {}).items() if k != COHORT_GUARD}
    version = closing(cohort)
    if version is not None:
        applied[COHORT_GUARD] = version
    return {**doc, "applied": applied, "counted": counted(doc, cutoff_of(cohort))}
