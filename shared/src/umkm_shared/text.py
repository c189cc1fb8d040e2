"""Free text at the edge: bounded, free of control characters, and never holding a NIK.

Use in request models: `notes: Annotated[str, FreeText(2000, multiline=True)] = ""`,
`name: Name`. A refusal is a `PydanticCustomError` whose message is English and whose
context carries `pesan` (Indonesian): the shared problem handler answers both, and neither
echoes the value (it may hold a NIK).
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import GetCoreSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

PROVINCE_CODES = frozenset(
    str(code)
    for code in (
        *range(11, 20),
        21,
        *range(31, 37),
        *range(51, 54),
        *range(61, 66),
        *range(71, 77),
        81,
        82,
        *range(91, 98),
    )
)
"""Kemendagri province codes, the first two digits of every NIK (Papua's newest included)."""

_DIGIT_RUN = re.compile(r"\d(?:[ .\-]?\d)*")
"""Digits, possibly grouped by single spaces, dots or hyphens (`3216 0101 0190 0001`)."""
_GROUP = re.compile(r"\d+")
NIK_DIGITS = 16
_MULTILINE_ALLOWED = frozenset("\n\r\t")


def is_plausible_nik(digits: str) -> bool:
    """True when 16 digits read as a NIK: known province, non-zero codes, a real birth date."""
    if len(digits) != NIK_DIGITS or not digits.isdigit():
        return False
    if digits[0:2] not in PROVINCE_CODES or "00" in (digits[2:4], digits[4:6]):
        return False
    day, month = int(digits[6:8]), int(digits[8:10])
    day = day - 40 if day > 40 else day  # women: day of birth + 40
    try:
        date(2000, month, day)  # a leap year: 29 February can be anyone's birthday
    except ValueError:
        return False
    return digits[12:] != "0000"


def contains_nik(text: str) -> bool:
    """True when `text` holds a NIK-shaped number, bare or grouped by spaces, dots or hyphens.

    Every run of consecutive digit groups adding up to exactly 16 digits is checked, so two
    NIKs written side by side, or a NIK after a phone number, are found too.
    """
    for run in _DIGIT_RUN.finditer(text):
        groups = [len(g) for g in _GROUP.findall(run.group())]
        digits = run.group().translate(_NO_SEPARATORS)
        start = 0
        for i in range(len(groups)):
            total = 0
            for size in groups[i:]:
                total += size
                if total >= NIK_DIGITS:
                    break
            if total == NIK_DIGITS and is_plausible_nik(digits[start : start + NIK_DIGITS]):
                return True
            start += groups[i]
    return False


_NO_SEPARATORS = str.maketrans("", "", " .-")


def has_control_characters(text: str, *, multiline: bool = False) -> bool:
    """True for control characters, unpaired surrogates or noncharacters (XML refuses them).

    `multiline` allows line breaks and tabs.
    """
    for char in text:
        if multiline and char in _MULTILINE_ALLOWED:
            continue
        if unicodedata.category(char) in ("Cc", "Cs") or char in "\ufffe\uffff":
            return True
    return False


def refusal(kind: str, pesan: str, message: str) -> PydanticCustomError:
    """A validation error the problem handler answers in both languages."""
    return PydanticCustomError(kind, "{message}", {"message": message, "pesan": pesan})


def check_free_text(text: str, *, multiline: bool = False) -> str:
    """`text` unchanged, or a refusal naming what is wrong (never the value)."""
    if has_control_characters(text, multiline=multiline):
        allowed = " (kecuali baris baru dan tab)" if multiline else ""
        raise refusal(
            "control_characters",
            f"Teks tidak boleh berisi karakter kontrol{allowed}.",
            "Text must not contain control characters"
            + (" (line breaks and tabs are allowed)." if multiline else "."),
        )
    if contains_nik(text):
        raise refusal(
            "nik_in_free_text",
            "Teks tidak boleh berisi NIK (nomor 16 digit); hapus nomornya.",
            "Text must not contain a NIK (a 16-digit national id number); remove it.",
        )
    return text


@dataclass(frozen=True)
class FreeText:
    """Marker for `Annotated[str, FreeText(...)]`: bounded text, no control chars, no NIK.

    `strip` trims surrounding whitespace before the length checks.
    """

    max_length: int
    min_length: int = 0
    multiline: bool = False
    strip: bool = False

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """A string schema with the bounds, then the content checks."""
        multiline = self.multiline

        def check(text: str) -> str:
            return check_free_text(text, multiline=multiline)

        return core_schema.no_info_after_validator_function(
            check,
            core_schema.str_schema(
                min_length=self.min_length,
                max_length=self.max_length,
                strip_whitespace=self.strip,
                strict=True,
            ),
        )


Name = Annotated[str, FreeText(200, min_length=1, strip=True)]
"""A person's, business's or product's name: 1 to 200 characters after trimming, one line."""
Label = Annotated[str, FreeText(200)]
"""A short one-line text (a marketplace, a place, a reference)."""
Note = Annotated[str, FreeText(2000, multiline=True)]
"""Free notes (session notes, next actions, reasons): up to 2000 characters, lines allowed."""
