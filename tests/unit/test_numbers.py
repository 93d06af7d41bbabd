"""How numbers are written for people (kiosk.numbers): Vietnamese "1.234" and "4,5"."""

from __future__ import annotations

import pytest

from kiosk.numbers import fmt_dec, fmt_int, fmt_pct
from kiosk.reports.allowance import count, vnd


@pytest.mark.parametrize(("n", "vi", "en"), [
    (0, "0", "0"), (999, "999", "999"), (1234, "1.234", "1,234"),
    (1250000, "1.250.000", "1,250,000"), (-4500, "-4.500", "-4,500"),
])
def test_whole_numbers(n: int, vi: str, en: str) -> None:
    assert fmt_int(n) == fmt_int(n, "vi") == vi
    assert fmt_int(n, "en") == en


@pytest.mark.parametrize(("value", "digits", "vi", "en"), [
    (4.5, 1, "4,5", "4.5"), (4.0, 1, "4,0", "4.0"), (4.25, 2, "4,25", "4.25"),
    (1234.5, 1, "1.234,5", "1,234.5"), (0.05, 0, "0", "0"),
])
def test_decimals(value: float, digits: int, vi: str, en: str) -> None:
    assert fmt_dec(value, digits) == vi
    assert fmt_dec(value, digits, "en") == en


def test_trim_and_percent_and_the_old_names() -> None:
    assert fmt_dec(12.0, 1, trim=True) == "12"
    assert fmt_dec(12.5, 1, "en", trim=True) == "12.5"
    assert fmt_pct(1, 8) == "12%" and fmt_pct(1, 8, "vi", 1) == "12,5%"
    assert fmt_pct(1, 8, "en", 1) == "12.5%" and fmt_pct(3, 0) == "–"
    assert count(1800) == "1.800" and vnd(3_000_000) == "3.000.000 đ"
