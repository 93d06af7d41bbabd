"""Only real work makes an active day (allowance integrity, outputs review defect 3).

A sign-in is not work: a volunteer whose PIN a staff-only command refuses must not become
"active" and be paid 50.000 đ for that day. A record, a served ticket or a planned outreach
day are work.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db.models import ActivityDay
from kiosk.attendance import WORK_SOURCES
from kiosk.auth import Actor, AuthService
from kiosk.cli import CliError
from kiosk.commands.common import ENV_STAFF_PIN, sign_in_staff
from kiosk.queue import QueueService
from kiosk.reports.allowance import compute_allowance
from kiosk.reports.periods import Period
from kiosk.store import Store
from tests.conftest import VOLUNTEER_PIN

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
TODAY = date(2026, 3, 10)


def _days(store: Store, who: str) -> set[tuple[date, str]]:
    with store.read() as s:
        return {(d.day, d.source) for d in s.scalars(
            select(ActivityDay).where(ActivityDay.volunteer_uuid == who))}


def test_a_volunteer_pin_refused_by_a_staff_command_is_not_an_active_day(
        store: Store, staff: Actor, volunteer: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_STAFF_PIN, VOLUNTEER_PIN)
    with pytest.raises(CliError, match="không phải của cán bộ"):
        sign_in_staff(store)
    assert _days(store, volunteer.uuid) == set()
    assert compute_allowance(staff, store, MARCH).paid_total_vnd == 0


def test_signing_in_alone_is_not_work(store: Store, staff: Actor, auth: AuthService,
                                      volunteer: Actor) -> None:
    auth.sign_in(VOLUNTEER_PIN)
    assert _days(store, volunteer.uuid) == set()
    assert compute_allowance(staff, store, MARCH).teams[0].volunteers == ()


def test_sign_in_rows_from_older_versions_are_not_paid(store: Store, staff: Actor,
                                                        volunteer: Actor) -> None:
    # Databases and bundles from before this fix hold "signin" rows; they stay, unpaid.
    with store.write() as s:
        s.add(ActivityDay(volunteer_uuid=volunteer.uuid, day=TODAY, source="signin"))
    assert "signin" not in WORK_SOURCES
    assert compute_allowance(staff, store, MARCH).teams[0].volunteers == ()


def test_a_served_ticket_is_an_active_day(store: Store, staff: Actor,
                                          volunteer: Actor) -> None:
    q = QueueService(store)
    ticket = q.issue("vneid")
    q.call_next(volunteer, 1)
    assert _days(store, volunteer.uuid) == set()  # called, not yet served
    q.finish(volunteer, ticket)
    assert _days(store, volunteer.uuid) == {(TODAY, "ticket")}
    (v,) = compute_allowance(staff, store, MARCH).teams[0].volunteers
    assert (v.name, v.active_days, v.paid_vnd) == ("Tình nguyện viên Hùng", 1, 50_000)
