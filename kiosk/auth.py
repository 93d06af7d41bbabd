"""Volunteer and staff sign-in with PINs, lockout, and the role checks every service uses.

PINs (4–8 digits) are stored only as argon2 hashes. Five wrong tries lock the pad for five
minutes; the counter lives in the database so pulling the plug does not reset it. Role checks
live here, not in widgets, so the CLI and the GUI obey the same rules.

Failures count per pad, not per person: a correct PIN never clears the count (else four
guesses at the staff PIN, then the volunteer's own PIN, repeat, and the staff PIN falls in
minutes). Failures older than :data:`FAILURE_WINDOW` are forgotten instead. The lock is
measured on a monotonic clock within the process, plus the stored wall time (capped at the
lock length) across restarts, so moving the system clock neither lifts the lock nor makes it
last a year.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import AuditEvent, PinPadState, Volunteer
from kiosk import audit
from kiosk.actors import CITIZEN, Actor, KeypadActor, Role
from kiosk.clock import monotonic
from kiosk.errors import KioskError
from kiosk.plain_text import check_plain
from kiosk.store import Store

log = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCK_MINUTES = 5
LOCK = timedelta(minutes=LOCK_MINUTES)
# Failures further apart than this are mistypes, not guessing: the count starts again.
FAILURE_WINDOW = timedelta(hours=1)
# Database URL -> (monotonic second at which this process's lock ends, the wall time stored
# for it in the database).
_MONOTONIC_LOCKS: dict[str, tuple[float, datetime | None]] = {}
# Modest argon2id parameters: an old help-point PC checks every active PIN in well under a
# second, and a stolen database still costs an attacker a real hash per guess.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


_RANK = {Role.CITIZEN: 0, Role.VOLUNTEER: 1, Role.STAFF: 2}


def keypad_actor(desk: int) -> KeypadActor:
    """The actor for desk ``desk``'s USB keypad (no PIN: the keys only call numbers)."""
    return KeypadActor(Role.VOLUNTEER, uuid="", name=f"desk:{desk}", desk=desk)


class PermissionDenied(KioskError):
    """The signed-in role may not do this. The message is shown to the person as is."""


class AuthError(KioskError):
    """A sign-in or PIN problem, with a Vietnamese message for the screen."""


@dataclass(frozen=True)
class VolunteerInfo:
    uuid: str
    name: str
    role: Role
    active: bool


def require(actor: Actor, role: Role) -> None:
    """Raise PermissionDenied unless ``actor`` has at least ``role``."""
    if _RANK[actor.role] < _RANK[role]:
        who = "cán bộ xã/phường" if role is Role.STAFF else "thành viên tổ"
        who_en = "commune staff" if role is Role.STAFF else "a team member"
        raise PermissionDenied(f"Việc này cần {who} đăng nhập bằng mã PIN.",
                               en=f"This needs {who_en} signed in with a PIN.")


def validate_pin(pin: str) -> None:
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        raise AuthError("Mã PIN phải gồm từ 4 đến 8 chữ số.", en="A PIN has 4 to 8 digits.")


def hash_pin(pin: str) -> str:
    validate_pin(pin)
    return _HASHER.hash(pin)


def _matches(pin_hash: str, pin: str) -> bool:
    try:
        return _HASHER.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


