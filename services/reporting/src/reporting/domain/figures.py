"""The programme's figures from SME documents: cards, daily series, rows by region and mentor.

Pure: documents in, figures out. Two clocks: programme time (the day a thing happened in the
programme: joined, enrolled, session, milestone, graduation) and processing time (when the
system processed it). A closed cohort is frozen: a fact of one of its SMEs counts only if it
happened by the cohort's `closed_on` and was processed by its `closed_at`, so nothing a late
upstream event says changes the cohort's figures afterwards, whatever order events arrive in.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from typing import Literal

from reporting.domain.values import Doc
from umkm_shared.contracts.vocabularies import DIMENSIONS, MILESTONES, SESSION_TOPICS

Clock = Literal["programme", "processing"]


@dataclass(frozen=True)
class Cutoff:
    """A closed cohort's end: its last programme day and when the closing was processed."""

    on: str
    at: str

    def keeps(self, on: str | None, at: str | None) -> bool:
        """Whether a fact dated `on`, processed `at`, happened before the cohort closed."""
        return on is not None and on <= self.on and (at or "") <= self.at


def cutoffs(cohorts: Iterable[Doc]) -> dict[str, Cutoff]:
    """The cutoffs of the closed cohorts among these cohort documents."""
    return {
        c["_id"]: Cutoff(c["closed_on"], c["closed_at"])
        for c in cohorts
        if c.get("status") == "closed" and c.get("closed_on") and c.get("closed_at")
    }


def day_of(at: str | None) -> str | None:
    """The WIB day of a processing time stored as ISO in WIB."""
    return at[:10] if at else None


@dataclass(frozen=True)
class Dated:
    """One fact on both clocks."""

    on: str
    """Programme day."""
    day: str
    """Processing day."""
    mentor_id: str | None = None
    kind: str | None = None
    """The milestone; for sessions, None."""
    topics: tuple[str, ...] = ()


@dataclass
class Facts:
    """What one SME counts for, with its cohort frozen if closed."""

    sme_id: str
    kabupaten_code: str | None
    kecamatan_code: str | None
    cohort_id: str | None
    registered: Dated | None = None
    withdrawn: bool = False
    enrolled: Dated | None = None
    mentor_id: str | None = None
    sessions: list[Dated] = field(default_factory=list)
    milestones: list[Dated] = field(default_factory=list)
    graduated: Dated | None = None
    dimensions: tuple[str, ...] = ()
    naik_kelas_scale: bool = False
    bank_feed_consent: bool = False


def _keep(cut: Cutoff | None, on: str | None, at: str | None) -> bool:
    return on is not None and (cut is None or cut.keeps(on, at))


def facts(doc: Doc, cuts: Mapping[str, Cutoff]) -> Facts:
    """The facts of one SME document (its flat fields), frozen at its cohort's cutoff."""
    cut = cuts.get(doc.get("cohort_id") or "")
    f = Facts(
        doc["_id"], doc.get("kabupaten_code"), doc.get("kecamatan_code"), doc.get("cohort_id")
    )
    if doc.get("registered"):
        f.registered = Dated(doc["joined_on"], doc["registered_on"])
        f.withdrawn = bool(doc.get("withdrawn")) and (
            cut is None or (doc.get("withdrawn_on") or "") <= cut.on
        )
        f.bank_feed_consent = bool(doc.get("bank_feed_consent"))
        f.naik_kelas_scale = any(_keep(cut, m["on"], m["at"]) for m in doc.get("scale_moves", []))
    if doc.get("enrolled") and _keep(cut, doc.get("enrolled_on"), doc.get("enrolled_at")):
        f.enrolled = Dated(doc["enrolled_on"], day_of(doc["enrolled_at"]) or doc["enrolled_on"])
        mentors = [m for m in doc.get("mentor_log", []) if cut is None or m["at"] <= cut.at]
        f.mentor_id = mentors[-1]["mentor_id"] if mentors else None
    f.sessions = [
        Dated(s["date"], day_of(s.get("at")) or s["date"], s["mentor_id"], None, tuple(s["topics"]))
        for s in doc.get("session_log", [])
        if _keep(cut, s["date"], s.get("at"))
    ]
    f.milestones = [
        Dated(m["on"], day_of(m["at"]) or m["on"], None, m["milestone"])
        for m in doc.get("milestone_log", [])
        if _keep(cut, m["on"], m["at"])
    ]
    if doc.get("graduated") and _keep(cut, doc.get("graduated_on"), doc.get("graduated_at")):
        on = doc["graduated_on"]
        f.graduated = Dated(on, day_of(doc.get("graduated_at")) or on)
        f.dimensions = tuple(doc.get("graduated_dimensions", []))
    return f


