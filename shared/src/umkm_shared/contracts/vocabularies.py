"""The platform's closed vocabularies, read from the published contracts, never copied.

A service that needs the list of scale classes, naik-kelas dimensions, session topics,
milestones or partnership patterns takes it from here; adding a value to a contract's
`Literal` adds it everywhere.
"""

from typing import get_args

from umkm_shared.contracts.mentoring_progress import GraduationDimension
from umkm_shared.contracts.partnership import PartnershipPattern
from umkm_shared.contracts.types import Milestone, ScaleClass, SessionTopic


def _values(annotated: object) -> tuple[str, ...]:
    """The values of a `Literal`, bare or wrapped in `Annotated`."""
    literal = get_args(annotated)[0] if hasattr(annotated, "__metadata__") else annotated
    return tuple(get_args(literal))


SCALE_CLASSES: tuple[str, ...] = _values(ScaleClass)
"""PP 7/2021 size classes, smallest first."""

SCALE_RANK: dict[str, int] = {name: rank for rank, name in enumerate(SCALE_CLASSES)}
"""A class's position in SCALE_CLASSES: a move to a higher rank is naik kelas."""

DIMENSIONS: tuple[str, ...] = _values(GraduationDimension.model_fields["dimension"].annotation)
"""The naik-kelas dimensions a graduation can name."""

SESSION_TOPICS: tuple[str, ...] = _values(SessionTopic)
MILESTONES: tuple[str, ...] = _values(Milestone)
PARTNERSHIP_PATTERNS: tuple[str, ...] = _values(PartnershipPattern)
"""The ten PP 7/2021 partnership patterns."""


def moved_up(from_class: str | None, to_class: str) -> bool:
    """True for a move to a higher PP 7/2021 class (naik kelas)."""
    return from_class is not None and SCALE_RANK[to_class] > SCALE_RANK[from_class]
