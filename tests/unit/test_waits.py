"""The hub's wait ranges from the daily histograms hold the kiosk's exact median and p90."""

from __future__ import annotations

import random
import statistics

from kiosk.queue import percentile
from kiosk.reports.waits import BINS, quantile_range, wait_bin, wait_histogram


def test_bins_cover_every_wait() -> None:
    assert wait_bin(0) == 0 and wait_bin(0.99) == 0 and wait_bin(1) == 1
    assert wait_bin(-3) == 0  # a clock glitch is no wait, as on the kiosk
    assert wait_bin(10_000) == BINS - 1
    assert quantile_range([0] * BINS, 0.5) is None


def test_the_kiosks_exact_median_and_p90_lie_in_the_hubs_range() -> None:
    rng = random.Random(7)
    for _ in range(300):
        waits = [rng.choice([rng.uniform(0, 3), rng.uniform(0, 40), rng.expovariate(1 / 25),
                             rng.uniform(150, 400)]) for _ in range(rng.randint(1, 60))]
        hist = wait_histogram(waits)
        for q, exact in ((0.5, statistics.median(waits)), (0.9, percentile(waits, 0.9))):
            got = quantile_range(hist, q)
            assert got is not None and exact is not None
            low, high = got
            assert low <= exact and (high is None or exact <= high), (q, exact, got)


def test_one_wait_gives_its_own_bin() -> None:
    assert quantile_range(wait_histogram([7.5]), 0.5) == (6, 8)
    assert quantile_range(wait_histogram([200.0]), 0.9) == (180, None)
