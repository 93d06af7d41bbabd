"""The hub's settings: one frozen value built by the CLI (or a test) and handed to the app.

The data dir holds the hub's keys (mode 0600), its embedded SQLite database when no URL is
given, and nothing else. ``HUB_DATA_DIR`` / ``HUB_DATABASE_URL`` (and ``HUB_INGEST_SLOTS``)
override the defaults so a systemd unit can set them without a command line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "HelpPointHub"
APP_AUTHOR = "ToCNSCD"
ENV_DATA_DIR = "HUB_DATA_DIR"
ENV_DATABASE_URL = "HUB_DATABASE_URL"
ENV_INGEST_SLOTS = "HUB_INGEST_SLOTS"
DB_FILE = "hub.sqlite3"

#: A sealed batch is at most this many bytes (kiosk.sync.batch.MAX_BATCH_BYTES); the API
#: refuses a longer body with 413 while reading it, never after.
MAX_BATCH_BYTES = 16 * 1024 * 1024


def default_data_dir() -> Path:
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_ingest_slots() -> int:
    """``HUB_INGEST_SLOTS``, else three per CPU core (see :attr:`HubSettings.ingest_slots`)."""
    env = os.environ.get(ENV_INGEST_SLOTS, "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return 3 * (os.cpu_count() or 1)


@dataclass(frozen=True)
class HubSettings:
    """Everything the hub needs to start. Tests build one per test with a temp data dir."""

    data_dir: Path = field(default_factory=default_data_dir)
    #: Any SQLAlchemy URL; ``postgresql+psycopg://…`` for real use. None = SQLite in data_dir.
    database_url: str | None = None
    #: Demo accounts and sample data for trying the hub (never on a real database).
    demo: bool = False
    host: str = "127.0.0.1"
    port: int = 8800
    hub_name: str = "Hub xã"
    max_batch_bytes: int = MAX_BATCH_BYTES
    #: Pairing attempts allowed per client address per window (a code has 40 bits, but a
    #: guesser should not get millions of tries).
    pair_attempts_per_window: int = 10
    pair_window_seconds: int = 15 * 60
    #: Pairing codes are valid this long after they are made.
    pair_code_hours: int = 24
    #: Batches one hub process ingests at once; more wait (in the event loop, holding no
    #: thread or connection) for a slot. Three per core keep the hub's Python and the
    #: database's backends busy together; twenty at once on two cores made PostgreSQL and
    #: the hub spend about a fifth more CPU a record fighting over locks, buffers and the
    #: GIL (benchmarks/hub_load.py, docs/benchmarks.md "session 5").
    ingest_slots: int = field(default_factory=default_ingest_slots)

    def resolved_database_url(self) -> str:
        """The URL in force: the setting, then ``HUB_DATABASE_URL``, then SQLite in data_dir."""
        url = self.database_url or os.environ.get(ENV_DATABASE_URL)
        if url:
            return url
        return f"sqlite:///{self.data_dir / DB_FILE}"
