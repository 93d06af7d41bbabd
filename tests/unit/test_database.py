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


def test_another_sqlite_file_is_accepted(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'other.db'}"
    engine, _ = open_database(url, tmp_path / "unused")
    assert current_revision(engine) == head_revision()
    engine.dispose()


@pytest.mark.parametrize("url", ["postgresql+psycopg://kiosk:secret@localhost/kiosk",
                                 "mysql://u@h/db", "sqlite://", "not a url"])
def test_the_kiosk_store_is_sqlite_only(tmp_path: Path, url: str) -> None:
    """Issue #20 item 9: PostgreSQL is the hub's store; the kiosk never connects to one."""
    with pytest.raises(ValueError, match="SQLite"):
        open_database(url, tmp_path / "unused")
    assert not (tmp_path / "unused").exists()


def test_opening_an_up_to_date_database_does_not_load_alembic(data_dir: Path) -> None:
    """Alembic costs a quarter of a second at every start; it is loaded only when a
    migration is due (the schema revision is read from the database and the files)."""
    import subprocess
    import sys

    Store.open(data_dir).close()  # created and migrated once
    code = ("import sys; from pathlib import Path; from kiosk.store import Store; "
            f"Store.open(Path({str(data_dir)!r})).close(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout.strip()
    assert out == "[]"


def test_schema_head_read_from_the_files_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from db.engine import alembic_config, head_revision

    assert head_revision() == ScriptDirectory.from_config(
        alembic_config("sqlite://")).get_current_head()
