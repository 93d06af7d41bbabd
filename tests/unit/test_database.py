"""Database: migrations to head, pragmas, a damaged file is never overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from db.engine import DB_FILE, DatabaseUnavailable, current_revision, head_revision, open_database
from kiosk.store import Store


def test_empty_database_migrates_to_head(data_dir: Path) -> None:
    engine, _ = open_database(None, data_dir)
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {"assistance", "ticket", "service", "volunteer", "audit_event", "tutorial_event",
            "policy_rule", "place", "activity_day", "print_event"} <= tables
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    engine.dispose()


def test_device_id_is_stable_across_restarts(data_dir: Path) -> None:
    first = Store.open(data_dir)
    device = first.device_id
    first.close()
    again = Store.open(data_dir)
    assert again.device_id == device
    again.close()


def test_damaged_file_is_refused_and_left_untouched(data_dir: Path) -> None:
    path = data_dir / DB_FILE
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    with pytest.raises(DatabaseUnavailable, match="Không mở được|bị hỏng"):
        open_database(None, data_dir)
    assert path.read_bytes() == garbage


def test_any_sqlalchemy_url_is_accepted(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'other.db'}"
    engine, _ = open_database(url, tmp_path / "unused")
    assert current_revision(engine) == head_revision()
    engine.dispose()
