"""How many how-to sheets a help point may print per day, and the record of what it printed.

Paper and toner are paid from the team's small support budget, so each help point has a daily
quota (config ``daily_print_quota``). Staff may raise or lower it for today only, for example
on a campaign day; that override is audited and ends at local midnight by itself. Every print
(ok or failed, sheet, ticket, resume slip or take-home slip) is a ``print_event`` row; only
successful how-to sheets, resume slips and take-home slips count against the quota
(:data:`QUOTA_KINDS`), and how-to sheets and take-home slips in the reports (:data:`COUNTED`).

"Today" is the local day in Asia/Ho_Chi_Minh. Rows merged from other devices of the same help
point count too: the quota is per help point, not per PC. Safe to call from any thread (all
database work goes through ``Store``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Meta, PrintEvent
from kiosk import audit
from kiosk.auth import Actor, Role, require
from kiosk.clock import local_day
from kiosk.errors import KioskError
from kiosk.identity import stamp
from kiosk.store import Store

log = logging.getLogger(__name__)

SHEET = "sheet"
TICKET = "ticket"
RESUME_SLIP = "resume_slip"  # the small slip with a resume code (kiosk.resume_slip)
SUMMARY = "summary"  # the take-home slip "Hôm nay đã làm" (kiosk.summary)
KINDS = (SHEET, TICKET, RESUME_SLIP, SUMMARY)
#: What counts against the daily quota: how-to sheets, resume slips and take-home slips
#: (paper the citizen takes home, paid from the same budget). Queue tickets never do: nobody
#: may be kept from a number by a quota.
QUOTA_KINDS = (SHEET, RESUME_SLIP, SUMMARY)
#: Paper counted as "printed" in the reports and the hub's daily counts: how-to sheets and
#: take-home slips (issue #23 item 3).
COUNTED = (SHEET, SUMMARY)
#: The report row the take-home slips are counted under (no tutorial id looks like this).
SUMMARY_ROW = "@summary"
MAX_QUOTA = 10000
OVERRIDE_KEY = "print_quota_override"


class QuotaError(KioskError, ValueError):
    """A daily quota out of range (still a ValueError for callers that caught that)."""


@dataclass(frozen=True)
class QuotaStatus:
    """Today's quota as the screen shows it ("Hôm nay còn in được 12 tờ")."""

    day: date
    quota: int
    configured: int
    overridden: bool
    printed: int

    @property
    def remaining(self) -> int:
        return max(0, self.quota - self.printed)

    def allows(self, sheets: int) -> bool:
        return sheets <= self.remaining

    @property
    def message(self) -> str:
        """One Vietnamese line for the screen: what is left, or what to do when nothing is."""
        if self.remaining > 0:
            return f"Hôm nay còn in được {self.remaining} tờ hướng dẫn."
        return ("Hôm nay đã in hết số tờ hướng dẫn cho phép. Hãy quét mã QR trên màn hình "
                "để xem lại ở nhà, hoặc nhờ cán bộ xã/phường.")


EXTRA_SHEETS = 10  # what "Cho phép in thêm" adds at least (at least one sheet's pages)


def extended_quota(status: QuotaStatus, pages: int) -> int:
    """Today's quota after staff press "Cho phép in thêm" for a sheet of ``pages`` pages.

    From whichever is higher, the quota or what was already printed (so the extension is
    never eaten by an earlier overrun), add the sheet's pages or :data:`EXTRA_SHEETS`,
    whichever is more; never above :data:`MAX_QUOTA`.
    """
    return min(MAX_QUOTA, max(status.quota, status.printed) + max(pages, EXTRA_SHEETS))


def _today(store: Store) -> date:
    return local_day(store.clock.now())


