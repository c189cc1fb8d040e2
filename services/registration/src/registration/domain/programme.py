"""Programme time: the day things happened in the programme, in Asia/Jakarta. Pure."""

from datetime import UTC, date, datetime, timedelta, timezone

from registration.domain.errors import FieldProblem

PROGRAMME_START = date(2019, 1, 1)
"""The programme began in 2019: no SME joined it earlier."""
WIB = timezone(timedelta(hours=7), "WIB")
"""Asia/Jakarta: UTC+7 all year (Indonesia keeps no daylight saving time)."""


def jakarta_date(moment: datetime) -> date:
    """The calendar day in Asia/Jakarta at `moment` (a naive one, as BSON gives, is UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(WIB).date()


def check_joined_on(joined_on: date | None, today: date) -> list[FieldProblem]:
    """Refuse a joining date after `today` (Asia/Jakarta) or before the programme began."""
    if joined_on is None:
        return []
    if joined_on > today:
        return [
            FieldProblem(
                "joined_on",
                "Tanggal bergabung tidak boleh di masa depan (hari ini menurut WIB).",
                "The joining date cannot be in the future (today in Asia/Jakarta).",
            )
        ]
    if joined_on < PROGRAMME_START:
        return [
            FieldProblem(
                "joined_on",
                "Tanggal bergabung tidak boleh sebelum 1 Januari 2019, saat program dimulai.",
                "The joining date cannot be before 2019-01-01, when the programme began.",
            )
        ]
    return []
