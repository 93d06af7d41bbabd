"""With ``database_url`` set, every staff sub-command reads and writes the configured database.

Regression: ``open_store`` (export, records, bundle, backup, demo-data) and ``places`` used to
open ``kiosk.sqlite3`` in the data dir while the kiosk and ``queue`` used the configured URL,
so ``demo-data`` wrote where the kiosk never looked. Runs ``help-kiosk``'s own ``main`` in
this process (same parser, same handlers) to keep it fast.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.engine import DB_FILE
from db.models import Assistance, Place
from kiosk.auth import AuthService, Role
from kiosk.cli import main
from kiosk.store import Store
from kiosk.sync.keys import DeviceKeys
from tests.conftest import STAFF_PIN
from tests.integration.test_export_cli import add_record


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    data = tmp_path / "data"
    data.mkdir()
    server = tmp_path / "commune-server"
    server.mkdir()
    url = f"sqlite:///{(server / 'other.sqlite3').as_posix()}"
    (data / "config.toml").write_text(f'database_url = "{url}"\n', encoding="utf-8")
    store = Store.open(server, url=url)
    try:
        AuthService(store).add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
    finally:
        store.close()
    monkeypatch.setenv("KIOSK_STAFF_PIN", STAFF_PIN)
    return data, url


def count(url: str, model: type) -> int:
    store = Store.open(Path("."), url=url)
    try:
        with store.read() as s:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)
    finally:
        store.close()


def test_every_command_uses_the_configured_database(
        configured: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, url = configured
    cli = ["--data-dir", str(data)]

    assert main([*cli, "demo-data", "--days", "1", "--per-day", "3"]) == 0
    assert count(url, Assistance) == 3
    store = Store.open(Path("."), url=url)
    try:
        add_record(store, datetime(2026, 3, 10, 9, 0), contact=True)  # a real one, for bundles
    finally:
        store.close()

    out = tmp_path / "records.csv"
    assert main([*cli, "export", "--from", "2000-01-01", "--to", "2100-01-01",
                 "--format", "csv", "--out", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert len([row for row in csv.reader(fh) if row]) >= 2  # header + records

    assert main([*cli, "records", "find", "--phone", "0905000111"]) == 0
    assert "Có 1 bản ghi" in capsys.readouterr().out
    assert main([*cli, "records", "purge"]) == 0

    bundle = tmp_path / "bundle.hkb"
    (tmp_path / "receiver").mkdir()
    receiver = DeviceKeys.load_or_create(tmp_path / "receiver").box_public_b64()
    assert main([*cli, "bundle", "export", "--since", "2000-01-01", "--out", str(bundle),
                 "--to-key", receiver]) == 0
    assert "Đã xuất 1 bản ghi" in capsys.readouterr().out

    assert main([*cli, "places", "list"]) == 0
    assert count(url, Place) > 0

    assert main([*cli, "queue", "services"]) == 0

    saved = tmp_path / "usb"
    saved.mkdir()
    assert main([*cli, "backup", "--to", str(saved)]) == 0
    backups = list(saved.iterdir())
    assert len(backups) == 1
    assert count(f"sqlite:///{backups[0].as_posix()}", Assistance) == 4

    # Nothing opened (and so created) the data dir's own SQLite file.
    assert not (data / DB_FILE).exists()
