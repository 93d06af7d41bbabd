"""Report periods: today, this week, this month, last month, this year, or a custom range.

A period is a pair of *local* days (Asia/Ho_Chi_Minh), both inclusive, because that is how
staff talk about them ("tháng 3", "từ 01/03 đến 15/03"). Records are stored in UTC, so
:meth:`Period.utc_bounds` gives the half-open UTC interval ``[start, end)`` to query with.
"Today" always comes from a :class:`kiosk.clock.Clock`, never from the system time directly,
so tests and the demo can move days. Pure functions; safe from any thread.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from kiosk.clock import Clock, local_day, local_midnight_utc
from kiosk.errors import KioskError


class PeriodKind(StrEnum):
    TODAY = "today"
    THIS_WEEK = "week"
    THIS_MONTH = "month"
    LAST_MONTH = "last-month"
    THIS_YEAR = "year"
    CUSTOM = "custom"


#: English month names, fixed: ``%B`` and :mod:`calendar` follow the machine's locale.
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


class PeriodError(KioskError, ValueError):
    """A period that cannot be used; the message is Vietnamese and says what to change."""


@dataclass(frozen=True)
class Period:
    """Local days ``start``..``end``, both inclusive."""

    start: date
    end: date
    kind: PeriodKind = PeriodKind.CUSTOM

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise PeriodError(
                f"Ngày bắt đầu ({fmt_day(self.start)}) sau ngày kết thúc "
                f"({fmt_day(self.end)}). Hãy chọn lại: ngày bắt đầu phải trước hoặc bằng "
                "ngày kết thúc.",
                en=f"The start day ({fmt_day(self.start)}) is after the end day "
                   f"({fmt_day(self.end)}). Choose again: the start day must be on or before the "
                   "end day.")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def each_day(self) -> Iterator[date]:
        for i in range(self.days):
            yield self.start + timedelta(days=i)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def utc_bounds(self) -> tuple[datetime, datetime]:
        """Naive-UTC ``[from, to)`` covering every instant of the local days."""
        return local_midnight_utc(self.start), local_midnight_utc(self.end + timedelta(days=1))

    @property
    def label(self) -> str:
        """Vietnamese, e.g. "Tháng 3/2026", "Năm 2026", "01/03/2026 – 15/03/2026"."""
        if self.start == self.end:
            return f"Ngày {fmt_day(self.start)}"
        if (self.start.day == 1 and self.end == month_end(self.start)):
            return f"Tháng {self.start.month}/{self.start.year}"
        if self.start == date(self.start.year, 1, 1) and self.end == date(self.start.year, 12, 31):
            return f"Năm {self.start.year}"
        return f"{fmt_day(self.start)} – {fmt_day(self.end)}"

    def label_in(self, lang: str = "vi") -> str:
        """:attr:`label` in ``lang``: English "March 2026", "Year 2026", "Day 05/03/2026"."""
        if lang != "en":
            return self.label
        if self.start == self.end:
            return f"Day {fmt_day(self.start)}"
        if (self.start.day == 1 and self.end == month_end(self.start)):
            return f"{_MONTHS_EN[self.start.month - 1]} {self.start.year}"
        if self.start == date(self.start.year, 1, 1) and self.end == date(self.start.year, 12, 31):
            return f"Year {self.start.year}"
        return f"{fmt_day(self.start)} – {fmt_day(self.end)}"

    @property
    def full_label(self) -> str:
        """The label with its dates, each written once: "Tháng 3/2026 (01/03/2026 – 31/03/2026)"
        but "01/12/2025 – 31/01/2026" for a range that has no other name."""
        dates = f"{fmt_day(self.start)} – {fmt_day(self.end)}"
        label = self.label
        return label if label in (dates, f"Ngày {fmt_day(self.start)}") else f"{label} ({dates})"

    @property
    def slug(self) -> str:
        """For file names: ``2026-03-01_2026-03-31``."""
        return f"{self.start.isoformat()}_{self.end.isoformat()}"


def fmt_day(day: date) -> str:
    """Vietnamese date style: 05/03/2026."""
    return day.strftime("%d/%m/%Y")


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def today_local(clock: Clock) -> date:
    return local_day(clock.now())


def today(clock: Clock) -> Period:
    d = today_local(clock)
    return Period(d, d, PeriodKind.TODAY)


def this_week(clock: Clock) -> Period:
    """Monday to Sunday of the current local week (the week staff plan by)."""
    d = today_local(clock)
    monday = d - timedelta(days=d.weekday())
    return Period(monday, monday + timedelta(days=6), PeriodKind.THIS_WEEK)


def this_month(clock: Clock) -> Period:
    d = today_local(clock)
    return Period(d.replace(day=1), month_end(d), PeriodKind.THIS_MONTH)


def last_month(clock: Clock) -> Period:
    first_this = today_local(clock).replace(day=1)
    last_day_prev = first_this - timedelta(days=1)
    return Period(last_day_prev.replace(day=1), last_day_prev, PeriodKind.LAST_MONTH)


def this_year(clock: Clock) -> Period:
    d = today_local(clock)
    return Period(date(d.year, 1, 1), date(d.year, 12, 31), PeriodKind.THIS_YEAR)


def custom(start: date, end: date) -> Period:
    """From ``start`` to ``end`` inclusive; raises :class:`PeriodError` if start > end."""
    return Period(start, end, PeriodKind.CUSTOM)


def for_kind(kind: PeriodKind | str, clock: Clock, start: date | None = None,
             end: date | None = None) -> Period:
    """The period a staff screen button or a ``--period`` option names."""
    kind = PeriodKind(kind)
    if kind is PeriodKind.CUSTOM:
        if start is None or end is None:
            raise PeriodError("Hãy chọn cả ngày bắt đầu và ngày kết thúc.",
                              en="Please choose both a start day and an end day.")
        return custom(start, end)
    return {
        PeriodKind.TODAY: today,
        PeriodKind.THIS_WEEK: this_week,
        PeriodKind.THIS_MONTH: this_month,
        PeriodKind.LAST_MONTH: last_month,
        PeriodKind.THIS_YEAR: this_year,
    }[kind](clock)


#: A day written as parse_day reads it (digits in the right places), whether or not the
#: calendar has it.
_DAY_SHAPE = re.compile(r"\d{1,2}[/-]\d{1,2}[/-]\d{4}|\d{4}-\d{1,2}-\d{1,2}")


def parse_day(text: str) -> date:
    """Accept ``01/03/2026`` (how Vietnamese staff write dates) or ``2026-03-01`` (ISO).

    The refusal names day/month/year first, as the hint beside the hub's date fields does;
    ISO only second, for the command line."""
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    if _DAY_SHAPE.fullmatch(text):
        # Written the right way, but no such day (31/02, or a month/day habit: 03/25).
        raise PeriodError(f"Ngày “{text}” không có trên lịch. Hãy kiểm tra lại ngày và tháng "
                          "(viết theo ngày/tháng/năm, ví dụ 01/03/2026).",
                          en=f"The date “{text}” is not on the calendar. Check the day and the "
                             "month (written day/month/year, e.g. 01/03/2026).")
    raise PeriodError(f"Không hiểu ngày “{text}”. Hãy viết theo dạng ngày/tháng/năm, ví dụ "
                      "01/03/2026 (hoặc 2026-03-01).",
                      en=f"Cannot read the date “{text}”. Write it as day/month/year, e.g. "
                         "01/03/2026 (or 2026-03-01).")
