"""Backups: daily and rotating, a second folder, finding a good one, restoring, the CLI."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from db.engine import DB_FILE
from kiosk import audit
from kiosk.assistance import AssistanceDraft, AssistanceService
from kiosk.auth import Actor, PermissionDenied
from kiosk.backup import (
    BackupError,
    BackupWriteError,
    backup_now,
    copy_database,
    integrity_ok,
    is_kiosk_database,
    list_backups,
    newest_good_backup,
    restore_backup,
    rotate_backups,
    run_daily_backup,
    staff_from_backup,
)
from kiosk.cli import main
from kiosk.clock import FakeClock
from kiosk.privacy import CONTACT_PURPOSE_VI
from kiosk.queue import QueueService
from kiosk.store import Store
from tests.conftest import STAFF_PIN, VOLUNTEER_PIN


def ticket_numbers(db: Path) -> list[int]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT number FROM ticket ORDER BY number")]
    finally:
        conn.close()


def corrupt(path: Path) -> None:
    """Overwrite the middle of a file with garbage, as a failing disk would."""
    data = bytearray(path.read_bytes())
    start = len(data) // 3
    data[start:start + 8192] = b"\xa5" * min(8192, len(data) - start)
    path.write_bytes(bytes(data))


# -- daily backups ---------------------------------------------------------------------------


def test_daily_backup_once_per_local_day(store: Store, data_dir: Path, clock: FakeClock) -> None:
    queue = QueueService(store)
    queue.issue("vneid")
    first = run_daily_backup(store, data_dir, clock)
    assert first.made
    assert first.path == data_dir / "backups" / "daily-2026-03-10.sqlite3"
    assert integrity_ok(first.path)
    assert ticket_numbers(first.path) == [1]

    queue.issue("vneid")
    again = run_daily_backup(store, data_dir, clock)
    assert not again.made  # same day: the morning's backup stays as it was
    assert ticket_numbers(again.path) == [1]

    # 17:30 UTC is 00:30 on 11 March in Đà Nẵng: a new local day, a new backup.
    clock.set(datetime(2026, 3, 10, 17, 30))
    nxt = run_daily_backup(store, data_dir, clock)
    assert nxt.made
    assert nxt.path.name == "daily-2026-03-11.sqlite3"
    assert ticket_numbers(nxt.path) == [1, 2]


def test_backup_is_one_self_contained_file(store: Store, data_dir: Path, clock: FakeClock) -> None:
    QueueService(store).issue("vneid")
    result = run_daily_backup(store, data_dir, clock)
    header = result.path.read_bytes()[:20]
    assert header[:16] == b"SQLite format 3\x00"
    assert header[18:20] == b"\x01\x01"  # rollback journal, not WAL: no -wal file needed
    assert sorted(p.name for p in result.path.parent.iterdir()) == [result.path.name]
    assert is_kiosk_database(result.path)


def test_backup_takes_committed_data_still_in_the_wal(store: Store, data_dir: Path,
                                                      clock: FakeClock) -> None:
    QueueService(store).issue("vneid")
    assert (data_dir / f"{DB_FILE}-wal").stat().st_size > 0  # not checkpointed yet
    info = backup_now(store, data_dir / "backups", clock)
    assert info.kind == "manual"
    assert info.path.name == "manual-2026-03-10-100000.sqlite3"
    assert ticket_numbers(info.path) == [1]
    # A second backup in the same second gets its own name: nothing is overwritten.
    again = backup_now(store, data_dir / "backups", clock)
    assert again.path.name == "manual-2026-03-10-100000-2.sqlite3"


def test_rotation_keeps_14_daily_and_12_monthly(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    day = date(2025, 1, 1)
    while day <= date(2026, 3, 10):
        (folder / f"daily-{day.isoformat()}.sqlite3").write_bytes(b"x")
        day += timedelta(days=1)
    (folder / "daily-2026-04-01.sqlite3").write_bytes(b"x")  # clock was wrong once: keep
    (folder / "manual-2024-01-01-090000.sqlite3").write_bytes(b"x")
    (folder / "pre-migrate-0001-20240101-090000.sqlite3").write_bytes(b"x")

    removed = rotate_backups(folder, date(2026, 3, 10))

    kept = sorted(p.name for p in folder.iterdir())
    newest = [f"daily-{date(2026, 3, 10) - timedelta(days=i)}.sqlite3" for i in range(14)]
    months = [f"daily-{y}-{m:02d}-01.sqlite3" for y, m in
              [(2026, 3), (2026, 2), (2026, 1)] + [(2025, m) for m in range(4, 13)]]
    expected = set(newest) | set(months) | {"daily-2026-04-01.sqlite3"}
    assert kept == sorted(expected)  # the 2024 manual and pre-migrate backups rotate too
    assert len(removed) == 436 - len(newest) - len(months) + 1  # 2026-03-01 is in both


def test_every_backup_kind_rotates(tmp_path: Path) -> None:
    """Issue #16 item 9: manual-, pre-restore- and pre-migrate- backups used to be kept
    forever (and with them every erased record). Now: the newest 5 of each kind, none older
    than 90 days; a date after today (clock set wrong) is kept."""
    folder = tmp_path / "backups"
    folder.mkdir()
    today = date(2026, 3, 10)
    names = []
    for i in range(8):
        d = today - timedelta(days=i)
        names += [f"manual-{d.isoformat()}-090000.sqlite3",
                  f"pre-restore-{d.isoformat()}-090000.sqlite3",
                  f"pre-migrate-0003-{d:%Y%m%d}-090000.sqlite3"]
    old = today - timedelta(days=91)
    names += [f"pre-restore-{old.isoformat()}-090000.sqlite3", "manual-2026-04-01-090000.sqlite3",
              "notes.txt"]
    for n in names:
        (folder / n).write_bytes(b"x")
    rotate_backups(folder, today)
    kept = {p.name for p in folder.iterdir()}
    for kind in ("manual-", "pre-restore-", "pre-migrate-"):
        dated = [n for n in kept if n.startswith(kind) and "2026-04-01" not in n]
        assert len(dated) == 5, (kind, sorted(dated))
    assert f"pre-restore-{old.isoformat()}-090000.sqlite3" not in kept
    assert f"manual-{today.isoformat()}-090000.sqlite3" in kept
    assert "manual-2026-04-01-090000.sqlite3" in kept and "notes.txt" in kept


def test_daily_backups_rotate_as_days_pass(store: Store, data_dir: Path,
                                          clock: FakeClock) -> None:
    for _ in range(20):
        run_daily_backup(store, data_dir, clock)
        clock.advance(days=1)
    names = sorted(p.name for p in (data_dir / "backups").iterdir())
    # 14 newest (16–29 March) plus the month's first (10 March).
    assert names[0] == "daily-2026-03-10.sqlite3"
    assert names[1:] == [f"daily-2026-03-{d}.sqlite3" for d in range(16, 30)]


def test_second_folder_when_present(store: Store, data_dir: Path, clock: FakeClock,
                                    tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    missing = run_daily_backup(store, data_dir, clock, second_dir=usb)
    assert missing.made
    assert missing.second_path is None
    assert missing.second_problem is not None
    assert "USB" in missing.second_problem

    usb.mkdir()  # plugged in later the same day: today's copy goes there too
    later = run_daily_backup(store, data_dir, clock, second_dir=str(usb))
    assert not later.made
    assert later.second_problem is None
    assert later.second_path == usb / "daily-2026-03-10.sqlite3"
    assert integrity_ok(later.second_path)


def test_unwritable_second_folder_does_not_stop_the_backup(store: Store, data_dir: Path,
                                                           clock: FakeClock,
                                                           tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    real = copy_database

    def full_usb(src: Path, dest: Path) -> Path:
        if dest.parent == usb:
            raise BackupWriteError("Không ghi được bản sao lưu vào USB (No space left on "
                                   "device).")
        return real(src, dest)

    monkeypatch.setattr("kiosk.backup.copy_database", full_usb)
    result = run_daily_backup(store, data_dir, clock, second_dir=usb)
    assert result.made
    assert integrity_ok(result.path)
    assert result.second_path is None
    assert "No space left" in (result.second_problem or "")


def test_failed_copy_leaves_nothing_under_the_name(store: Store, data_dir: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    dest = data_dir / "backups" / "x.sqlite3"

    def disk_full(_path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kiosk.backup._fsync_file", disk_full)
    with pytest.raises(BackupWriteError, match="còn chỗ trống"):
        copy_database(data_dir / DB_FILE, dest)
    assert list(dest.parent.iterdir()) == []


def test_backup_into_a_path_that_is_a_file(store: Store, data_dir: Path, tmp_path: Path,
                                           clock: FakeClock) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(BackupWriteError, match="Không ghi được"):
        backup_now(store, blocker / "sub", clock)


def test_backup_of_a_missing_database(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="Không tìm thấy"):
        copy_database(tmp_path / "nothing.sqlite3", tmp_path / "b.sqlite3")
    assert not (tmp_path / "nothing.sqlite3").exists()  # never created by the attempt


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes; Windows uses the ACL")
def test_data_dir_and_backups_are_private(store: Store, data_dir: Path, clock: FakeClock) -> None:
    os.chmod(data_dir, 0o755)
    result = run_daily_backup(store, data_dir, clock)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / DB_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE((data_dir / "backups").stat().st_mode) == 0o700
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600


# -- health and finding a good backup --------------------------------------------------------


def test_integrity_ok(store: Store, data_dir: Path, clock: FakeClock, tmp_path: Path) -> None:
    good = backup_now(store, tmp_path, clock).path
    assert integrity_ok(good)
    assert integrity_ok(good, full=False)
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(good.read_bytes())
    corrupt(bad)
    assert not integrity_ok(bad)
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert not integrity_ok(cut)
    noise = tmp_path / "noise.sqlite3"
    noise.write_bytes(os.urandom(5000))
    assert not integrity_ok(noise)
    assert not integrity_ok(tmp_path / "missing.sqlite3")
    assert not (tmp_path / "missing.sqlite3").exists()


def test_newest_good_backup_skips_damaged_and_foreign(store: Store, data_dir: Path,
                                                      clock: FakeClock) -> None:
    assert newest_good_backup(data_dir) is None
    older = run_daily_backup(store, data_dir, clock).path
    clock.advance(days=1)
    newer = run_daily_backup(store, data_dir, clock).path
    os.utime(older, (1_700_000_000, 1_700_000_000))
    os.utime(newer, (1_700_086_400, 1_700_086_400))
    assert newest_good_backup(data_dir).path == newer  # type: ignore[union-attr]

    corrupt(newer)
    foreign = data_dir / "backups" / "manual-2099-01-01-000000.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    found = newest_good_backup(data_dir)
    assert found is not None
    assert found.path == older
    assert found.kind == "daily"
    assert [b.path for b in list_backups(data_dir)][0] == foreign  # listed, but not offered


# -- restore ---------------------------------------------------------------------------------


def test_restore_brings_back_the_backup_and_keeps_the_current(
        store: Store, data_dir: Path, clock: FakeClock, staff: Actor) -> None:
    queue = QueueService(store)
    queue.issue("vneid")
    backup = backup_now(store, data_dir / "backups", clock).path
    queue.issue("vneid")
    store.close()

    clock.advance(minutes=5)
    result = restore_backup(staff, data_dir, backup, clock)

    assert ticket_numbers(data_dir / DB_FILE) == [1]
    assert result.previous_saved_as is not None
    assert result.previous_saved_as.name == "pre-restore-2026-03-10-100500.sqlite3"
    assert ticket_numbers(result.previous_saved_as) == [1, 2]  # nothing was lost
    assert integrity_ok(data_dir / DB_FILE)
    reopened = Store.open(data_dir, clock=clock)
    try:
        assert ("2026-03-10T03:05:00", staff.audit_name, "backup.restore") in \
            audit.entries(reopened, "backup.restore")
        # Numbering goes on from the restored day.
        assert QueueService(reopened).issue("vneid").number == 2
    finally:
        reopened.close()


def test_restore_does_not_bring_back_expired_contacts(
        store: Store, data_dir: Path, clock: FakeClock, staff: Actor, volunteer: Actor) -> None:
    QueueService(store)
    now = clock.now()
    AssistanceService(store).log(volunteer, AssistanceDraft(
        started_at=now - timedelta(minutes=15), ended_at=now, services=("vneid",),
        contact_name="Lê Thị Mai", contact_phone="0905123456", contact_consent=True,
        contact_consent_purpose=CONTACT_PURPOSE_VI))
    backup = backup_now(store, data_dir / "backups", clock).path
    store.close()
    clock.advance(days=181)  # the contact's retention ran out after the backup was made

    restore_backup(staff, data_dir, backup, clock, retention_days=180)

    conn = sqlite3.connect(data_dir / DB_FILE)
    try:
        rows = conn.execute("SELECT contact_name, contact_phone FROM assistance").fetchall()
    finally:
        conn.close()
    assert rows == [(None, None)]


def test_restore_refuses_a_damaged_file_and_changes_nothing(
        store: Store, data_dir: Path, clock: FakeClock, staff: Actor) -> None:
    QueueService(store).issue("vneid")
    backup = backup_now(store, data_dir / "backups", clock).path
    corrupt(backup)
    store.close()
    before = sorted(p.name for p in (data_dir / "backups").iterdir())
    with pytest.raises(BackupError, match="bị hỏng"):
        restore_backup(staff, data_dir, backup, clock)
    assert sorted(p.name for p in (data_dir / "backups").iterdir()) == before
    assert ticket_numbers(data_dir / DB_FILE) == [1]


def test_restore_refuses_a_foreign_database(store: Store, data_dir: Path, clock: FakeClock,
                                            staff: Actor, tmp_path: Path) -> None:
    other = tmp_path / "photos.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE photo (x)")
    conn.commit()
    conn.close()
    store.close()
    with pytest.raises(BackupError, match="không phải bản sao lưu của kiosk"):
        restore_backup(staff, data_dir, other, clock)


def test_only_staff_may_restore(store: Store, data_dir: Path, clock: FakeClock,
                                volunteer: Actor) -> None:
    backup = backup_now(store, data_dir / "backups", clock).path
    store.close()
    with pytest.raises(PermissionDenied):
        restore_backup(volunteer, data_dir, backup, clock)


def test_restore_over_a_damaged_database_keeps_its_raw_files(
        store: Store, data_dir: Path, clock: FakeClock, staff: Actor) -> None:
    QueueService(store).issue("vneid")
    backup = backup_now(store, data_dir / "backups", clock).path
    store.close()
    db = data_dir / DB_FILE
    db.write_bytes(b"this is not a database" * 500)

    actor = staff_from_backup(backup, STAFF_PIN, clock)  # the live file cannot check a PIN
    result = restore_backup(actor, data_dir, backup, clock)

    assert result.previous_saved_as is not None
    assert result.previous_saved_as.name.startswith("damaged-")
    assert (result.previous_saved_as / DB_FILE).read_bytes().startswith(b"this is not")
    assert ticket_numbers(db) == [1]
    if sys.platform != "win32":
        assert stat.S_IMODE(result.previous_saved_as.stat().st_mode) == 0o700
        assert stat.S_IMODE((result.previous_saved_as / DB_FILE).stat().st_mode) == 0o600


def test_staff_from_backup_refuses_a_volunteer_pin(store: Store, data_dir: Path,
                                                   clock: FakeClock, volunteer: Actor) -> None:
    backup = backup_now(store, data_dir / "backups", clock).path
    with pytest.raises(PermissionDenied):
        staff_from_backup(backup, VOLUNTEER_PIN, clock)


# -- the command line ------------------------------------------------------------------------


def test_cli_backup_needs_staff_and_writes_the_file(
        store: Store, data_dir: Path, staff: Actor, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setenv("KIOSK_STAFF_PIN", "9999")
    assert main(["--data-dir", str(data_dir), "backup", "--to", str(usb)]) == 1
    assert "Mã PIN không đúng" in capsys.readouterr().err
    assert list(usb.iterdir()) == []

    monkeypatch.setenv("KIOSK_STAFF_PIN", STAFF_PIN)
    assert main(["--data-dir", str(data_dir), "backup", "--to", str(usb)]) == 0
    out = capsys.readouterr().out
    (made,) = usb.iterdir()
    assert str(made) in out
    assert "thông tin cá nhân" in out
    assert integrity_ok(made)
    assert audit.entries(store, "backup.manual")


def test_cli_daily_backup_needs_no_pin(store: Store, data_dir: Path,
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("KIOSK_STAFF_PIN", raising=False)
    assert main(["--data-dir", str(data_dir), "backup", "--daily"]) == 0
    assert "Đã sao lưu hôm nay" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "backup", "--daily"]) == 0
    assert "không làm lại" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "backup", "--list"]) == 0
    assert "tốt" in capsys.readouterr().out


def test_cli_restore_asks_first_and_keeps_the_current(
        store: Store, data_dir: Path, clock: FakeClock, staff: Actor,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    queue = QueueService(store)
    queue.issue("vneid")
    backup = backup_now(store, data_dir / "backups", clock).path
    queue.issue("vneid")
    store.close()
    monkeypatch.setenv("KIOSK_STAFF_PIN", STAFF_PIN)

    monkeypatch.setattr("builtins.input", lambda: "")
    assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == 1
    assert "Đã hủy" in capsys.readouterr().out
    assert ticket_numbers(data_dir / DB_FILE) == [1, 2]

    monkeypatch.setattr("builtins.input", lambda: "co")
    assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert "Dữ liệu cũ đã được giữ tại" in out
    assert ticket_numbers(data_dir / DB_FILE) == [1]
    (kept,) = (data_dir / "backups").glob("pre-restore-*.sqlite3")
    assert ticket_numbers(kept) == [1, 2]


def test_cli_restore_refuses_while_the_kiosk_runs(
        store: Store, data_dir: Path, clock: FakeClock, staff: Actor,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.instance import acquire

    backup = backup_now(store, data_dir / "backups", clock).path
    monkeypatch.setenv("KIOSK_STAFF_PIN", STAFF_PIN)
    running = acquire(data_dir)
    assert running is not None
    try:
        assert main(["--data-dir", str(data_dir), "restore", "--yes", str(backup)]) == 1
        err = capsys.readouterr().err
        assert "Kiosk đang chạy" in err
        assert str(os.getpid()) in err
    finally:
        running.release()


def test_cli_restore_refuses_a_damaged_file(store: Store, data_dir: Path, clock: FakeClock,
                                            staff: Actor, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    backup = backup_now(store, data_dir / "backups", clock).path
    corrupt(backup)
    store.close()
    monkeypatch.setenv("KIOSK_STAFF_PIN", STAFF_PIN)
    assert main(["--data-dir", str(data_dir), "restore", "--yes", str(backup)]) == 1
    assert "bị hỏng" in capsys.readouterr().err
    assert not list((data_dir / "backups").glob("pre-restore-*"))


def test_erased_people_are_erased_from_kept_backups_at_rotation(
        store: Store, data_dir: Path, clock: FakeClock, staff: Actor, volunteer: Actor) -> None:
    """Issue #16 item 9: erase_person changed the live database only; every backup kept the
    phone, and a restore brought the person back."""
    QueueService(store)  # seeds the services
    service = AssistanceService(store)
    now = clock.now()
    service.log(volunteer, AssistanceDraft(
        started_at=now - timedelta(hours=1), ended_at=now, services=("vneid",),
        contact_name="Trần Thị Bích", contact_phone="0905 777 888",
        contact_consent=True, contact_consent_purpose=CONTACT_PURPOSE_VI))
    service.log(volunteer, AssistanceDraft(
        started_at=now - timedelta(hours=1), ended_at=now, services=("vneid",),
        contact_name="Lê Văn Kept", contact_phone="0905 111 000",
        contact_consent=True, contact_consent_purpose=CONTACT_PURPOSE_VI))
    old = backup_now(store, data_dir / "backups", clock, kind="manual").path
    clock.advance(hours=1)
    assert service.erase_person(staff, "0905777888") == 1
    clock.advance(days=1)
    run_daily_backup(store, data_dir, clock)
    raw = old.read_bytes()
    assert b"0905777888" not in raw and "Trần Thị Bích".encode() not in raw
    assert b"0905111000" in raw  # the person not erased keeps their contact
    with sqlite3.connect(old) as c:
        assert c.execute("SELECT count(*) FROM assistance").fetchone()[0] == 2  # stats stay


def test_home_visit_requests_erased_live_are_erased_from_kept_backups(
        store: Store, data_dir: Path, clock: FakeClock, staff: Actor, volunteer: Actor) -> None:
    """Issue #23 item 5: the home-visit list keeps who and a phone (with consent); erased by
    erase_person or cancelled, they must leave the kept backups too, and a backup made before
    the home_visit table existed is still scrubbed for the assistance records."""
    from kiosk.home_visits import HomeVisitService, VisitDraft

    QueueService(store)  # seeds the services
    records = AssistanceService(store)
    visits = HomeVisitService(store, records)
    now = clock.now()
    records.log(volunteer, AssistanceDraft(
        started_at=now - timedelta(hours=1), ended_at=now, services=("vneid",),
        contact_name="Bà Hoa Cúc", contact_phone="0905 777 888", contact_consent=True,
        contact_consent_purpose=CONTACT_PURPOSE_VI))
    asked = visits.create(volunteer, VisitDraft(
        village="Tà Lang", household="Bà Hoa Cúc", service_code="vneid",
        phone="0905 777 888", phone_consent=True))
    visits.create(volunteer, VisitDraft(village="Tà Lang", household="Ông Giữ Lại",
                                        service_code="vneid"))
    cancelled = visits.create(volunteer, VisitDraft(village="Tà Lang", household="Chị Hủy",
                                                    service_code="vneid"))
    old = backup_now(store, data_dir / "backups", clock, kind="manual").path
    older = data_dir / "backups" / ("manual-before-home-visits" + old.name.split("-", 1)[1])
    older.write_bytes(old.read_bytes())
    with sqlite3.connect(older) as c:
        c.execute("DROP TABLE home_visit")
    clock.advance(hours=1)
    assert records.erase_person(staff, "0905777888") == 2  # the record and the request
    visits.cancel(staff, cancelled.uuid)
    clock.advance(days=1)
    run_daily_backup(store, data_dir, clock)
    raw = old.read_bytes()
    for gone in (b"0905777888", "Bà Hoa Cúc".encode(), "Chị Hủy".encode()):
        assert gone not in raw
    assert "Ông Giữ Lại".encode() in raw  # a request nobody erased keeps who
    with sqlite3.connect(old) as c:
        assert c.execute("SELECT count(*) FROM home_visit").fetchone()[0] == 3
        assert c.execute("SELECT village FROM home_visit WHERE uuid = ?",
                         (asked.uuid,)).fetchone()[0] == "Tà Lang"
    assert b"0905777888" not in older.read_bytes()  # no home_visit table: records still
