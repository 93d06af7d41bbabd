"""Time, injected: services ask a Clock, so tests can move days and run the clock backwards.

Stored times are naive UTC; the help point's local day is Asia/Ho_Chi_Minh (UTC+7, no DST).
"""

from __future__ import annotations

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


class FakeClock:
    """A clock tests set and move by hand."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when

    def advance(self, **kwargs: float) -> None:
        self._now += timedelta(**kwargs)


def to_local(utc_naive: datetime) -> datetime:
    return utc_naive.replace(tzinfo=UTC).astimezone(LOCAL_TZ)


def local_day(utc_naive: datetime) -> date:
    return to_local(utc_naive).date()


def local_midnight_utc(day: date) -> datetime:
    """The naive-UTC instant at which local ``day`` starts."""
    start = datetime(day.year, day.month, day.day, tzinfo=LOCAL_TZ)
    return start.astimezone(UTC).replace(tzinfo=None)
