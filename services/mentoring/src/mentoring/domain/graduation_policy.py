"""The versioned graduation policy: its thresholds and mappings, and the version they derive.

The policy's version is derived from its content (`graduation.v2+<8 hex>`): changing any
threshold or mapping changes the version, so no two rule sets share one. Changing the code
of the rules (`mentoring.domain.graduation`) means a new name (`graduation.v3`).
"""

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from mentoring.domain.values import RetailPartnership

V2_MILESTONES: tuple[tuple[str, str], ...] = (
    ("nib_obtained", "formal_licensing"),
    ("halal_certified", "certification"),
    ("pirt_certified", "certification"),
    ("bpom_certified", "certification"),
    ("marketplace_onboarded", "digital_onboarding"),
    ("financing_obtained", "financing"),
    ("export_ready", "export_readiness"),
    ("jobs_added", "jobs_added"),
)
V1_MILESTONES: tuple[tuple[str, str], ...] = (
    ("nib_obtained", "licensing_certification"),
    ("halal_certified", "licensing_certification"),
    ("pirt_certified", "licensing_certification"),
    ("bpom_certified", "licensing_certification"),
    ("financing_obtained", "financing"),
)


@dataclass(frozen=True)
class GraduationPolicy:
    """Default graduation.v2: at least 4 sessions AND 1 dimension, all inside the cohort."""

    name: str = "graduation.v2"
    min_sessions: int = 4
    min_dimensions: int = 1
    milestone_dimensions: tuple[tuple[str, str], ...] = V2_MILESTONES
    """Milestone -> the dimension it evidences."""
    dimensions: frozenset[str] = frozenset(
        {"scale_class", "retail_partnership", *(d for _, d in V2_MILESTONES)}
    )
    """The dimensions that count (scale_class and retail_partnership come from upstream)."""
    retail_patterns: frozenset[str] = field(
        default_factory=lambda: frozenset({"perdagangan_umum", "distribusi_dan_keagenan"})
    )
    retail_sectors: frozenset[str] = frozenset({"ritel_modern"})

    @classmethod
    def v1(cls) -> "GraduationPolicy":
        """graduation.v1's dimensions (licensing and certification as one), dated as v2 is."""
        dims = frozenset({"scale_class", "licensing_certification", "retail_partnership"})
        return cls(
            name="graduation.v1",
            milestone_dimensions=V1_MILESTONES,
            dimensions=dims | {"financing"},
        )

    def parameters(self) -> dict[str, Any]:
        """Every parameter, canonically ordered: what the version is derived from."""
        return {
            "name": self.name,
            "min_sessions": self.min_sessions,
            "min_dimensions": self.min_dimensions,
            "milestone_dimensions": sorted(map(list, self.milestone_dimensions)),
            "dimensions": sorted(self.dimensions),
            "retail_patterns": sorted(self.retail_patterns),
            "retail_sectors": sorted(self.retail_sectors),
        }

    @property
    def digest(self) -> str:
        """sha256 of the canonical JSON of `parameters()`."""
        canonical = json.dumps(self.parameters(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    @property
    def version(self) -> str:
        """`<name>+<first 8 hex of the digest>`: what every SMEGraduated names."""
        return f"{self.name}+{self.digest[:8]}"

    def is_retail(self, partnership: RetailPartnership) -> bool:
        """A retail pattern, or a modern-retail partner whatever the pattern.

        The dimension is a partnership with modern retail (Perbup 73/2020 names Indomaret,
        Alfamart and the like); such a partner may sign under any PP 7/2021 pattern, e.g.
        rantai pasok for a supply agreement.
        """
        return (
            partnership.pattern in self.retail_patterns
            or partnership.partner_sector in self.retail_sectors
        )


DEFAULT_POLICY = GraduationPolicy()
