"""Issue #16 item 2: a missing or empty database where one existed before is a recovery
situation, not a first run (else the first passer-by creates the staff PIN in the wizard)."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.engine import DB_FILE, DatabaseMissing, DatabaseUnavailable
from kiosk.auth import AuthService, Role
from kiosk.backup import backup_now, list_backups
from kiosk.cli import main
from kiosk.clock import FakeClock
from kiosk.store import Store
from tests.conftest import STAFF_PIN


def _kiosk_with_staff(data_dir: Path, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock=clock)
    AuthService(store).add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
    store.close()


def _remove_database(data_dir: Path) -> None:
    for f in data_dir.iterdir():
        if f.name.startswith(DB_FILE):
            f.unlink()


def test_a_fresh_data_dir_is_a_first_run(data_dir: Path, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock=clock)
    assert not AuthService(store).has_staff()
    store.close()


@pytest.mark.parametrize("how", ["deleted", "emptied"])
def test_a_lost_database_is_not_a_first_run(data_dir: Path, clock: FakeClock,
                                            how: str) -> None:
    _kiosk_with_staff(data_dir, clock)
    _remove_database(data_dir)
    if how == "emptied":
        (data_dir / DB_FILE).write_bytes(b"")
    with pytest.raises(DatabaseMissing, match="khôi phục"):
        Store.open(data_dir, clock=clock)
    assert issubclass(DatabaseMissing, DatabaseUnavailable)  # the recovery screen shows it
    assert not (data_dir / DB_FILE).exists() or (data_dir / DB_FILE).stat().st_size == 0


def test_backups_alone_are_evidence_of_a_database(data_dir: Path, clock: FakeClock) -> None:
    """A kiosk set up before the marker existed still has its backups."""
    _kiosk_with_staff(data_dir, clock)
    store = Store.open(data_dir, clock=clock)
    backup_now(store, data_dir / "backups", clock)
    store.close()
    _remove_database(data_dir)
    for marker in data_dir.glob(".kiosk-database*"):
        marker.unlink()
    with pytest.raises(DatabaseMissing):
        Store.open(data_dir, clock=clock)


def test_staff_restore_from_a_backup_with_the_backups_pin(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _kiosk_with_staff(data_dir, clock)
    store = Store.open(data_dir, clock=clock)
    backup = backup_now(store, data_dir / "backups", clock).path
    store.close()
    _remove_database(data_dir)
    monkeypatch.setenv("KIOSK_STAFF_PIN", STAFF_PIN)
    assert main(["--data-dir", str(data_dir), "restore", str(backup), "--yes"]) == 0
    store = Store.open(data_dir, clock=clock)
    assert AuthService(store).sign_in(STAFF_PIN).role is Role.STAFF
    store.close()
    assert len(list_backups(data_dir)) >= 1
