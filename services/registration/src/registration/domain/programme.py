"""Programme time: the day things happened in the programme, in Asia/Jakarta. Pure."""

from datetime import date

from registration.domain.errors import FieldProblem

PROGRAMME_START = date(2019, 1, 1)
"""The programme began in 2019: no SME joined it earlier."""


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
