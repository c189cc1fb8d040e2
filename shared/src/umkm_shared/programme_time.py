"""Programme time: the programme's calendar is Asia/Jakarta's, whatever the host's clock says.

A day in the programme (a session's date, the day a partnership ended, the month a sales
report may name) is the calendar day in Western Indonesian Time. Using the UTC date instead
is off by one every day from 00:00 to 07:00 WIB.
"""

from datetime import UTC, date, datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7), "WIB")
"""Asia/Jakarta: UTC+7 all year (Indonesia keeps no daylight saving time)."""


def programme_day(moment: datetime) -> date:
    """The calendar day in Asia/Jakarta at `moment` (a naive one, as BSON gives, is UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(WIB).date()
