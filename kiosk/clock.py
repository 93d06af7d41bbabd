"""Time, injected: services ask a Clock, so tests can move days and run the clock backwards.

Stored times are naive UTC; the help point's local day is Asia/Ho_Chi_Minh (UTC+7, no DST).
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class Clock(Protocol):
    def now(self) -> datetime:
        """Naive UTC now."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC).replace(tzinfo=None)

    def monotonic(self) -> float:
        """Seconds that only ever move forward: setting the wall clock does not touch them."""
        return time.monotonic()


def monotonic(clock: Clock) -> float:
    """The clock's monotonic seconds (``time.monotonic`` for clocks that have none)."""
    mono = getattr(clock, "monotonic", None)
    return float(mono()) if callable(mono) else time.monotonic()


class FakeClock:
    """A clock tests set and move by hand."""

    def __init__(self, start: datetime) -> None:
        self._now = start
        self._mono = 1000.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        """Moves with :meth:`advance` (time passing), not with :meth:`set` (someone setting
        the wall clock)."""
        return self._mono

    def set(self, when: datetime) -> None:
        self._now = when

    def advance(self, **kwargs: float) -> None:
        step = timedelta(**kwargs)
        self._now += step
        self._mono += step.total_seconds()


def to_local(utc_naive: datetime) -> datetime:
    return utc_naive.replace(tzinfo=UTC).astimezone(LOCAL_TZ)


def local_day(utc_naive: datetime) -> date:
    return to_local(utc_naive).date()


def local_midnight_utc(day: date) -> datetime:
    """The naive-UTC instant at which local ``day`` starts."""
    start = datetime(day.year, day.month, day.day, tzinfo=LOCAL_TZ)
    return start.astimezone(UTC).replace(tzinfo=None)
