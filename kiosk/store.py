"""The one way services reach the database: short transactions through a single lane.

``Store`` owns the session factory, the device id, the help point and team ids
(:mod:`kiosk.identity`), the settings it was opened with and the clock. Writes go through
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
from kiosk.config import Config, defaults, load_config
from kiosk.identity import backfill_commune_code, ensure_ids


class Store:
    def __init__(self, engine: Engine, sessions: sessionmaker[Session], clock: Clock,
                 config: Config | None = None) -> None:
        self.engine = engine
        self._sessions = sessions
        self.clock = clock
        #: The settings in force (the GUI's live object: a change saved in *Quản lý* is seen
        #: here), for the identity every new row is stamped with (kiosk.identity.stamp).
        self.config = config if config is not None else defaults()
        self._write_lock = threading.RLock()
        #: The data dir this store was opened for (its device keys live there); None when the
        #: store was built from an engine directly.
        self.data_dir: Path | None = None
        self.device_id, self.help_point_id, self.team_id = self._ensure_ids()
        backfill_commune_code(self)

    @classmethod
    def open(cls, data_dir: Path, url: str | None = None, clock: Clock | None = None,
             config: Config | None = None) -> Store:
        engine, sessions = open_database(url or None, data_dir)
        store = cls(engine, sessions, clock or SystemClock(), config)
        store.data_dir = Path(data_dir)
        return store

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
        return cls.open(data_dir, config.database_url or None, clock, config)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits on success and rolls back on any exception."""
        with self._write_lock, self._sessions() as session, session.begin():
            yield session

    def _ensure_ids(self) -> tuple[str, str, str]:
        """(device id, help point id, team id), each made once per database."""
        with self.write() as s:
            row = s.scalar(select(Meta).where(Meta.key == "device_id"))
            if row is None:
                row = Meta(key="device_id", value=str(uuid.uuid4()))
                s.add(row)
            help_point_id, team_id = ensure_ids(s)
            return row.value, help_point_id, team_id

    def close(self) -> None:
        self.engine.dispose()
