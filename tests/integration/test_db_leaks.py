"""Issue #16 items 5 and 9: a database error never writes personal data into the log, and
deleted rows do not stay readable in the SQLite file."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from db.engine import DB_FILE
from kiosk.store import Store

NAME = "Nguyễn Thị Hoa"
PHONE = "0905123456"


def test_a_database_error_logs_no_sql_parameters(store: Store, data_dir: Path) -> None:
    """The app logs unexpected errors with their traceback (``log.exception``): SQLAlchemy's
    message holds the statement's parameters unless the engine hides them."""
    log_file = data_dir / "test.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    try:
        with pytest.raises(SQLAlchemyError) as err, store.write() as s:
            # A constraint error with a citizen's name and phone as bound parameters.
            s.execute(text("INSERT INTO volunteer (id, uuid) VALUES (:a, :b)"),
                      {"a": f"{NAME} {PHONE}", "b": None})
        logging.getLogger("kiosk.test").error("database write failed", exc_info=err.value)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
    logged = log_file.read_text(encoding="utf-8")
    assert "database write failed" in logged and "INSERT INTO volunteer" in logged
    assert PHONE not in logged and NAME not in logged
    assert PHONE not in str(err.value)


@pytest.mark.parametrize("control", [False, True], ids=["engine", "secure_delete_off"])
def test_deleted_rows_are_overwritten_in_the_file(store: Store, data_dir: Path,
                                                  control: bool) -> None:
    """With ``secure_delete`` off, 127 of 200 erased phone numbers stayed readable (Windows:
    Python's bundled SQLite defaults to off; Debian's is built with it on, which is why the
    engine sets it explicitly). The control run turns it off and shows the check finds them."""
    phones = [f"09{n:08d}" for n in range(400)]
    with store.write() as s:
        s.execute(text("CREATE TABLE scratch (id INTEGER PRIMARY KEY, phone TEXT)"))
        for p in phones:
            s.execute(text("INSERT INTO scratch (phone) VALUES (:p)"), {"p": p})
    erased, kept = phones[::2], phones[1::2]
    with store.write() as s:  # erase 200 people one by one, as erase_person does
        if control:
            s.execute(text("PRAGMA secure_delete=OFF"))
        for p in erased:
            s.execute(text("DELETE FROM scratch WHERE phone = :p"), {"p": p})
    with store.read() as s:
        assert s.execute(text("PRAGMA secure_delete")).scalar() == (0 if control else 1)
    store.engine.dispose()
    with sqlite3.connect(data_dir / DB_FILE) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = b"".join(p.read_bytes() for p in data_dir.iterdir()
                   if p.name.startswith(DB_FILE))
    assert all(p.encode() in raw for p in kept)
    readable = [p for p in erased if p.encode() in raw]
    if control:
        assert len(readable) > 100
    else:
        assert readable == []
