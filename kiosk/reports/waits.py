"""Queue waits as a small fixed histogram: what a help point sends the hub instead of times.

Tickets never leave the help point, so the hub cannot compute a median wait the way the
kiosk does (:func:`kiosk.queue.queue_figures_in`, from every ticket). Each day's waits are
counted into these bins instead (minutes from taking the number to the first call), and the
hub states a median or 90th percentile honestly as the bins' range that holds it: the
kiosk's exact value always lies inside (``tests/unit/test_waits.py``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from math import ceil, floor

#: Lower edges of the bins in minutes; the last bin is open ("180 minutes or more").
WAIT_BIN_EDGES: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50,
                                   60, 90, 120, 180)
BINS = len(WAIT_BIN_EDGES)


def wait_bin(minutes: float) -> int:
    """The bin of a wait (a negative wait, a clock glitch, counts as no wait)."""
    return max(0, bisect_right(WAIT_BIN_EDGES, max(0.0, minutes)) - 1)


def wait_histogram(waits: Iterable[float]) -> list[int]:
    hist = [0] * BINS
    for minutes in waits:
        hist[wait_bin(minutes)] += 1
    return hist


def bin_range(index: int) -> tuple[int, int | None]:
    """(from, to) minutes of a bin; ``to`` None for the last, open bin."""
    return WAIT_BIN_EDGES[index], (WAIT_BIN_EDGES[index + 1] if index + 1 < BINS else None)


def quantile_range(hist: Sequence[int], q: float) -> tuple[int, int | None] | None:
    """The minutes range that holds the ``q`` quantile of the waits counted in ``hist``.

    The kiosk interpolates between the two ranks around (n − 1)·q (a spreadsheet's
    PERCENTILE.INC; the median of an even count is the mean of the middle two), so the range
    runs from the bin of the lower rank to the bin of the upper one. None without waits.
    """
    n = sum(hist)
    if n <= 0:
        return None
    position = (n - 1) * q
    low_rank, high_rank = floor(position), ceil(position)

    def bin_of(rank: int) -> int:
        seen = 0
        for index, count in enumerate(hist):
            seen += count
            if rank < seen:
                return index
        return len(hist) - 1

    low_bin, high_bin = bin_of(low_rank), bin_of(high_rank)
    return WAIT_BIN_EDGES[low_bin], bin_range(high_bin)[1]
