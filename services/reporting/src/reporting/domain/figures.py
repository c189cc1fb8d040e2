"""The programme's figures: the facts of one SME document, the daily series, mentors' work.

Pure: documents and counts in, figures out. Two clocks: programme time (the day a thing
happened in the programme: joined, enrolled, session, milestone, graduation) and processing
time (when the system processed it). A closed cohort is frozen: a fact of one of its SMEs
counts only if it happened by the cohort's `closed_on` and was processed by its `closed_at`,
so nothing a late upstream event says changes the cohort's figures afterwards, whatever order
events arrive in. `domain.counted` applies this when an SME is projected.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from typing import Literal

from reporting.domain.values import Doc

Clock = Literal["programme", "processing"]
"""Which day a fact is counted on: programme (`on`) or processing (`day`)."""


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
        mentors = [
            m
            for m in doc.get("mentor_log", [])
            if cut is None or cut.keeps(m.get("on") or day_of(m["at"]), m["at"])
        ]
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


SERIES = ("registered", "enrolled", "sessions", "milestones", "graduated")
"""The daily series, in the order of their columns."""


def dated(f: Facts) -> list[Doc]:
    """Each fact of one SME on both clocks (`on`: programme day, `day`: processing day), named
    by its series; a session names its mentor. What the daily series and mentors count."""
    rows: list[Doc] = []
    for series, facts_of in (
        ("registered", [f.registered]),
        ("enrolled", [f.enrolled]),
        ("sessions", f.sessions),
        ("milestones", f.milestones),
        ("graduated", [f.graduated]),
    ):
        for d in facts_of:
            if d is not None:
                row = {"series": series, "on": d.on, "day": d.day}
                rows.append(row | {"mentor_id": d.mentor_id} if series == "sessions" else row)
    return rows


def daily(counts: Mapping[tuple[str, str], int]) -> list[Doc]:
    """One row per day with anything, from facts counted by (series, day), with running
    totals."""
    days = sorted({day for _, day in counts})
    rows: list[Doc] = [{"day": d} for d in days]
    for name in SERIES:
        per_day = [counts.get((name, d), 0) for d in days]
        for row, n, total in zip(rows, per_day, accumulate(per_day), strict=True):
            row[name], row[f"{name}_total"] = n, total
    return rows


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


Cohort = str | None


def mentor_figures(
    assigned: Mapping[tuple[str, Cohort], int],
    sessions: Mapping[tuple[str, Cohort, str], int],
    ends: Mapping[str, str],
    today: date,
    as_of: date | None = None,
) -> dict[str, MentorFigures]:
    """Per mentor, from the SMEs assigned by (mentor, cohort) and the sessions by (mentor,
    cohort, programme day). The 30 days end at `as_of` if given; else at the latest end of the
    mentor's cohorts, where a cohort that is over (closed, or past its end date) ends on its
    last day (not today), and any other on today.
    """
    now = today.isoformat()
    load: Counter[str] = Counter()
    days: dict[str, Counter[str]] = {}
    last_days: dict[str, set[str]] = {}
    for (mentor_id, cohort_id), n in assigned.items():
        load[mentor_id] += n
        last_days.setdefault(mentor_id, set()).add(min(ends.get(cohort_id or "", now), now))
    for (mentor_id, cohort_id, on), n in sessions.items():
        days.setdefault(mentor_id, Counter())[on] += n
        last_days.setdefault(mentor_id, set()).add(min(ends.get(cohort_id or "", now), now))
    out = {}
    for mentor_id in sorted(set(load) | set(days)):
        last = as_of or date.fromisoformat(max(last_days[mentor_id]))
        since = (last - timedelta(days=29)).isoformat()
        on_days = days.get(mentor_id, Counter())
        out[mentor_id] = MentorFigures(
            assigned=load[mentor_id],
            sessions_30d=sum(n for d, n in on_days.items() if since <= d <= last.isoformat()),
            sessions_total=sum(on_days.values()),
            as_of=last.isoformat(),
        )
    return out


def progress(achieved: int, target: int | None) -> float:
    """`achieved` as a percentage of `target`, one decimal; 0 without a target."""
    return round(100.0 * achieved / target, 1) if target else 0.0
