"""Identity: every row this kiosk makes says which help point and team it belongs to."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import DB_FILE
from db.models import ActivityDay, Assistance, Meta, PrintEvent, Service, Ticket, TutorialEvent
from kiosk.assistance import AssistanceDraft, AssistanceService
from kiosk.auth import Actor, AuthService, Role
from kiosk.bundles import BundleService
from kiosk.clock import FakeClock
from kiosk.config import check_value, defaults, load_config, save_config
from kiosk.identity import (
    IDENTITY_FIELDS,
    is_unknown_team,
    load_identity,
    stamp,
    unknown_team_id,
)
from kiosk.printing_quota import record_print
from kiosk.queue import QueueService, seed_default_services
from kiosk.store import Store
from kiosk.usage import UsageRecorder

STAMPED = (Assistance, ActivityDay, Ticket, TutorialEvent, PrintEvent)


def _meta(store: Store, key: str) -> str | None:
    with store.read() as s:
        return s.scalar(select(Meta.value).where(Meta.key == key))


def test_ids_are_made_once_per_database(data_dir: Path, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock=clock)
    first = (store.help_point_id, store.team_id)
    store.close()
    again = Store.open(data_dir, clock=clock)
    assert (again.help_point_id, again.team_id) == first
    assert _meta(again, "help_point_id") == first[0]
    assert _meta(again, "team_id") == first[1]
    assert len(set(first)) == 2 and all(len(x) == 36 for x in first)
    again.close()


def test_identity_names_come_from_the_settings(store: Store) -> None:
    cfg = defaults().replace(commune="Hòa Vang", help_point_name="Điểm Hòa Vang")
    me = load_identity(store, cfg)
    assert me.team_name == "Tổ CNSCĐ Hòa Vang"
    assert me.help_point_name == "Điểm Hòa Vang"
    assert me.commune_code == ""
    named = load_identity(store, cfg.replace(team_name="Tổ CNSCĐ thôn Phú Sơn",
                                             commune_code="20194"))
    assert (named.team_name, named.commune_code) == ("Tổ CNSCĐ thôn Phú Sơn", "20194")


@pytest.mark.parametrize("bad", ["2019", "201945", "abcde", "20 19"])
def test_commune_code_must_be_five_digits_or_empty(bad: str) -> None:
    problem = check_value("commune_code", bad)
    assert problem is not None and "commune_code" in problem and "5 chữ số" in problem
    assert check_value("commune_code", "") is None
    assert check_value("commune_code", "20194") is None


def test_every_service_stamps_what_it_creates(data_dir: Path, clock: FakeClock) -> None:
    cfg = defaults().replace(commune="Hòa Vang", commune_code="20194")
    store = Store.open(data_dir, clock=clock, config=cfg)
    auth = AuthService(store)
    auth.add_member(None, "Cán bộ Lan", Role.STAFF, "2468")
    staff = auth.sign_in("2468")
    seed_default_services(store)
    queue = QueueService(store)
    with store.read() as s:
        service = s.scalars(select(Service)).first()
    assert service is not None
    ticket = queue.issue(service.code)
    queue.call_next(staff, desk=1)
    queue.finish(staff, ticket)
    now = clock.now()
    AssistanceService(store).log(staff, AssistanceDraft(
        started_at=now - timedelta(minutes=20), ended_at=now, services=(service.code,),
        channel="help_point"))
    AssistanceService(store).add_outreach_day(staff, staff.uuid, date(2026, 3, 9))
    run = UsageRecorder.new_run("vneid-kich-hoat")
    UsageRecorder(store).record(run, "opened")
    record_print(store, tutorial_id="vneid-kich-hoat", sheets=1)
    expected = {"help_point_id": store.help_point_id, "team_id": store.team_id,
                "commune_code": "20194"}
    with store.read() as s:
        for model in STAMPED:
            rows = list(s.scalars(select(model)))
            assert rows, model.__name__
            for row in rows:
                assert {k: getattr(row, k) for k in IDENTITY_FIELDS} == expected, model
    store.close()


def test_a_commune_code_set_later_reaches_older_rows(data_dir: Path, clock: FakeClock,
                                                     ) -> None:
    store = Store.open(data_dir, clock=clock)
    record_print(store, tutorial_id=None, sheets=2)
    store.close()
    save_config(data_dir, defaults().replace(commune_code="20194"))
    cfg, _ = load_config(data_dir)
    again = Store.open_configured(data_dir, cfg, clock)
    with again.read() as s:
        assert s.scalar(select(PrintEvent.commune_code)) == "20194"
    assert stamp(again)["commune_code"] == "20194"
    again.close()


def test_migration_stamps_old_rows_with_the_ids_the_services_use(
        data_dir: Path, clock: FakeClock) -> None:
    """A database at 0003 with rows: after 0004 the rows carry the ids Store then reads."""
    from alembic import command

    from db.engine import alembic_config, make_engine

    db = data_dir / DB_FILE
    engine = make_engine(f"sqlite:///{db}")
    cfg = alembic_config(str(engine.url))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    engine.dispose()
    con = sqlite3.connect(db)
    con.execute("INSERT INTO meta(key, value) VALUES ('device_id', 'dev-old')")
    con.execute("INSERT INTO print_event(uuid, device_id, at, day, kind, sheets, ok) VALUES "
                "('p1', 'dev-old', '2026-03-01 03:00:00', '2026-03-01', 'sheet', 1, 1)")
    con.execute("INSERT INTO activity_day(uuid, volunteer_uuid, day, source, is_demo) VALUES "
                "('a1', 'v1', '2026-03-01', 'record', 0)")
    con.commit()
    con.close()
    store = Store.open(data_dir, clock=clock)  # migrates to head
    with store.read() as s:
        for model in (PrintEvent, ActivityDay):
            row = s.scalars(select(model)).one()
            assert (row.help_point_id, row.team_id) == (store.help_point_id, store.team_id)
    assert store.device_id == "dev-old"
    store.close()


# -- bundles carry identity ------------------------------------------------------------------

def _device(tmp: Path, name: str, clock: FakeClock, **config: str) -> tuple[Store, Actor]:
    d = tmp / name
    d.mkdir()
    store = Store.open(d, clock=clock, config=defaults().replace(**config))
    auth = AuthService(store)
    auth.add_member(None, f"Cán bộ {name}", Role.STAFF, "2468")
    staff = auth.sign_in("2468")
    with store.write() as s:
        s.add(Service(code="vneid", prefix="A", name_vi="Tài khoản định danh VNeID"))
    return store, staff


def _log(store: Store, staff: Actor) -> None:
    now = store.clock.now()
    AssistanceService(store).log(staff, AssistanceDraft(
        started_at=now - timedelta(minutes=30), ended_at=now, services=("vneid",),
        channel="home_visit"))


def _send_v2(sender: Store, s_staff: Actor, receiver: Store, r_staff: Actor,
             path: Path) -> None:
    """A signed, sealed bundle from sender to receiver, the sender trusted on first contact."""
    out, into = BundleService(sender), BundleService(receiver)
    out.export_bundle(s_staff, date(2026, 3, 1), path, to_key=into.keys().box_public_b64())
    into.import_bundle(r_staff, path, trust_key=out.keys().verify_key_b64())


def test_a_bundle_carries_the_senders_identity(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 3, 10, 3, 0, 0))
    sender, s_staff = _device(tmp_path, "a", clock, team_name="Tổ CNSCĐ Hòa Bắc",
                              commune_code="20200")
    receiver, r_staff = _device(tmp_path, "b", clock)
    _log(sender, s_staff)
    path = tmp_path / "goi.hkb"
    _send_v2(sender, s_staff, receiver, r_staff, path)
    with receiver.read() as s:
        rec = s.scalars(select(Assistance).where(Assistance.device_id == sender.device_id)).one()
        day = s.scalars(select(ActivityDay).where(
            ActivityDay.volunteer_uuid == s_staff.uuid)).one()
    for row in (rec, day):
        assert (row.help_point_id, row.team_id, row.commune_code) == (
            sender.help_point_id, sender.team_id, "20200")
    assert rec.team_id != receiver.team_id
    sender.close()
    receiver.close()


def _strip_identity(path: Path) -> None:
    """Rewrite a bundle as an older kiosk wrote it: no identity anywhere."""
    import hashlib

    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        payload = json.loads(zf.read("records.json"))
    for item in (*payload["records"], *payload["activity_days"]):
        for key in IDENTITY_FIELDS:
            del item[key]
    for key in (*IDENTITY_FIELDS, "team_name", "help_point_name"):
        del manifest[key]
    records = json.dumps(payload).encode()
    manifest["sha256"] = hashlib.sha256(records).hexdigest()
    path.unlink()
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("records.json", records)


def test_an_old_bundle_from_an_unknown_device_is_an_unknown_team_never_ours(
        tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 3, 10, 3, 0, 0))
    sender, s_staff = _device(tmp_path, "a", clock)
    receiver, r_staff = _device(tmp_path, "b", clock)
    _log(sender, s_staff)
    path = tmp_path / "cu.zip"
    BundleService(sender).export_unsigned_bundle(s_staff, date(2026, 3, 1), path)
    _strip_identity(path)
    summary = BundleService(receiver).import_bundle(r_staff, path, unverified_ok=True)
    assert summary.added == 1
    with receiver.read() as s:
        rec = s.scalars(select(Assistance).where(Assistance.device_id == sender.device_id)).one()
        day = s.scalars(select(ActivityDay).where(
            ActivityDay.volunteer_uuid == s_staff.uuid)).one()
    for row in (rec, day):
        assert row.team_id == unknown_team_id(sender.device_id)
        assert is_unknown_team(row.team_id) and row.team_id != receiver.team_id
    sender.close()
    receiver.close()


def test_an_old_bundle_from_a_device_known_here_keeps_that_devices_team(
        tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 3, 10, 3, 0, 0))
    sender, s_staff = _device(tmp_path, "a", clock)
    receiver, r_staff = _device(tmp_path, "b", clock)
    _log(sender, s_staff)
    _send_v2(sender, s_staff, receiver, r_staff, tmp_path / "moi.hkb")
    clock.advance(hours=1)
    _log(sender, s_staff)
    old = tmp_path / "cu.zip"
    BundleService(sender).export_unsigned_bundle(s_staff, date(2026, 3, 1), old)
    _strip_identity(old)
    BundleService(receiver).import_bundle(r_staff, old, unverified_ok=True)
    with receiver.read() as s:
        teams = set(s.scalars(select(Assistance.team_id).where(
            Assistance.device_id == sender.device_id)))
    assert teams == {sender.team_id}
    sender.close()
    receiver.close()


def test_identity_of_a_bundle_row_is_checked(tmp_path: Path) -> None:
    from kiosk.bundles import BundleError

    clock = FakeClock(datetime(2026, 3, 10, 3, 0, 0))
    sender, s_staff = _device(tmp_path, "a", clock)
    receiver, r_staff = _device(tmp_path, "b", clock)
    _log(sender, s_staff)
    path = tmp_path / "sai.zip"
    BundleService(sender).export_unsigned_bundle(s_staff, date(2026, 3, 1), path)
    import hashlib

    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        payload = json.loads(zf.read("records.json"))
    payload["records"][0]["commune_code"] = "=1+1"
    records = json.dumps(payload).encode()
    manifest["sha256"] = hashlib.sha256(records).hexdigest()
    path.unlink()
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("records.json", records)
    with pytest.raises(BundleError, match="commune_code"):
        BundleService(receiver).import_bundle(r_staff, path, unverified_ok=True)
    sender.close()
    receiver.close()


def test_identity_stamp_is_a_plain_copy(store: Store) -> None:
    one = stamp(store)
    one["team_id"] = "x"
    assert stamp(store)["team_id"] == store.team_id
    assert dataclasses.is_dataclass(load_identity(store, store.config))


def test_the_code_backfill_runs_once_per_code(data_dir: Path, clock: FakeClock) -> None:
    from kiosk.identity import backfill_commune_code

    store = Store.open(data_dir, clock=clock, config=defaults().replace(commune_code="20194"))
    assert backfill_commune_code(store) == 0  # done at open, nothing left
    store.config.values["commune_code"] = ""
    record_print(store, tutorial_id=None, sheets=1)  # made while no code is set
    assert backfill_commune_code(store) == 0
    store.config.values["commune_code"] = "20194"
    assert backfill_commune_code(store) == 1
    assert backfill_commune_code(store) == 0
    store.close()


def test_a_mobile_laptop_joins_the_help_points_team_and_one_cap_is_paid(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """team_id is made per database; a laptop of the same team joins it (staff, audited),
    so the merged allowance is one team's, not two caps."""
    from db.models import AuditEvent
    from kiosk.cli import main
    from kiosk.identity import IdentityError, join_team
    from kiosk.reports.allowance import compute_allowance
    from kiosk.reports.periods import Period

    clock = FakeClock(datetime(2026, 3, 10, 3, 0, 0))
    help_point, hp_staff = _device(tmp_path, "diem", clock)
    laptop, lt_staff = _device(tmp_path, "may-luu-dong", clock)
    _log(laptop, lt_staff)
    with pytest.raises(IdentityError, match="Mã tổ"):
        join_team(lt_staff, laptop, "tổ của tôi")
    laptop.close()
    monkeypatch.setenv("KIOSK_STAFF_PIN", "2468")
    data = tmp_path / "may-luu-dong"
    assert main(["--data-dir", str(tmp_path / "diem"), "identity", "show"]) == 0
    assert help_point.team_id in capsys.readouterr().out
    assert main(["--data-dir", str(data), "identity", "join-team", help_point.team_id]) == 0
    assert "2 bản ghi" in capsys.readouterr().out  # the record and its activity day
    laptop = Store.open(data, clock=clock)
    assert laptop.team_id == help_point.team_id
    with laptop.read() as s:
        assert set(s.scalars(select(Assistance.team_id))) == {help_point.team_id}
        assert s.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "identity.join_team")).one()
    allowance = compute_allowance(lt_staff, laptop, Period(date(2026, 3, 1), date(2026, 3, 31)))
    assert [t.team_id for t in allowance.teams] == [help_point.team_id]
    laptop.close()
    help_point.close()
