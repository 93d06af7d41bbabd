"""Issue #16 items 1 and 8: the PIN lockout cannot be bypassed by a member's own PIN, by the
wall clock, or by resetting a PIN to someone else's (service level: the GUI and CLI share it)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk import audit
from kiosk.auth import Actor, AuthError, AuthService, Role
from kiosk.clock import FakeClock
from tests.conftest import STAFF_PIN, VOLUNTEER_PIN


def _fail(auth: AuthService, times: int) -> None:
    for _ in range(times):
        with pytest.raises(AuthError):
            auth.sign_in("0000")


def test_a_volunteer_sign_in_does_not_clear_the_pads_failures(
        auth: AuthService, volunteer: Actor) -> None:
    """Four guesses at the staff PIN, then the volunteer's own PIN, then one more guess: the
    pad locks (before, the volunteer's PIN reset the count and the guessing went on)."""
    _fail(auth, 4)
    assert auth.sign_in(VOLUNTEER_PIN).role is Role.VOLUNTEER
    with pytest.raises(AuthError, match="khóa 5 phút"):
        auth.sign_in("1111")
    with pytest.raises(AuthError, match="đang bị khóa"):
        auth.sign_in(STAFF_PIN)


def test_failures_long_ago_do_not_count(auth: AuthService, staff: Actor,
                                        clock: FakeClock) -> None:
    """A mistyped PIN last week is not an attack: failures an hour old are forgotten."""
    _fail(auth, 4)
    clock.advance(hours=1, seconds=1)
    with pytest.raises(AuthError, match="Còn 4 lần thử"):
        auth.sign_in("1111")


def test_setting_the_clock_back_a_year_does_not_lock_the_pad_for_a_year(
        auth: AuthService, staff: Actor, clock: FakeClock) -> None:
    _fail(auth, 5)
    clock.set(clock.now() - timedelta(days=365))
    remaining = auth.locked_for()
    assert remaining is not None and remaining <= timedelta(minutes=5)
    clock.advance(minutes=5, seconds=1)
    assert auth.sign_in(STAFF_PIN).role is Role.STAFF


def test_setting_the_clock_forward_does_not_lift_the_lock(
        auth: AuthService, staff: Actor, clock: FakeClock) -> None:
    _fail(auth, 5)
    clock.set(clock.now() + timedelta(days=1))
    with pytest.raises(AuthError, match="đang bị khóa"):
        auth.sign_in(STAFF_PIN)
    clock.advance(minutes=5, seconds=1)
    assert auth.sign_in(STAFF_PIN).role is Role.STAFF


def test_a_restart_after_the_clock_went_back_keeps_the_lock_to_five_minutes(
        data_dir, clock: FakeClock) -> None:
    """A fresh process only has the stored wall time: it is capped at the lock length."""
    from kiosk import auth as auth_mod
    from kiosk.store import Store

    store = Store.open(data_dir, clock=clock)
    auth = AuthService(store)
    auth.add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
    _fail(auth, 5)
    store.close()
    auth_mod._MONOTONIC_LOCKS.clear()  # a new process knows nothing of the old one's clock
    clock.set(clock.now() - timedelta(days=365))
    restarted = Store.open(data_dir, clock=clock)
    remaining = AuthService(restarted).locked_for()
    assert remaining is not None and remaining <= timedelta(minutes=5)
    restarted.close()


def test_attempts_while_locked_are_audited(auth: AuthService, staff: Actor) -> None:
    _fail(auth, 5)
    for _ in range(3):
        with pytest.raises(AuthError, match="đang bị khóa"):
            auth.sign_in("2222")
    assert len(audit.entries(auth.store, "signin.locked")) == 3


def test_reset_pin_refuses_another_members_pin(auth: AuthService, staff: Actor,
                                               volunteer: Actor) -> None:
    """Else the volunteer's PIN would become the staff PIN (sign_in takes the first match)."""
    with pytest.raises(AuthError, match="đã có người dùng"):
        auth.reset_pin(staff, volunteer.uuid, STAFF_PIN)
    auth.reset_pin(staff, volunteer.uuid, "8642")  # a free PIN is fine
    assert auth.sign_in("8642").uuid == volunteer.uuid
    assert auth.sign_in(STAFF_PIN).role is Role.STAFF


def test_the_damaged_database_restore_path_has_a_lockout(
        store, data_dir, clock: FakeClock, staff: Actor) -> None:
    """Signing in against a backup (the live database is damaged) works on a throw-away copy,
    so its count used to vanish each try: unlimited guesses. The count now lives beside the
    data dir and survives the copies and restarts."""
    from kiosk.backup import backup_now, staff_from_backup

    backup = backup_now(store, data_dir / "backups", clock).path
    for _ in range(4):
        with pytest.raises(AuthError, match="không đúng"):
            staff_from_backup(backup, "0000", clock, data_dir=data_dir)
    with pytest.raises(AuthError, match="khóa 5 phút"):
        staff_from_backup(backup, "0001", clock, data_dir=data_dir)
    with pytest.raises(AuthError, match="đang bị khóa"):
        staff_from_backup(backup, STAFF_PIN, clock, data_dir=data_dir)
    clock.set(clock.now() - timedelta(days=365))  # the clock set back: five minutes, not a year
    with pytest.raises(AuthError, match="sau 5 phút"):
        staff_from_backup(backup, STAFF_PIN, clock, data_dir=data_dir)
    clock.advance(minutes=5, seconds=1)
    assert staff_from_backup(backup, STAFF_PIN, clock, data_dir=data_dir).role is Role.STAFF


def test_a_lock_set_by_another_process_is_seen_after_this_ones_ended(
        data_dir, clock: FakeClock) -> None:
    """The GUI's own lock ended; then the CLI (another process) locks the pad: the GUI must
    see that lock, not trust its old monotonic deadline."""
    from kiosk import auth as auth_mod
    from kiosk.store import Store

    store = Store.open(data_dir, clock=clock)
    gui = AuthService(store)
    gui.add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
    _fail(gui, 5)
    clock.advance(minutes=5, seconds=1)
    assert gui.locked_for() is None
    saved = dict(auth_mod._MONOTONIC_LOCKS)
    auth_mod._MONOTONIC_LOCKS.clear()  # the CLI process has none of the GUI's memory
    _fail(AuthService(store), 5)
    auth_mod._MONOTONIC_LOCKS.clear()
    auth_mod._MONOTONIC_LOCKS.update(saved)  # back in the GUI process
    with pytest.raises(AuthError, match="đang bị khóa"):
        gui.sign_in(STAFF_PIN)
    store.close()
