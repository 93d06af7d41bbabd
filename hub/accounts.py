"""Officers' accounts on the hub: roles, passwords, sessions, CSRF, throttling, audit.

Three roles (:class:`HubRole`): a *commune* officer sees only the help points of one commune
(by its official code), a *city* officer sees every commune, a hub *admin* also manages
accounts, pairing and content packs. Every rule is here, in services the web pages and the
CLI both call; templates only hide buttons a person may not use anyway.

* Passwords are argon2id hashes (argon2-cffi), never stored or logged in clear.
* A web session is a random token in an HttpOnly, SameSite cookie; the database keeps only
  its SHA-256, so a copy of the database cannot be used to sign in. Sessions end after
  :data:`IDLE_TIMEOUT` without use and :data:`MAX_AGE` in any case.
* CSRF: the synchroniser-token pattern. Each session has its own random token, every form
  carries it in a hidden field, and :meth:`AccountService.check_csrf` compares in constant
  time. No token, no change.
* Throttling: failed sign-ins are kept per user name (known or not, so the answer never tells
  which names exist) and per client address. :data:`LOCK_AFTER` failures for one name within
  :data:`FAILURE_WINDOW` lock that name for the rest of the window, even with the right
  password; :data:`THROTTLE_AFTER` failures from one address refuse that address for a while.
* Audit: sign-ins (good, bad, locked), sign-outs, refused access, exports and publications
  go to ``hub_audit``. Details hold codes and counts only: no passwords, no citizens' data;
  the client address is kept only as a salted hash.

Safe to call from any thread: each call opens its own short transaction.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from hub.models import HubBase
from kiosk.clock import Clock, SystemClock
from kiosk.errors import KioskError
from kiosk.plain_text import check_plain

log = logging.getLogger(__name__)

IDLE_TIMEOUT = timedelta(minutes=30)
MAX_AGE = timedelta(hours=10)
FAILURE_WINDOW = timedelta(minutes=15)
LOCK_AFTER = 5          # failures for one user name in the window → locked
THROTTLE_AFTER = 20     # failures from one address in the window → refused
MIN_PASSWORD = 10
MAX_PASSWORD = 256      # argon2 would hash a megabyte happily; a form field need not
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")
# The hub is a server, not an old help-point PC: argon2-cffi's RFC 9106 low-memory profile.
_HASHER = PasswordHasher()


class HubRole(enum.StrEnum):
    COMMUNE = "commune"
    CITY = "city"
    ADMIN = "admin"

    def label(self, lang: str = "vi") -> str:
        vi = {"commune": "Cán bộ xã/phường", "city": "Cán bộ thành phố",
              "admin": "Quản trị hub"}
        en = {"commune": "Commune officer", "city": "City officer", "admin": "Hub admin"}
        return (en if lang == "en" else vi)[self.value]


# ---------------------------------------------------------------- tables (on HubBase)


class Account(HubBase):
    """An officer who signs in to the hub's pages. No personal data beyond a display name."""

    __tablename__ = "account"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(16))
    commune_code: Mapped[str] = mapped_column(String(8), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    last_sign_in_at: Mapped[datetime | None]


class WebSession(HubBase):
    """A signed-in browser. ``token_hash`` is the SHA-256 of the cookie's token."""

    __tablename__ = "web_session"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"),
                                            index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class SignInFailure(HubBase):
    """One failed sign-in, keyed by a hash of the user name or of the client address."""

    __tablename__ = "sign_in_failure"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(index=True)


class HubAudit(HubBase):
    """Who did what on the hub. ``detail`` is JSON of codes and counts, never personal data."""

    __tablename__ = "hub_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(48), index=True)
    ok: Mapped[bool] = mapped_column(Boolean, default=True)
    detail: Mapped[str] = mapped_column(Text, default="")


# ---------------------------------------------------------------- values and errors


class AccessDenied(KioskError):
    """The signed-in officer may not see or do this (HTTP 403)."""


class SignInRefused(KioskError):
    """Sign-in refused; ``code`` is ``bad_credentials``, ``locked`` or ``throttled``."""

    def __init__(self, message: str, *, code: str, en: str = "") -> None:
        super().__init__(message, en=en)
        self.code = code


class AccountError(KioskError, ValueError):
    """An account that cannot be made as asked; the message says what to change."""


@dataclass(frozen=True)
class Officer:
    """The signed-in person, as services see them (no hash, no session token)."""

    account_id: int
    username: str
    display_name: str
    role: HubRole
    commune_code: str = ""

    @property
    def sees_all_communes(self) -> bool:
        return self.role in (HubRole.CITY, HubRole.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role is HubRole.ADMIN

    def may_see_commune(self, commune_code: str) -> bool:
        return self.sees_all_communes or (bool(self.commune_code)
                                          and commune_code == self.commune_code)


@dataclass(frozen=True)
class SignedIn:
    """What the browser gets after a good sign-in: the cookie token and the form token."""

    officer: Officer
    token: str
    csrf_token: str


@dataclass(frozen=True)
class SessionInfo:
    officer: Officer
    csrf_token: str
    expires_at: datetime


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    action: str
    ok: bool
    detail: dict[str, Any]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: HubRole
    commune_code: str


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_username(username: str) -> str:
    return username.strip().lower()


def validate_username(username: str) -> str:
    name = normalise_username(username)
    if not (3 <= len(name) <= 64) or not set(name) <= USERNAME_CHARS:
        raise AccountError("Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, "
                           "gạch dưới hoặc gạch ngang.",
                           en="A user name has 3–64 characters: a–z, 0–9, '.', '_' or '-'.")
    return name


def validate_password(password: str) -> None:
    if not (MIN_PASSWORD <= len(password) <= MAX_PASSWORD):
        raise AccountError(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự (tối đa {MAX_PASSWORD}).",
                           en=f"A password needs at least {MIN_PASSWORD} characters.")


def _officer(a: Account) -> Officer:
    return Officer(a.id, a.username, a.display_name or a.username, HubRole(a.role),
                   a.commune_code or "")


class AccountService:
    """Accounts, sessions and the audit log on the hub's database."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock | None = None,
                 *, address_salt: str = "") -> None:
        self._sessions = sessions
        self.clock = clock or SystemClock()
        # Client addresses are hashed with a per-hub salt: enough to throttle, useless to
        # anyone reading the table.
        self._salt = address_salt or secrets.token_hex(16)

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with self._sessions() as s, s.begin():
            yield s

    # ------------------------------------------------------------ accounts

    def add_account(self, actor: Officer | None, username: str, password: str, role: HubRole | str,
                    commune_code: str = "", display_name: str = "",
                    *, is_demo: bool = False) -> Officer:
        """Create an account. ``actor`` None = the CLI on the hub machine (its operator is
        trusted like root); otherwise only an admin may."""
        if actor is not None and not actor.is_admin:
            raise AccessDenied("Chỉ quản trị hub mới tạo được tài khoản.",
                               en="Only a hub admin can create accounts.")
        name = validate_username(username)
        validate_password(password)
        try:
            hub_role = HubRole(role)
        except ValueError:
            raise AccountError(f"Không có vai trò “{role}”. Chọn commune, city hoặc admin.",
                               en="Unknown role: use commune, city or admin.") from None
        code = commune_code.strip()
        if hub_role is HubRole.COMMUNE and not (code.isdigit() and 1 <= len(code) <= 8):
            raise AccountError("Cán bộ xã/phường cần mã xã/phường (mã số chính thức, ví dụ "
                               "20194).", en="A commune officer needs the commune's code.")
        if hub_role is not HubRole.COMMUNE:
            code = ""
        check_plain(display_name, "Tên hiển thị", "The display name", AccountError)
        with self._tx() as s:
            if s.scalar(select(Account.id).where(Account.username == name)) is not None:
                raise AccountError(f"Tên đăng nhập “{name}” đã có. Hãy chọn tên khác.",
                                   en=f"The user name “{name}” is taken.")
            row = Account(username=name, display_name=display_name.strip()[:120] or name,
                          role=hub_role.value, commune_code=code,
                          password_hash=_HASHER.hash(password), active=True, is_demo=is_demo,
                          created_at=self.clock.now())
            s.add(row)
            s.flush()
            self._audit(s, actor.username if actor else "cli", "account.add", True,
                        account=name, role=hub_role.value, commune=code)
            return _officer(row)

    def list_accounts(self, actor: Officer) -> list[Officer]:
        self.require_admin(actor, "accounts")
        with self._sessions() as s:
            return [_officer(a) for a in s.scalars(select(Account).order_by(Account.username))]

    # ------------------------------------------------------------ sign-in

    def sign_in(self, username: str, password: str, client: str = "") -> SignedIn:
        """Check the password and open a session, or raise :class:`SignInRefused`.

        The same message for an unknown name and a wrong password; a locked name stays
        locked even with the right password until the window has passed.
        """
        now = self.clock.now()
        name = normalise_username(username)[:64]
        user_key = _sha("user:" + name)
        addr_key = _sha(f"addr:{self._salt}:{client}") if client else ""
        since = now - FAILURE_WINDOW
        # The failure rows and the audit row must be committed even though the caller gets
        # an exception, so the refusal is raised after the transaction, never inside it.
        with self._tx() as s:
            s.execute(delete(SignInFailure).where(SignInFailure.at < since))
            signed, refusal = self._check(s, name, password, user_key, addr_key, since, now)
        if refusal is not None:
            raise refusal
        assert signed is not None
        return signed

    def _check(self, s: Session, name: str, password: str, user_key: str, addr_key: str,
               since: datetime, now: datetime) -> tuple[SignedIn | None, SignInRefused | None]:
        if addr_key and self._failures(s, addr_key, since) >= THROTTLE_AFTER:
            self._audit(s, name or "?", "sign_in.throttled", False)
            return None, SignInRefused(
                "Quá nhiều lần đăng nhập sai từ máy này. Hãy đợi 15 phút rồi thử lại.",
                code="throttled",
                en="Too many failed sign-ins from this device. Wait 15 minutes.")
        if self._failures(s, user_key, since) >= LOCK_AFTER:
            self._audit(s, name or "?", "sign_in.locked", False)
            return None, SignInRefused(
                "Tài khoản tạm khoá vì nhập sai mật khẩu nhiều lần. Hãy đợi 15 phút rồi "
                "thử lại.", code="locked",
                en="This account is locked after too many wrong passwords. Wait 15 "
                   "minutes and try again.")
        account = s.scalar(select(Account).where(Account.username == name))
        good = account is not None and account.active and _verify(
            account.password_hash, password[:MAX_PASSWORD])
        if account is None:
            _verify(_DUMMY_HASH, password[:MAX_PASSWORD])  # same time for unknown names
        if not good or account is None:
            s.add(SignInFailure(key=user_key, at=now))
            if addr_key:
                s.add(SignInFailure(key=addr_key, at=now))
            self._audit(s, name or "?", "sign_in.failed", False)
            return None, SignInRefused(
                "Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra rồi nhập lại.",
                code="bad_credentials", en="Wrong user name or password.")
        s.execute(delete(SignInFailure).where(SignInFailure.key == user_key))
        # Sessions nobody can use any more go at each good sign-in: the table stays small.
        s.execute(delete(WebSession).where((WebSession.expires_at <= now)
                                           | (WebSession.last_seen_at < now - IDLE_TIMEOUT)))
        if _HASHER.check_needs_rehash(account.password_hash):
            account.password_hash = _HASHER.hash(password)
        account.last_sign_in_at = now
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        s.add(WebSession(token_hash=_sha(token), account_id=account.id, csrf_token=csrf,
                         created_at=now, last_seen_at=now, expires_at=now + MAX_AGE))
        self._audit(s, name, "sign_in", True)
        return SignedIn(_officer(account), token, csrf), None

    @staticmethod
    def _failures(s: Session, key: str, since: datetime) -> int:
        return int(s.scalar(select(func.count()).select_from(SignInFailure).where(
            SignInFailure.key == key, SignInFailure.at >= since)) or 0)

    def session_for(self, token: str | None) -> SessionInfo | None:
        """The live session for a cookie token, touched; None if unknown, idle or too old."""
        if not token or len(token) > 200:
            return None
        now = self.clock.now()
        with self._tx() as s:
            row = s.get(WebSession, _sha(token))
            if row is None:
                return None
            account = s.get(Account, row.account_id)
            if (account is None or not account.active or now >= row.expires_at
                    or now - row.last_seen_at > IDLE_TIMEOUT):
                s.delete(row)
                return None
            row.last_seen_at = now
            return SessionInfo(_officer(account), row.csrf_token, row.expires_at)

    def sign_out(self, token: str | None) -> None:
        if not token:
            return
        with self._tx() as s:
            row = s.get(WebSession, _sha(token))
            if row is not None:
                account = s.get(Account, row.account_id)
                s.delete(row)
                self._audit(s, account.username if account else "?", "sign_out", True)

    @staticmethod
    def check_csrf(info: SessionInfo | None, submitted: str | None) -> bool:
        """True only for a live session whose form token matches (constant-time compare)."""
        if info is None or not submitted:
            return False
        return hmac.compare_digest(info.csrf_token.encode(), submitted.encode())

    # ------------------------------------------------------------ role checks

    def require_commune(self, officer: Officer, commune_code: str, what: str) -> None:
        """Refuse (and audit) an officer asking for a commune that is not theirs."""
        if officer.may_see_commune(commune_code):
            return
        self.audit(officer.username, "access.denied", ok=False, what=what, commune=commune_code)
        raise AccessDenied("Tài khoản này chỉ xem được các điểm hỗ trợ của xã/phường mình.",
                           en="This account only sees its own commune's help points.")

    def require_city(self, officer: Officer, what: str) -> None:
        if officer.sees_all_communes:
            return
        self.audit(officer.username, "access.denied", ok=False, what=what)
        raise AccessDenied("Chỉ cán bộ thành phố xem được toàn thành phố.",
                           en="Only city officers see the whole city.")

    def require_admin(self, officer: Officer, what: str) -> None:
        if officer.is_admin:
            return
        self.audit(officer.username, "access.denied", ok=False, what=what)
        raise AccessDenied("Việc này cần tài khoản quản trị hub.",
                           en="This needs a hub admin account.")

    # ------------------------------------------------------------ audit

    def audit(self, actor: str, action: str, *, ok: bool = True, **detail: Any) -> None:
        with self._tx() as s:
            self._audit(s, actor, action, ok, **detail)

    def _audit(self, s: Session, actor: str, action: str, ok: bool, **detail: Any) -> None:
        s.add(HubAudit(at=self.clock.now(), actor=actor[:64], action=action, ok=ok,
                       detail=json.dumps(detail, ensure_ascii=False, sort_keys=True,
                                         default=str)))
        log.info("hub audit: %s %s ok=%s", actor, action, ok)

    def audit_rows(self, action: str | None = None, limit: int = 200) -> list[AuditRow]:
        with self._sessions() as s:
            q = select(HubAudit).order_by(HubAudit.id.desc()).limit(limit)
            if action:
                q = q.where(HubAudit.action == action)
            return [AuditRow(r.at, r.actor, r.action, r.ok, json.loads(r.detail or "{}"))
                    for r in s.scalars(q)]

    # ------------------------------------------------------------ demo

    def create_demo_accounts(self, commune_codes: tuple[str, str] | None = None,
                             make_password: Callable[[], str] | None = None
                             ) -> list[DemoAccount]:
        """Demo officers for ``serve --demo``: one per demo commune, a city officer, an admin.

        Passwords are random each start (printed by the CLI), so a demo left running on a
        network is not open to anyone who has read the README. Existing demo accounts get a
        new password; a real account with the same name is left alone.
        """
        codes = commune_codes or DEMO_COMMUNES
        make = make_password or (lambda: secrets.token_urlsafe(9))
        wanted = [("xa.demo", HubRole.COMMUNE, codes[0]),
                  ("xa2.demo", HubRole.COMMUNE, codes[1]),
                  ("thanhpho.demo", HubRole.CITY, ""),
                  ("quantri.demo", HubRole.ADMIN, "")]
        made = []
        for username, role, code in wanted:
            password = make()
            with self._tx() as s:
                row = s.scalar(select(Account).where(Account.username == username))
                if row is not None and not row.is_demo:
                    continue
                if row is None:
                    s.add(Account(username=username, display_name=_DEMO_NAMES[username],
                                  role=role.value, commune_code=code,
                                  password_hash=_HASHER.hash(password), is_demo=True,
                                  created_at=self.clock.now()))
                else:
                    row.password_hash = _HASHER.hash(password)
                    row.role, row.commune_code, row.active = role.value, code, True
                    s.execute(delete(SignInFailure).where(
                        SignInFailure.key == _sha("user:" + username)))
            made.append(DemoAccount(username, password, role, code))
        return made


# Phường Hải Châu and phường Thanh Khê (resources/lists/communes-danang.toml): fixed, so the
# README and the screenshots match.
DEMO_COMMUNES = ("20242", "20209")
_DEMO_NAMES = {"xa.demo": "Cán bộ xã (mẫu)", "xa2.demo": "Cán bộ phường (mẫu)",
               "thanhpho.demo": "Cán bộ thành phố (mẫu)", "quantri.demo": "Quản trị (mẫu)"}
_DUMMY_HASH = _HASHER.hash("not-a-real-password-just-for-timing")


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
