"""Numbers for the server-drawn charts (SVG and bars in the templates, no JavaScript).

The templates draw; this module only scales: a bar's share of the largest value, a
column's height, an axis maximum that reads well. Every chart in a page has its numbers
in a table beside it too (screen readers, printing, copying into a letter).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Column:
    day: date
    value: int
    height: float  # 0..100, share of the axis maximum
    x: float


def nice_max(value: int) -> int:
    """The smallest of 1, 2, 5 × 10ⁿ at or above ``value`` (at least 1)."""
    if value <= 1:
        return 1
    step = 1
    while True:
        for m in (1, 2, 5):
            if m * step >= value:
                return m * step
        step *= 10


def columns(days: Sequence[tuple[date, int]], width: float = 100.0) -> list[Column]:
    top = nice_max(max((v for _d, v in days), default=0))
    n = max(1, len(days))
    return [Column(d, v, 100.0 * v / top, width * i / n) for i, (d, v) in enumerate(days)]


def axis_max(days: Sequence[tuple[date, int]]) -> int:
    return nice_max(max((v for _d, v in days), default=0))


def share(value: int, largest: int) -> float:
    """Percent of the largest value, at least a sliver for any non-zero value."""
    if largest <= 0 or value <= 0:
        return 0.0
    return max(1.5, 100.0 * value / largest)


def percent(part: int | float, whole: int | float) -> str:
    if not whole:
        return "–"
    return f"{100.0 * part / whole:.0f}%"
