"""Make written Vietnamese speakable: abbreviations, hotlines and ticket numbers.

The table comes from content data (``resources/tutorials/pronunciation.toml``) so staff can
fix a word the voice gets wrong without a developer. Every text the kiosk speaks passes here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

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
        if entry is None:
            return text
        pattern, entries = entry
        return pattern.sub(lambda m: entries[m.group(1)], text)


# "08:30" on a ticket: said "tám giờ ba mươi phút", not digit by digit.
_TIME = re.compile(r"(?<![\d:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")


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
