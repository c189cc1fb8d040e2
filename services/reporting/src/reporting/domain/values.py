"""Small value helpers shared by the projections: plain JSON-able values only."""

from datetime import date, datetime, timedelta, timezone
from typing import Any, get_args

from umkm_shared.contracts.types import Milestone, SessionTopic

Doc = dict[str, Any]

WIB = timezone(timedelta(hours=7), "WIB")
"""Western Indonesian Time: the program's calendar day is the day in West Java."""

SCALE_RANK = {"mikro": 0, "kecil": 1, "menengah": 2, "besar": 3}

# The published vocabularies, read from the contracts rather than copied.
SESSION_TOPICS: tuple[str, ...] = get_args(get_args(SessionTopic)[0])
MILESTONES: tuple[str, ...] = get_args(get_args(Milestone)[0])
DIMENSIONS = ("scale_class", "licensing_certification", "retail_partnership", "financing")


def iso_time(moment: datetime) -> str:
    """A timestamp as ISO 8601 in WIB, so equal moments store as equal strings."""
    return moment.astimezone(WIB).isoformat()


def wib_day(moment: datetime) -> str:
    """The calendar day in West Java, YYYY-MM-DD."""
    return moment.astimezone(WIB).date().isoformat()


def iso_day(day: date | None) -> str | None:
    """A date as YYYY-MM-DD (sorts and compares as a string in Mongo)."""
    return None if day is None else day.isoformat()


def moved_up(from_class: str | None, to_class: str) -> bool:
    """True for a move to a higher PP 7/2021 class (naik kelas)."""
    return from_class is not None and SCALE_RANK[to_class] > SCALE_RANK[from_class]