class AuthService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- volunteers --------------------------------------------------------------------------
    def has_staff(self) -> bool:
        with self.store.read() as s:
            n = s.scalar(select(func.count()).select_from(Volunteer).where(
                Volunteer.role == Role.STAFF.value, Volunteer.active.is_(True)))
            return bool(n)

    def add_member(self, actor: Actor | None, name: str, role: Role, pin: str) -> VolunteerInfo:
        """Add a volunteer or staff member. Only staff may, except the very first staff PIN."""
        name = name.strip()
        if not name or len(name) > 80:
            raise AuthError("Tên phải có từ 1 đến 80 ký tự.",
                            en="A name has 1 to 80 characters.")
        check_plain(name, "Tên", "The name", AuthError)
        if role is Role.CITIZEN:
            raise AuthError("Không thể tạo tài khoản cho công dân.",
                            en="Citizens do not get an account.")
        first_setup = actor is None and role is Role.STAFF and not self.has_staff()
        if not first_setup:
            require(actor or CITIZEN, Role.STAFF)
        validate_pin(pin)
        with self.store.write() as s:
            for other in s.scalars(select(Volunteer).where(Volunteer.active.is_(True))):
                if _matches(other.pin_hash, pin):
                    raise AuthError("Mã PIN này đã có người dùng. Hãy chọn mã khác.",
                                    en="Someone already has this PIN. Choose another.")
            v = Volunteer(display_name=name, role=role.value, pin_hash=hash_pin(pin),
                          active=True, created_at=self.store.clock.now())
            s.add(v)
            s.flush()
            audit.record(s, self.store, actor.audit_name if actor else "setup", "member.add",
                         member=v.uuid, role=role.value)
            return VolunteerInfo(v.uuid, v.display_name, role, True)

    def list_members(self, actor: Actor) -> list[VolunteerInfo]:
        require(actor, Role.STAFF)
        with self.store.read() as s:
            return [VolunteerInfo(v.uuid, v.display_name, Role(v.role), v.active)
                    for v in s.scalars(select(Volunteer).order_by(Volunteer.display_name))]

    def set_active(self, actor: Actor, member_uuid: str, active: bool) -> None:
        require(actor, Role.STAFF)
        with self.store.write() as s:
            v = self._get(s, member_uuid)
            v.active = active
            audit.record(s, self.store, actor.audit_name,
                         "member.enable" if active else "member.disable", member=member_uuid)

    def reset_pin(self, actor: Actor, member_uuid: str, new_pin: str) -> None:
        """Give a member a new PIN, never one another active member already has (sign-in
        takes the first match, so a volunteer reset to the staff PIN would sign in as staff)."""
        require(actor, Role.STAFF)
        validate_pin(new_pin)
        with self.store.write() as s:
            v = self._get(s, member_uuid)
            for other in s.scalars(select(Volunteer).where(Volunteer.active.is_(True),
                                                           Volunteer.uuid != member_uuid)):
                if _matches(other.pin_hash, new_pin):
                    raise AuthError("Mã PIN này đã có người dùng. Hãy chọn mã khác.",
                                    en="Someone already has this PIN. Choose another.")
            v.pin_hash = hash_pin(new_pin)
            audit.record(s, self.store, actor.audit_name, "member.reset_pin", member=member_uuid)

    @staticmethod
    def _get(s: Session, member_uuid: str) -> Volunteer:
        v = s.scalar(select(Volunteer).where(Volunteer.uuid == member_uuid))
        if v is None:
            raise AuthError("Không tìm thấy thành viên này.", en="This member was not found.")
        return v

    # -- sign-in -----------------------------------------------------------------------------
    def _key(self) -> str:
        return str(self.store.engine.url)

    def locked_for(self) -> timedelta | None:
        """How long the pad stays locked, or None when it is open.

        Within this process the monotonic deadline decides (the wall clock may be moved
        either way). A new process has only the stored wall time: it is capped at the lock
        length, so a clock set back a year locks for five minutes, not a year.
        """
        key = self._key()
        mono_now = monotonic(self.store.clock)
        known = _MONOTONIC_LOCKS.get(key)
        if known is not None:
            deadline, stored = known
            if deadline > mono_now:
                return timedelta(seconds=deadline - mono_now)
            # This lock is over. Clear it in the database (its wall time may lie ahead if
            # the clock went back), unless another process (the CLI) has set a newer one.
            del _MONOTONIC_LOCKS[key]
            with self.store.write() as s:
                state = s.get(PinPadState, 1)
                if state is not None and state.locked_until == stored:
                    state.locked_until = None
        with self.store.read() as s:
            state = s.get(PinPadState, 1)
            now = self.store.clock.now()
            if not (state and state.locked_until and state.locked_until > now):
                return None
            remaining = state.locked_until - now
        stored = state.locked_until
        if remaining > LOCK:
            # The clock was set back: re-anchor the stored lock at now, so the next process
            # too sees it end LOCK from now rather than a year away.
            remaining = LOCK
            stored = now + LOCK
            with self.store.write() as s:
                state = s.get(PinPadState, 1)
                if state is not None:
                    state.locked_until = stored
        _MONOTONIC_LOCKS[key] = (mono_now + remaining.total_seconds(), stored)
        return remaining

    def _recent_failures(self, s: Session, state: PinPadState) -> int:
        """The pad's failure count, forgotten when the last failure is older than the window."""
        if not state.failed_count:
            return 0
        last = s.scalar(select(AuditEvent.at).where(AuditEvent.action == "signin.fail")
                        .order_by(AuditEvent.id.desc()).limit(1))
        now = self.store.clock.now()
        if last is not None and now - last > FAILURE_WINDOW:
            return 0
        return state.failed_count

    def sign_in(self, pin: str) -> Actor:
        """Check a PIN against every active member; count failures; lock after five."""
        remaining = self.locked_for()
        if remaining is not None:
            minutes = max(1, round(remaining.total_seconds() / 60))
            with self.store.write() as s:
                audit.record(s, self.store, "pinpad", "signin.locked", minutes=minutes)
            raise AuthError(f"Bàn phím PIN đang bị khóa. Vui lòng thử lại sau {minutes} phút.",
                            en=f"The PIN keypad is locked. Please try again in {minutes} "
                               "minutes.")
        with self.store.write() as s:
            now = self.store.clock.now()
            state = s.get(PinPadState, 1) or PinPadState(id=1, failed_count=0)
            s.add(state)
            match = None
            if pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8:
                for v in s.scalars(select(Volunteer).where(Volunteer.active.is_(True))):
                    if _matches(v.pin_hash, pin):
                        match = v
                        break
            if match is None:
                state.failed_count = self._recent_failures(s, state) + 1
                audit.record(s, self.store, "pinpad", "signin.fail", failures=state.failed_count)
                if state.failed_count >= MAX_FAILURES:
                    state.failed_count = 0
                    state.locked_until = now + LOCK
                    _MONOTONIC_LOCKS[self._key()] = (monotonic(self.store.clock)
                                                     + LOCK.total_seconds(), now + LOCK)
                    audit.record(s, self.store, "pinpad", "signin.lockout",
                                 minutes=LOCK_MINUTES)
                    message = (f"Sai mã PIN {MAX_FAILURES} lần. Bàn phím bị khóa "
                               f"{LOCK_MINUTES} phút.")
                    english = (f"Wrong PIN {MAX_FAILURES} times. The keypad is locked for "
                               f"{LOCK_MINUTES} minutes.")
                else:
                    left = MAX_FAILURES - state.failed_count
                    message = f"Mã PIN không đúng. Còn {left} lần thử."
                    english = f"Wrong PIN. {left} tries left."
                failed = AuthError(message, en=english)
            else:
                # A success opens nothing that was not already open and clears nobody's
                # failures: the count is the pad's, not this member's.
                actor = Actor(Role(match.role), match.uuid, match.display_name)
                audit.record(s, self.store, actor.audit_name, "signin.ok")
                failed = None
        if failed is not None:
            raise failed
        # Signing in is not work: the active day comes from what the member then does
        # (kiosk.attendance.WORK_SOURCES), so a PIN refused by a staff-only command earns
        # nothing.
        return actor
