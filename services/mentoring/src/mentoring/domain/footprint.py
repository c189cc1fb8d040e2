"""What an SME's state contributes to its cohorts' summaries and its mentors' loads.

A change to one SME is stored in one write; the cohort counts and mentor loads live in other
documents, so the change's `Moves` (the difference of two footprints) are applied after it.
"""

from dataclasses import dataclass, field

from mentoring.domain.mentee import Mentee


@dataclass(frozen=True)
class Footprint:
    """Per cohort: enrolled (with the kecamatan), graduated, and the assigned mentor."""

    members: dict[str, str] = field(default_factory=dict)
    graduates: frozenset[str] = frozenset()
    mentors: dict[str, str] = field(default_factory=dict)


def footprint(mentee: Mentee) -> Footprint:
    """The SME's place in every cohort it is enrolled in."""
    kecamatan = mentee.profile.kecamatan_code if mentee.profile else ""
    enrollments = mentee.enrollments.values()
    return Footprint(
        members={e.cohort_id: kecamatan for e in enrollments},
        graduates=frozenset(e.cohort_id for e in enrollments if e.graduation is not None),
        mentors={e.cohort_id: e.mentor_id for e in enrollments if e.mentor_id is not None},
    )


@dataclass(frozen=True)
class Moves:
    """Cohort-keyed changes: new members, new graduates, places taken and places freed."""

    enrolled: dict[str, str] = field(default_factory=dict)
    graduated: frozenset[str] = frozenset()
    assigned: dict[str, str] = field(default_factory=dict)
    released: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.enrolled or self.graduated or self.assigned or self.released)


def moves(before: Mentee, after: Mentee) -> Moves:
    """What changed between two states of one SME."""
    old, new = footprint(before), footprint(after)
    return Moves(
        enrolled={c: k for c, k in new.members.items() if c not in old.members},
        graduated=new.graduates - old.graduates,
        assigned={c: m for c, m in new.mentors.items() if old.mentors.get(c) != m},
        released={c: m for c, m in old.mentors.items() if new.mentors.get(c) != m},
    )
