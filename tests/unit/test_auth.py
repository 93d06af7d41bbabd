"""PINs, lockout and role checks, at the service level (the CLI obeys the same rules)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import AuditEvent, Volunteer
from kiosk.auth import CITIZEN, AuthError, AuthService, PermissionDenied, Role, require
from kiosk.clock import FakeClock
from kiosk.store import Store
from tests.conftest import STAFF_PIN, VOLUNTEER_PIN


def test_pin_is_stored_only_as_a_salted_hash(store: Store, auth: AuthService) -> None:
    auth.add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
    with store.read() as s:
        v = s.scalar(select(Volunteer))
    assert v is not None
    assert STAFF_PIN not in v.pin_hash
    assert v.pin_hash.startswith("$argon2id$")
    raw = Path(store.engine.url.database or "")
    assert STAFF_PIN.encode() not in raw.read_bytes()


def test_sign_in_returns_the_member_and_role(auth: AuthService) -> None:
    auth.add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
    actor = auth.sign_in(STAFF_PIN)
    assert actor.role is Role.STAFF
    assert actor.name == "Cán bộ Lan"


def test_only_the_first_staff_member_can_be_added_without_staff(auth: AuthService) -> None:
    auth.add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
    with pytest.raises(PermissionDenied):
        auth.add_member(None, "Người lạ", Role.STAFF, "9999")
    with pytest.raises(PermissionDenied):
        auth.add_member(CITIZEN, "Người lạ", Role.VOLUNTEER, "9999")


def test_duplicate_and_malformed_pins_are_refused(auth: AuthService, staff: object) -> None:
    from kiosk.auth import Actor

    assert isinstance(staff, Actor)
    with pytest.raises(AuthError, match="đã có người dùng"):
        auth.add_member(staff, "Hùng", Role.VOLUNTEER, STAFF_PIN)
    for bad in ["123", "123456789", "12a4", "１２３４"]:
        with pytest.raises(AuthError, match="4 đến 8 chữ số"):
            auth.add_member(staff, "Hùng", Role.VOLUNTEER, bad)


def test_five_failures_lock_the_pad_and_the_lock_survives_a_restart(
        data_dir, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock=clock)
    auth = AuthService(store)
    auth.add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
    for i in range(4):
        with pytest.raises(AuthError, match=f"Còn {4 - i} lần thử"):
            auth.sign_in("0000")
    with pytest.raises(AuthError, match="khóa 5 phút"):
        auth.sign_in("0000")
    store.close()

    restarted = Store.open(data_dir, clock=clock)
    auth2 = AuthService(restarted)
    with pytest.raises(AuthError, match="đang bị khóa"):
        auth2.sign_in(STAFF_PIN)  # even the right PIN waits
    clock.advance(minutes=5, seconds=1)
    assert auth2.sign_in(STAFF_PIN).role is Role.STAFF
    with restarted.read() as s:
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions.count("signin.fail") == 5
    assert "signin.lockout" in actions
    assert actions[-1] == "signin.ok"
    restarted.close()


def test_staff_manage_members_and_volunteers_cannot(auth: AuthService, staff, volunteer) -> None:
    with pytest.raises(PermissionDenied):
        auth.list_members(volunteer)
    members = auth.list_members(staff)
    hung = next(m for m in members if m.role is Role.VOLUNTEER)
    auth.set_active(staff, hung.uuid, False)
    with pytest.raises(AuthError):
        auth.sign_in(VOLUNTEER_PIN)
    auth.set_active(staff, hung.uuid, True)
    auth.reset_pin(staff, hung.uuid, "8642")
    assert auth.sign_in("8642").uuid == hung.uuid


def test_role_ranks() -> None:
    require(CITIZEN, Role.CITIZEN)
    with pytest.raises(PermissionDenied, match="thành viên tổ"):
        require(CITIZEN, Role.VOLUNTEER)


def test_lock_remaining_time(auth: AuthService, clock: FakeClock) -> None:
    auth.add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
    assert auth.locked_for() is None
    for _ in range(5):
        with pytest.raises(AuthError):
            auth.sign_in("0000")
    remaining = auth.locked_for()
    assert remaining is not None and remaining <= timedelta(minutes=5)
