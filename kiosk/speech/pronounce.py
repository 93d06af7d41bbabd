"""Make written Vietnamese speakable: abbreviations, hotlines and ticket numbers.

The table comes from content data (``resources/tutorials/pronunciation.toml``) so staff can
fix a word the voice gets wrong without a developer. Every text the kiosk speaks passes here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from num2words import num2words


class Pronouncer:
    def __init__(self, table: Mapping[str, Mapping[str, str]]) -> None:
        self._patterns: dict[str, tuple[re.Pattern[str], dict[str, str]]] = {}
        for lang, entries in table.items():
            if not entries:
                continue
            keys = sorted(entries, key=len, reverse=True)  # longest first: "mã OTP" before "OTP"
            pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")
            self._patterns[lang] = (pattern, dict(entries))

    def apply(self, text: str, lang: str) -> str:
        text = _TIME.sub(lambda m: time_words(int(m.group(1)), int(m.group(2)), lang), text)
        entry = self._patterns.get(lang)
        if entry is not None:
            pattern, entries = entry
            text = pattern.sub(lambda m: entries[m.group(1)], text)
        return speak_numbers(text, lang)


class FollowingPronouncer(Pronouncer):
    """A :class:`Pronouncer` for a table that may be replaced while the kiosk runs (the
    content is read after start-up; a hub pack brings its own table): built again the
    first time it is used after ``table()`` returns a different object. Speech thread."""

    def __init__(self, table: Callable[[], Mapping[str, Mapping[str, str]]]) -> None:
        super().__init__({})
        self._table = table
        self._seen: object = None

    def apply(self, text: str, lang: str) -> str:
        table = self._table()
        if table is not self._seen:
            self._patterns = Pronouncer(table)._patterns
            self._seen = table
        return super().apply(text, lang)


# "08:30" on a ticket: said "tám giờ ba mươi phút", not digit by digit.
_TIME = re.compile(r"(?<![\d:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")


# "22.000" (a dot between groups of three): an amount, said "hai mươi hai nghìn".
_GROUPED = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+)(?![.,]?\d)")
# "123456", "0912345678": a code or a phone number, said digit by digit. A run of five or more
# digits, or of three or more starting with 0; years ("2025") and counts stay numbers.
_CODE = re.compile(r"(?<![\d.,/:])(\d{5,}|0\d{2,})(?![.,/:]?\d)")
_DIGITS = {"vi": ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"],
           "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]}


def speak_numbers(text: str, lang: str = "vi") -> str:
    """Amounts and codes the way a person reads them aloud (content review §3.2)."""
    digits = _DIGITS.get(lang, _DIGITS["en"])
    text = _GROUPED.sub(lambda m: number_words(int(m.group(1).replace(".", "")), lang)
                        if lang == "vi" else m.group(1).replace(".", ","), text)
    return _CODE.sub(lambda m: " ".join(digits[int(d)] for d in m.group(1)), text)


def digit_words(digits: str, lang: str = "vi") -> str:
    """"4827" → "bốn, tám, hai, bảy": a code said one digit at a time, with a pause between
    (a TTS engine would otherwise say "bốn nghìn tám trăm…")."""
    words = _DIGITS.get(lang, _DIGITS["en"])
    return ", ".join(words[int(d)] for d in digits if d in "0123456789")


def time_words(hour: int, minute: int, lang: str = "vi") -> str:
    if lang != "vi":
        return f"{hour}:{minute:02d}"
    said = f"{number_words(hour)} giờ"
    return f"{said} {number_words(minute)} phút" if minute else said


def number_words(n: int, lang: str = "vi") -> str:
    """A number the way a person says it: 5 → "năm", 21 → "hai mươi mốt"."""
    return str(num2words(n, lang="vi" if lang == "vi" else "en"))


def ticket_words(prefix: str, number: int, lang: str = "vi") -> str:
    """"A005" → "A năm" (never "A không không năm")."""
    return f"{prefix} {number_words(number, lang)}"
