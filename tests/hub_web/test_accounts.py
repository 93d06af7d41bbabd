"""Accounts, sessions, CSRF, throttling and audit on the hub (services, no browser)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from hub.accounts import (
    LOCK_AFTER,
    THROTTLE_AFTER,
    AccessDenied,
    Account,
    AccountError,
    AccountService,
    HubRole,
    SignInRefused,
    WebSession,
)
from hub.models import HubBase
from kiosk.clock import FakeClock

PASSWORD = "mat-khau-dai-du-10"


@pytest.fixture
def sessions(tmp_path) -> Iterator[sessionmaker[Session]]:
    engine = create_engine(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    HubBase.metadata.create_all(engine)
    yield sessionmaker(engine, expire_on_commit=False)
    engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 2, 0))


@pytest.fixture
def accounts(sessions, clock) -> AccountService:
    svc = AccountService(sessions, clock, address_salt="test")
    svc.add_account(None, "xa.a", PASSWORD, HubRole.COMMUNE, "20194")
    svc.add_account(None, "tp.a", PASSWORD, HubRole.CITY)
    return svc


def test_password_is_stored_as_argon2id_only(accounts, sessions):
    with sessions() as s:
        row = s.scalar(select(Account).where(Account.username == "xa.a"))
    assert row.password_hash.startswith("$argon2id$")
    assert PASSWORD not in row.password_hash


def test_sign_in_gives_a_session_whose_token_is_not_in_the_database(accounts, sessions):
    signed = accounts.sign_in("XA.A ", PASSWORD, "10.0.0.1")
    assert signed.officer.role is HubRole.COMMUNE
    assert signed.officer.commune_code == "20194"
    with sessions() as s:
        stored = s.scalars(select(WebSession.token_hash)).all()
    assert stored and signed.token not in stored
    info = accounts.session_for(signed.token)
    assert info is not None and info.officer.username == "xa.a"
    assert accounts.audit_rows("sign_in")[0].actor == "xa.a"


def test_wrong_password_and_unknown_name_get_the_same_answer(accounts):
    with pytest.raises(SignInRefused) as wrong:
        accounts.sign_in("xa.a", "sai-mat-khau-roi", "10.0.0.1")
    with pytest.raises(SignInRefused) as unknown:
        accounts.sign_in("khong.co", "sai-mat-khau-roi", "10.0.0.1")
    assert str(wrong.value) == str(unknown.value)
    assert wrong.value.code == unknown.value.code == "bad_credentials"
    assert [r.action for r in accounts.audit_rows("sign_in.failed")] == ["sign_in.failed"] * 2


def test_lockout_after_repeated_wrong_passwords_even_with_the_right_one(accounts, clock):
    for _ in range(LOCK_AFTER):
        with pytest.raises(SignInRefused):
            accounts.sign_in("xa.a", "sai-mat-khau-roi", "10.0.0.1")
    with pytest.raises(SignInRefused) as locked:
        accounts.sign_in("xa.a", PASSWORD, "10.0.0.2")
    assert locked.value.code == "locked"
    assert "15 phút" in str(locked.value)
    # The other account is not affected; after the window the name works again.
    assert accounts.sign_in("tp.a", PASSWORD, "10.0.0.2").officer.username == "tp.a"
    clock.advance(minutes=16)
    assert accounts.sign_in("xa.a", PASSWORD, "10.0.0.2").officer.username == "xa.a"


def test_one_address_trying_many_names_is_throttled(accounts):
    for i in range(THROTTLE_AFTER):
        with pytest.raises(SignInRefused):
            accounts.sign_in(f"ten{i}", "sai-mat-khau-roi", "10.9.9.9")
    with pytest.raises(SignInRefused) as throttled:
        accounts.sign_in("tp.a", PASSWORD, "10.9.9.9")
    assert throttled.value.code == "throttled"
    assert accounts.sign_in("tp.a", PASSWORD, "10.0.0.3").officer.username == "tp.a"


def test_idle_session_expires_and_sign_out_ends_it(accounts, clock):
    signed = accounts.sign_in("tp.a", PASSWORD)
    clock.advance(minutes=29)
    assert accounts.session_for(signed.token) is not None
    clock.advance(minutes=31)
    assert accounts.session_for(signed.token) is None
    again = accounts.sign_in("tp.a", PASSWORD)
    accounts.sign_out(again.token)
    assert accounts.session_for(again.token) is None
    assert accounts.session_for("made-up") is None


def test_dead_sessions_are_swept_at_the_next_sign_in(accounts, sessions, clock):
    accounts.sign_in("tp.a", PASSWORD)
    accounts.sign_in("xa.a", PASSWORD)
    clock.advance(minutes=31)  # both idle, never asked for again
    accounts.sign_in("tp.a", PASSWORD)
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(WebSession)) == 1


def test_session_has_a_hard_maximum_age(accounts, clock):
    signed = accounts.sign_in("tp.a", PASSWORD)
    for _ in range(25):  # kept busy every 25 minutes for over ten hours
        clock.advance(minutes=25)
        if accounts.session_for(signed.token) is None:
            break
    else:
        pytest.fail("session never expired")
    assert clock.now() - datetime(2026, 3, 2, 2, 0) <= timedelta(hours=10, minutes=25)


def test_csrf_token_must_match_the_session(accounts):
    signed = accounts.sign_in("tp.a", PASSWORD)
    info = accounts.session_for(signed.token)
    assert AccountService.check_csrf(info, signed.csrf_token)
    assert not AccountService.check_csrf(info, "")
    assert not AccountService.check_csrf(info, None)
    assert not AccountService.check_csrf(info, signed.csrf_token[:-1] + "x")
    assert not AccountService.check_csrf(None, signed.csrf_token)


def test_commune_officer_is_refused_another_commune_and_it_is_audited(accounts):
    officer = accounts.sign_in("xa.a", PASSWORD).officer
    accounts.require_commune(officer, "20194", "dashboard")
    with pytest.raises(AccessDenied):
        accounts.require_commune(officer, "20227", "dashboard")
    with pytest.raises(AccessDenied):
        accounts.require_city(officer, "city dashboard")
    denied = accounts.audit_rows("access.denied")
    assert [r.detail.get("commune") for r in denied] == [None, "20227"]
    city = accounts.sign_in("tp.a", PASSWORD).officer
    accounts.require_commune(city, "20227", "dashboard")
    with pytest.raises(AccessDenied):
        accounts.require_admin(city, "packs")


def test_only_admins_add_accounts_and_rules_are_checked(accounts):
    city = accounts.sign_in("tp.a", PASSWORD).officer
    with pytest.raises(AccessDenied):
        accounts.add_account(city, "moi", PASSWORD, HubRole.CITY)
    with pytest.raises(AccountError, match="10 ký tự"):
        accounts.add_account(None, "moi", "ngan", HubRole.CITY)
    with pytest.raises(AccountError, match="mã xã"):
        accounts.add_account(None, "moi", PASSWORD, HubRole.COMMUNE, "")
    with pytest.raises(AccountError, match="đã có"):
        accounts.add_account(None, "TP.A", PASSWORD, HubRole.CITY)
    with pytest.raises(AccountError, match="Tên đăng nhập"):
        accounts.add_account(None, "có dấu", PASSWORD, HubRole.CITY)


def test_demo_accounts_get_fresh_passwords_each_start(accounts):
    first = accounts.create_demo_accounts()
    second = accounts.create_demo_accounts()
    assert {a.role for a in first} == {HubRole.COMMUNE, HubRole.CITY, HubRole.ADMIN}
    assert first[0].password != second[0].password
    with pytest.raises(SignInRefused):
        accounts.sign_in(first[0].username, first[0].password)
    assert accounts.sign_in(second[0].username, second[0].password).officer.commune_code


def test_the_hub_migration_makes_the_tables_and_sign_in_works_on_each_database(hub_app):
    """Through the hub's own migrations (h0002_web), on SQLite and PostgreSQL."""
    hub = hub_app.state.hub
    svc = AccountService(hub.sessions, hub.clock)
    svc.add_account(None, "xa.a", PASSWORD, HubRole.COMMUNE, "20194")
    for _ in range(LOCK_AFTER):
        with pytest.raises(SignInRefused):
            svc.sign_in("xa.a", "sai-mat-khau-roi", "10.0.0.1")
    with pytest.raises(SignInRefused) as locked:
        svc.sign_in("xa.a", PASSWORD, "10.0.0.1")
    assert locked.value.code == "locked"
    hub.clock.advance(minutes=16)
    signed = svc.sign_in("xa.a", PASSWORD, "10.0.0.1")
    assert svc.session_for(signed.token).officer.commune_code == "20194"
    assert {r.action for r in svc.audit_rows()} >= {"sign_in", "sign_in.failed",
                                                    "sign_in.locked", "account.add"}