def record_print(store: Store, *, tutorial_id: str | None, sheets: int, ok: bool = True,
                 kind: str = SHEET) -> None:
    """Record one print job (``sheets`` sheets of paper). Failed jobs are kept, not counted."""
    if kind not in KINDS:
        raise ValueError(f"Loại bản in không hợp lệ: “{kind}” (dùng {', '.join(KINDS)})")
    if sheets < 1:
        raise ValueError("Số tờ in phải từ 1 trở lên.")
    now = store.clock.now()
    with store.write() as s:
        s.add(PrintEvent(device_id=store.device_id, **stamp(store), at=now, day=local_day(now),
                         kind=kind,
                         tutorial_id=tutorial_id, sheets=sheets, ok=ok))
    log.info("print recorded: kind=%s tutorial=%s sheets=%d ok=%s", kind, tutorial_id,
             sheets, ok)


def printed_today(store: Store, kind: str | tuple[str, ...] = SHEET) -> int:
    """Sheets printed successfully today (local day) at this help point, of ``kind`` (or of
    any of several kinds)."""
    kinds = (kind,) if isinstance(kind, str) else kind
    with store.read() as s:
        total = s.scalar(select(func.coalesce(func.sum(PrintEvent.sheets), 0)).where(
            PrintEvent.day == _today(store), PrintEvent.kind.in_(kinds),
            PrintEvent.ok.is_(True)))
    return int(total or 0)


def _override_for(store: Store, day: date) -> int | None:
    with store.read() as s:
        row = s.get(Meta, OVERRIDE_KEY)
        if row is None:
            return None
        try:
            data = json.loads(row.value)
            if data.get("day") == day.isoformat():
                return int(data["sheets"])
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring an unreadable print quota override")
    return None


def quota_status(store: Store, configured_quota: int) -> QuotaStatus:
    """Today's quota (staff override if one is set for today), printed and remaining."""
    day = _today(store)
    override = _override_for(store, day)
    return QuotaStatus(day=day, quota=configured_quota if override is None else override,
                       configured=configured_quota, overridden=override is not None,
                       printed=printed_today(store, QUOTA_KINDS))


def can_print(store: Store, quota: int, n: int) -> bool:
    """True when ``n`` more sheets fit in today's quota (``quota`` = the configured value)."""
    return quota_status(store, quota).allows(n)


def override_today(store: Store, actor: Actor, sheets: int | None) -> None:
    """Staff: set today's quota to ``sheets`` (None = back to the configured quota). Audited.

    The override carries its day, so it stops applying at local midnight without a job.
    """
    require(actor, Role.STAFF)
    if sheets is not None and (isinstance(sheets, bool) or not 0 <= sheets <= MAX_QUOTA):
        raise QuotaError(f"Số tờ in trong ngày phải từ 0 đến {MAX_QUOTA}.",
                         en=f"The daily number of sheets must be from 0 to {MAX_QUOTA}.")
    day = _today(store)
    with store.write() as s:
        row = s.get(Meta, OVERRIDE_KEY)
        if sheets is None:
            if row is not None:
                s.delete(row)
        else:
            value = json.dumps({"day": day.isoformat(), "sheets": sheets})
            if row is None:
                s.add(Meta(key=OVERRIDE_KEY, value=value))
            else:
                row.value = value
        audit.record(s, store, actor.audit_name, "print.quota_override", day=day.isoformat(),
                     sheets=sheets)


def printed_counts(store: Store, start_day: date, end_day: date,
                   kind: str = SHEET) -> dict[tuple[date, str], int]:
    """Sheets printed successfully per (local day, tutorial id), both days included.

    Prints without a tutorial (kind "ticket") are keyed with an empty tutorial id.
    """
    with store.read() as s:
        return printed_counts_in(s, start_day, end_day, kind)


def printed_counts_in(s: Session, start_day: date, end_day: date, kind: str = SHEET,
                      where: Sequence[Any] = ()) -> dict[tuple[date, str], int]:
    """:func:`printed_counts` on an open session, for print events matching ``where`` too."""
    rows = s.execute(
        select(PrintEvent.day, PrintEvent.tutorial_id, func.sum(PrintEvent.sheets))
        .where(PrintEvent.day >= start_day, PrintEvent.day <= end_day,
               PrintEvent.kind == kind, PrintEvent.ok.is_(True), *where)
        .group_by(PrintEvent.day, PrintEvent.tutorial_id))
    return {(day, tutorial_id or ""): int(total) for day, tutorial_id, total in rows}
