"""The one way services reach the database: short transactions through a single lane.

``Store`` owns the session factory, the device id and the clock. Writes go through
:meth:`Store.write`, which serialises them with a lock so SQLite never sees two writers from
this process (BEGIN IMMEDIATE in db.engine handles other processes). Safe to call from any
thread; the GUI calls it from its database lane, the CLI directly.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from db.engine import open_database
from db.models import Meta
from kiosk.clock import Clock, SystemClock
from kiosk.config import Config, load_config


class Store:
    def __init__(self, engine: Engine, sessions: sessionmaker[Session], clock: Clock) -> None:
        self.engine = engine
        self._sessions = sessions
        self.clock = clock
        self._write_lock = threading.RLock()
        self.device_id = self._ensure_device_id()

    @classmethod
    def open(cls, data_dir: Path, url: str | None = None, clock: Clock | None = None) -> Store:
        engine, sessions = open_database(url or None, data_dir)
        return cls(engine, sessions, clock or SystemClock())

    @classmethod
    def open_configured(cls, data_dir: Path, config: Config | None = None,
                        clock: Clock | None = None) -> Store:
        """The database this data dir's kiosk uses: ``database_url`` if set, else its SQLite.

        The one way the GUI and every ``help-kiosk`` command open the store, so they never
        disagree about which database they read and write. Pass ``config`` when the caller
        has already loaded it (the GUI may have changed it for demo mode).
        """
        if config is None:
            config, _problem = load_config(data_dir)
        return cls.open(data_dir, config.database_url or None, clock)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits on success and rolls back on any exception."""
        with self._write_lock, self._sessions() as session, session.begin():
            yield session

    def _ensure_device_id(self) -> str:
        with self.write() as s:
            row = s.scalar(select(Meta).where(Meta.key == "device_id"))
            if row is None:
                row = Meta(key="device_id", value=str(uuid.uuid4()))
                s.add(row)
            return row.value

    def close(self) -> None:
        self.engine.dispose()