def cards(smes: Iterable[Facts], partnerships: Iterable[Doc] = ()) -> Doc:
    """The cards of one level: the same figures at province, kabupaten, kecamatan, cohort."""
    rows = list(smes)
    active = [f for f in rows if f.registered and not f.withdrawn]
    dims = Counter(d for f in rows if f.graduated for d in f.dimensions)
    milestones = Counter(m.kind for f in rows for m in f.milestones)
    parts = list(partnerships)
    live = [p for p in parts if p.get("status") == "active"]
    return {
        "registered": sum(f.registered is not None for f in rows),
        "active": len(active),
        "withdrawn": sum(f.registered is not None and f.withdrawn for f in rows),
        "enrolled": sum(f.enrolled is not None for f in rows),
        "mentored": sum(bool(f.sessions) for f in rows),
        "sessions": sum(len(f.sessions) for f in rows),
        "graduated": sum(f.graduated is not None for f in rows),
        "graduated_by_dimension": {d: dims[d] for d in DIMENSIONS},
        "naik_kelas_scale": sum(f.naik_kelas_scale for f in rows),
        "milestones": {m: milestones[m] for m in MILESTONES},
        "mentors": len({f.mentor_id for f in active if f.enrolled and f.mentor_id}),
        "bank_feed_consents": sum(f.bank_feed_consent for f in active),
        "partnerships_active": len(live),
        "partners": len({p.get("partner_id") for p in live}),
        "umkm_partnered": len({p["sme_id"] for p in live}),
        "gross_sales": sum(int(p.get("gross_sales") or 0) for p in parts),
    }


_SERIES = ("registered", "enrolled", "sessions", "milestones", "graduated")


def daily(smes: Iterable[Facts], clock: Clock = "programme") -> list[Doc]:
    """One row per day with anything, on `clock`, with running totals."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in _SERIES}

    def when(fact: Dated) -> str:
        return fact.on if clock == "programme" else fact.day

    for f in smes:
        for name, dated in (
            ("registered", [f.registered]),
            ("enrolled", [f.enrolled]),
            ("sessions", f.sessions),
            ("milestones", f.milestones),
            ("graduated", [f.graduated]),
        ):
            counts[name].update(when(d) for d in dated if d is not None)
    days = sorted(set().union(*counts.values()))
    rows: list[Doc] = [{"day": d} for d in days]
    for name in _SERIES:
        per_day = [counts[name][d] for d in days]
        for row, n, total in zip(rows, per_day, accumulate(per_day), strict=True):
            row[name], row[f"{name}_total"] = n, total
    return rows


def groups(smes: Iterable[Facts], key: Callable[[Facts], str | None]) -> dict[str, list[Facts]]:
    """The SMEs by `key` (those with no key left out)."""
    out: dict[str, list[Facts]] = {}
    for f in smes:
        k = key(f)
        if k is not None:
            out.setdefault(k, []).append(f)
    return out


def region_row(smes: list[Facts]) -> Doc:
    """A region table row's figures."""
    c = cards(smes)
    return {
        "smes": c["registered"],
        **{k: c[k] for k in ("enrolled", "mentored", "sessions", "graduated", "withdrawn")},
        "naik_kelas": c["naik_kelas_scale"],
        "mentors": c["mentors"],
        "bank_feed_consents": c["bank_feed_consents"],
    }


def cohort_figures(smes: list[Facts]) -> Doc:
    """A cohort row's figures: counts, sessions by topic and graduates by dimension."""
    c = cards(smes)
    topics = Counter(t for f in smes for s in f.sessions for t in s.topics)
    return {
        **{k: c[k] for k in ("enrolled", "mentored", "sessions", "graduated", "mentors")},
        "naik_kelas_scale": c["naik_kelas_scale"],
        "sessions_by_topic": {t: topics[t] for t in SESSION_TOPICS},
        "naik_kelas_by_dimension": c["graduated_by_dimension"],
        "milestones": c["milestones"],
    }


@dataclass(frozen=True)
class MentorFigures:
    """One mentor's workload: active SMEs assigned, sessions in the 30 days to `as_of`."""

    assigned: int
    sessions_30d: int
    sessions_total: int
    as_of: str


def cohort_ends(cohorts: Iterable[Doc]) -> dict[str, str]:
    """Each cohort's last day: `closed_on` once closed, else its planned `end_date`."""
    return {c["_id"]: c.get("closed_on") or c["end_date"] for c in cohorts if c.get("end_date")}


def mentor_figures(
    smes: Iterable[Facts], ends: Mapping[str, str], today: date, as_of: date | None = None
) -> dict[str, MentorFigures]:
    """Per mentor. The 30 days end at `as_of` if given; else at the latest end of the mentor's
    cohorts, where a cohort that is over (closed, or past its end date) ends on its last day
    (not today), and any other on today.
    """
    assigned: Counter[str] = Counter()
    sessions: dict[str, list[str]] = {}
    last_days: dict[str, set[str]] = {}
    for f in smes:
        end = min(ends.get(f.cohort_id or "", today.isoformat()), today.isoformat())
        if f.enrolled and f.mentor_id and not f.withdrawn:
            assigned[f.mentor_id] += 1
            last_days.setdefault(f.mentor_id, set()).add(end)
        for s in f.sessions:
            if s.mentor_id:
                sessions.setdefault(s.mentor_id, []).append(s.on)
                last_days.setdefault(s.mentor_id, set()).add(end)
    out = {}
    for mentor_id in sorted(set(assigned) | set(sessions)):
        last = as_of or date.fromisoformat(max(last_days[mentor_id]))
        since = (last - timedelta(days=29)).isoformat()
        dates = sessions.get(mentor_id, [])
        out[mentor_id] = MentorFigures(
            assigned=assigned[mentor_id],
            sessions_30d=sum(since <= d <= last.isoformat() for d in dates),
            sessions_total=len(dates),
            as_of=last.isoformat(),
        )
    return out


def progress(achieved: int, target: int | None) -> float:
    """`achieved` as a percentage of `target`, one decimal; 0 without a target."""
    return round(100.0 * achieved / target, 1) if target else 0.0
