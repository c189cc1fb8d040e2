"""A balanced assignment proposal: even loads, each mentor's SMEs in nearby kecamatan.

Kemendagri kecamatan codes are used as the proximity order (an approximation: neighbouring
codes are often, not always, neighbouring kecamatan). Sorting by code and cutting the list
into contiguous runs whose sizes differ by at most one keeps each kecamatan with one mentor,
except where a run boundary falls inside it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from mentoring.domain.errors import InvalidError


@dataclass(frozen=True)
class Candidate:
    """An SME to place, with where it is."""

    sme_id: str
    kecamatan_code: str


def propose_assignment(
    smes: Sequence[Candidate], mentor_ids: Sequence[str]
) -> dict[str, list[str]]:
    """Mentor id -> SME ids; loads differ by at most one; deterministic for the same input."""
    if not mentor_ids:
        raise InvalidError("Daftar pendamping kosong", "at least one mentor is needed")
    if len(set(mentor_ids)) != len(mentor_ids):
        raise InvalidError("Pendamping terdaftar dua kali", "mentor ids must be distinct")
    ordered = sorted(smes, key=lambda c: (c.kecamatan_code, c.sme_id))
    base, extra = divmod(len(ordered), len(mentor_ids))
    proposal: dict[str, list[str]] = {}
    start = 0
    for index, mentor_id in enumerate(mentor_ids):
        size = base + (1 if index < extra else 0)
        proposal[mentor_id] = [c.sme_id for c in ordered[start : start + size]]
        start += size
    return proposal
