"""Numbers for the server-drawn charts (SVG and bars in the templates, no JavaScript).

The templates draw; this module only scales: a bar's share of the largest value, a
column's height, an axis maximum that reads well. Every chart in a page has its numbers
in a table beside it too (screen readers, printing, copying into a letter).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kiosk.reports.waits import bin_range, quantile_range


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


@dataclass(frozen=True)
class Bar:
    """One bar of a chart drawn by the ``bars`` macro (the fields of a CountRow)."""

    key: str
    label: str
    count: int


def _bin_label(index: int) -> str:
    low, high = bin_range(index)
    return f"{low}–{high}" if high is not None else f"≥ {low}"


def wait_bars(hist: Sequence[int]) -> list[Bar]:
    """The waits histogram as bars, from the first bin to the last one with a ticket."""
    last = max((i for i, n in enumerate(hist) if n), default=-1)
    return [Bar(str(i), _bin_label(i), int(hist[i])) for i in range(last + 1)]


def wait_range(hist: Sequence[int], q: float) -> str:
    """Where the ``q`` quantile of the waits lies, as a range of minutes ("8–10", "≥ 180"):
    the hub has counts per range, not every ticket, so it never pretends to a minute."""
    found = quantile_range(hist, q)
    if found is None:
        return "–"
    low, high = found
    return f"{low}–{high}" if high is not None else f"≥ {low}"
