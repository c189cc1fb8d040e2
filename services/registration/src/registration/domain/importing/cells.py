"""Spreadsheet cells to plain values. Pure. A cell that cannot be read becomes a FieldProblem.

openpyxl gives None, str, int, float, bool, datetime, date or time; the csv module gives str.
Only cell-level type problems are reported here: the service judges the values themselves.
"""

import re
from datetime import date, datetime, timedelta

from registration.domain.errors import FieldProblem
from registration.domain.reference import ReferenceData

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_NEGATIVE = re.compile(r"^\s*(?:\(|[-\u2212]|(?:rp\.?|idr)\s*[-\u2212])", re.IGNORECASE)
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?e\+?\d+$", re.IGNORECASE)
_WHOLE = re.compile(r"^[-\u2212]?(?:\d{1,3}(?:\.\d{3})+|\d+)$")
_LONG_DIGITS = re.compile(r"\d{10,}")
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 once Excel's fake 1900-02-29 is past
_LAST_SERIAL = 2_958_465  # 9999-12-31


def is_blank(value: object) -> bool:
    """True for an empty cell, or one holding only spaces."""
    return value is None or (isinstance(value, str) and not value.strip(_INVISIBLE + " \t\r\n\xa0"))


def text(value: object) -> str | None:
    """The cell as text, trimmed; None when blank. `12.0` (a number cell) reads as `12`."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    return str(value).strip().strip(_INVISIBLE).strip() or None


def looks_scientific(raw: str) -> bool:
    """`3,21601E+15`: how Excel shows a long number that was typed into a Number cell."""
    return _SCIENTIFIC.match(raw) is not None


def _error(column: str, pesan: str, message: str) -> FieldProblem:
    return FieldProblem(column, pesan, message)


def _shown(value: object) -> str:
    """The value quoted in a message, cut short, long digit runs masked (a NIK in the wrong
    column must not reach the report)."""
    shown = _LONG_DIGITS.sub(lambda m: m[0][:4] + "*" * (len(m[0]) - 8) + m[0][-4:], str(value))
    shown = shown.strip()
    return repr(shown if len(shown) <= 30 else shown[:27] + "...")


def _not_whole(column: str) -> FieldProblem:
    return _error(column, "Rupiah harus bilangan bulat (tanpa sen).", "Whole Rupiah only.")


def _from_text(raw: str, column: str, reference: ReferenceData) -> int | FieldProblem:
    negative = _NEGATIVE.match(raw) is not None
    parsed = reference.rupiah(re.sub(r"[-\u2212()]", " ", raw, count=2) if negative else raw)
    if parsed is None:
        return _error(
            column,
            f"{_shown(raw)} bukan nilai rupiah (contoh: Rp 250.000.000 atau 250000000).",
            f"{_shown(raw)} is not an amount in Rupiah (e.g. Rp 250.000.000 or 250000000).",
        )
    if parsed.approximate:
        return _error(
            column,
            f"{_shown(raw)} adalah perkiraan; isi angka pasti.",
            f"{_shown(raw)} is approximate; give the exact figure.",
        )
    if isinstance(parsed.amount, float) and not parsed.amount.is_integer():
        return _not_whole(column)
    return -int(parsed.amount) if negative else int(parsed.amount)


def rupiah(value: object, column: str, reference: ReferenceData) -> int | FieldProblem:
    """Whole Rupiah from a number cell or text such as `Rp 250.000.000` or `250 juta`.

    The sign is kept (`-5.000` is -5000) so the service can refuse it; lokal-id drops it.
    """
    if isinstance(value, (bool, date, datetime)):
        return _error(column, "Isi dengan angka rupiah.", "Expected an amount in Rupiah.")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else _not_whole(column)
    return _from_text(str(value).strip(), column, reference)


def whole_number(value: object, column: str) -> int | FieldProblem:
    """A count from a number cell or text such as `12` or `1.200`; the sign is kept."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raw = str(value).strip()
    if isinstance(value, str) and _WHOLE.match(raw):
        return int(raw.replace(".", "").replace("\u2212", "-"))
    return _error(
        column,
        f"{_shown(value)} bukan bilangan bulat (contoh: 4).",
        f"{_shown(value)} is not a whole number (e.g. 4).",
    )


def calendar_date(value: object, column: str) -> date | FieldProblem:
    """A date from a date cell, an Excel serial number, `YYYY-MM-DD` or `DD/MM/YYYY`."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value <= _LAST_SERIAL:
            return _EXCEL_EPOCH + timedelta(days=int(value))
    elif isinstance(value, str):
        raw = value.strip()
        try:
            return datetime.fromisoformat(raw).date()
        except ValueError:
            pass
        for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                return datetime.strptime(raw, pattern).date()
            except ValueError:
                continue
    return _error(
        column,
        f"{_shown(value)} bukan tanggal yang valid (YYYY-MM-DD atau DD/MM/YYYY).",
        f"{_shown(value)} is not a valid date (YYYY-MM-DD or DD/MM/YYYY).",
    )
