"""Value helpers of the projections: the document type and West Java's calendar.

The closed vocabularies (scale ranks, naik-kelas dimensions, session topics, milestones) are
not here: they come from `umkm_shared.contracts.vocabularies`, read from the contracts.
"""

from datetime import datetime
from typing import Any

from umkm_shared.programme_time import WIB

Doc = dict[str, Any]
"""A read-model document: plain JSON-able values only."""

"""Western Indonesian Time: the program's calendar day is the day in West Java."""


def iso_time(moment: datetime) -> str:
    """A timestamp as ISO 8601 in WIB, so equal moments store as equal strings."""
    return moment.astimezone(WIB).isoformat()


def wib_day(moment: datetime) -> str:
    """The calendar day in West Java, YYYY-MM-DD."""
    return moment.astimezone(WIB).date().isoformat()
