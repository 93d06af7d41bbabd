"""How numbers are written for people: Vietnamese "1.234" and "4,5", English "1,234" and "4.5".

One rule for every front end: the kiosk's staff screens and charts, the PDF report, the
allowance's amounts and the hub's pages. Files meant for other programs (CSV, XLSX) keep
numbers as numbers and never pass through here.

Pure functions; any thread.
"""

from __future__ import annotations

#: (thousands separator, decimal mark) per language; anything else is written as Vietnamese.
_MARKS = {"vi": (".", ","), "en": (",", ".")}


def _marks(lang: str) -> tuple[str, str]:
    return _MARKS.get(lang, _MARKS["vi"])


def fmt_int(n: int, lang: str = "vi") -> str:
    """A whole number with a separator every three digits: 1.250 (vi), 1,250 (en)."""
    thousands, _decimal = _marks(lang)
    return f"{int(n):,}".replace(",", thousands)


def fmt_dec(value: float, digits: int = 1, lang: str = "vi", *, trim: bool = False) -> str:
    """A decimal with ``digits`` places: 4,5 and 1.234,5 (vi); 4.5 and 1,234.5 (en).

    ``trim`` drops a zero fraction (12 rather than 12,0), as the kiosk's screens write it.
    """
    thousands, decimal = _marks(lang)
    text = f"{value:,.{digits}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    # Through a placeholder, so the two marks can swap places.
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def fmt_pct(part: float, whole: float, lang: str = "vi", digits: int = 0) -> str:
    """``part`` of ``whole`` in percent ("45%", "12,5%"), or "–" when ``whole`` is 0."""
    if not whole:
        return "–"
    return f"{fmt_dec(100.0 * part / whole, digits, lang)}%"
