"""The daily print quota, the staff override for today, and the per-day counts for reports."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from db.models import AuditEvent, PrintEvent
from kiosk.auth import CITIZEN, Actor, PermissionDenied
from kiosk.clock import FakeClock
from kiosk.printing_quota import (
    can_print,
    override_today,
    printed_counts,
    printed_today,
    quota_status,
    record_print,
)
from kiosk.store import Store

TODAY = date(2026, 3, 10)  # the clock fixture: 10:00 local on 10/03/2026


def test_only_successful_sheets_count_today(store: Store) -> None:
    record_print(store, tutorial_id="vneid-install", sheets=2)
    record_print(store, tutorial_id="vneid-install", sheets=3, ok=False)
    record_print(store, tutorial_id=None, sheets=1, kind="ticket")
    record_print(store, tutorial_id="vneid-activate", sheets=1)
    assert printed_today(store) == 3
    assert printed_today(store, kind="ticket") == 1


def test_every_print_is_stored_with_its_local_day_and_device(store: Store,
                                                             clock: FakeClock) -> None:
    clock.set(datetime(2026, 3, 10, 17, 30))  # 00:30 local on 11/03
    record_print(store, tutorial_id="vneid-install", sheets=2, ok=False)
    with store.read() as s:
        row = s.scalars(select(PrintEvent)).one()
        assert (row.day, row.kind, row.tutorial_id, row.sheets, row.ok) == \
            (date(2026, 3, 11), "sheet", "vneid-install", 2, False)
        assert row.device_id == store.device_id
        assert len(row.uuid) == 36


def test_can_print_up_to_the_quota_and_not_beyond(store: Store) -> None:
    record_print(store, tutorial_id="vneid-install", sheets=8)
    assert can_print(store, 10, 2)
    assert not can_print(store, 10, 3)
    status = quota_status(store, 10)
    assert (status.printed, status.remaining, status.overridden) == (8, 2, False)
    assert status.message == "Hôm nay còn in được 2 tờ hướng dẫn."
    record_print(store, tutorial_id="vneid-install", sheets=2)
    status = quota_status(store, 10)
    assert status.remaining == 0
    assert "đã in hết" in status.message


def test_zero_quota_means_no_sheets(store: Store) -> None:
    assert not can_print(store, 0, 1)


def test_quota_starts_again_at_local_midnight(store: Store, clock: FakeClock) -> None:
    clock.set(datetime(2026, 3, 10, 16, 59))  # 23:59 local
    record_print(store, tutorial_id="vneid-install", sheets=5)
    assert not can_print(store, 5, 1)
    clock.set(datetime(2026, 3, 10, 17, 0))  # 00:00 local, next day
    assert printed_today(store) == 0
    assert can_print(store, 5, 5)


def test_staff_override_for_today_is_audited_and_ends_at_midnight(
        store: Store, staff: Actor, clock: FakeClock) -> None:
    record_print(store, tutorial_id="vneid-install", sheets=10)
    assert not can_print(store, 10, 5)
    override_today(store, staff, 30)
    assert can_print(store, 10, 20)
    assert not can_print(store, 10, 21)
    status = quota_status(store, 10)
    assert (status.quota, status.configured, status.overridden) == (30, 10, True)
    with store.read() as s:
        event = s.scalars(select(AuditEvent).where(
            AuditEvent.action == "print.quota_override")).one()
        assert event.actor == staff.audit_name
        assert json.loads(event.detail) == {"day": "2026-03-10", "sheets": 30}
    clock.advance(days=1)
    status = quota_status(store, 10)
    assert (status.quota, status.overridden) == (10, False)


def test_staff_can_lower_or_clear_the_override(store: Store, staff: Actor) -> None:
    override_today(store, staff, 0)
    assert not can_print(store, 100, 1)
    override_today(store, staff, None)
    assert can_print(store, 100, 1)
    with store.read() as s:
        actions = s.scalars(select(AuditEvent.detail).where(
            AuditEvent.action == "print.quota_override").order_by(AuditEvent.id)).all()
    assert [json.loads(a)["sheets"] for a in actions] == [0, None]


def test_only_staff_may_override(store: Store, volunteer: Actor) -> None:
    for actor in (CITIZEN, volunteer):
        with pytest.raises(PermissionDenied):
            override_today(store, actor, 500)
    assert quota_status(store, 10).quota == 10


@pytest.mark.parametrize("bad", [-1, 10001, True])
def test_override_must_be_a_sensible_number(store: Store, staff: Actor, bad: int) -> None:
    with pytest.raises(ValueError, match="Số tờ"):
        override_today(store, staff, bad)


@pytest.mark.parametrize(("kwargs", "match"), [({"sheets": 0}, "Số tờ"),
                                               ({"sheets": 1, "kind": "poster"}, "Loại")])
def test_record_refuses_nonsense(store: Store, kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        record_print(store, tutorial_id="x", **kwargs)  # type: ignore[arg-type]
    assert printed_today(store) == 0


def test_printed_counts_per_day_and_tutorial_for_reports(store: Store, clock: FakeClock) -> None:
    clock.set(datetime(2026, 3, 9, 2, 0))  # 09/03 local
    record_print(store, tutorial_id="vneid-install", sheets=2)
    clock.set(datetime(2026, 3, 10, 3, 0))  # 10/03
    record_print(store, tutorial_id="vneid-install", sheets=1)
    record_print(store, tutorial_id="vneid-install", sheets=3)
    record_print(store, tutorial_id="vneid-activate", sheets=4)
    record_print(store, tutorial_id="vneid-activate", sheets=9, ok=False)
    record_print(store, tutorial_id=None, sheets=1, kind="ticket")
    clock.set(datetime(2026, 3, 11, 18, 0))  # 01:00 local on 12/03: outside the range
    record_print(store, tutorial_id="vneid-install", sheets=7)
    assert printed_counts(store, date(2026, 3, 9), date(2026, 3, 11)) == {
        (date(2026, 3, 9), "vneid-install"): 2,
        (TODAY, "vneid-install"): 4,
        (TODAY, "vneid-activate"): 4,
    }
    assert printed_counts(store, TODAY, TODAY, kind="ticket") == {(TODAY, ""): 1}
    assert printed_counts(store, date(2026, 4, 1), date(2026, 4, 30)) == {}
