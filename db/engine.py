"""Engine and session factory, SQLite pragmas, and migrations at start-up.

SQLite is opened with WAL, ``foreign_keys=ON`` and ``synchronous=FULL`` so that a power cut
loses nothing that was committed. The kiosk's store is SQLite only (:func:`is_sqlite_url`):
one shared PC per help point, local-first, and sharing happens through the hub, whose store
is PostgreSQL (``hub/``, which makes its own engines). A non-SQLite URL is refused here and
in the settings.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

log = logging.getLogger(__name__)

DB_FILE = "kiosk.sqlite3"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseUnavailable(Exception):
    """The database exists but cannot be opened or is damaged. It is never overwritten."""


class DatabaseMissing(DatabaseUnavailable):
    """The database is gone or empty where one existed before: restore, never a first run.

    A new empty database would open the first-run wizard, where the first passer-by creates
    the staff PIN; the recovery screen and ``help-kiosk restore`` (staff PIN checked against
    the backup) handle it instead.
    """


#: Written beside the database once it has been created: its presence says "a database lived
#: here", so a missing or empty ``kiosk.sqlite3`` is a loss to recover, not a new kiosk.
MARKER_FILE = ".kiosk-database-created"
#: How long a connection waits for SQLite's write lock before "database is locked": a ticket
#: or a PIN sign-in waits at most this long behind another writer (an import's chunk, a backup).
BUSY_TIMEOUT_S = 10.0


def _existed_before(data_dir: Path) -> bool:
    if (data_dir / MARKER_FILE).exists():
        return True
    backups = data_dir / "backups"
    return backups.is_dir() and any(backups.glob("*.sqlite3"))


def check_not_lost(data_dir: Path, db_path: Path) -> None:
    """Raise DatabaseMissing when ``db_path`` is missing or empty but one existed before."""
    try:
        empty = not db_path.exists() or db_path.stat().st_size == 0
    except OSError:
        return
    if empty and _existed_before(data_dir):
        raise DatabaseMissing(
            f"Tệp cơ sở dữ liệu {db_path.name} đã mất hoặc trống, dù kiosk này đã có dữ liệu. "
            "Kiosk không tạo cơ sở dữ liệu mới: cán bộ hãy khôi phục bản sao lưu "
            "(help-kiosk restore TỆP_SAO_LƯU, dùng mã PIN cán bộ trong bản sao lưu).")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def make_engine(url: str) -> Engine:
    """Create an engine; for SQLite, set the pragmas on every new connection.

    ``hide_parameters=True``: a database error's message (which ends up in ``kiosk.log`` via
    ``log.exception``) would otherwise quote the statement's parameters, i.e. names, phones
    and notes. ``secure_delete=ON`` overwrites deleted rows with zeros, so an erased phone
    number is gone from the file, not just unlinked.
    """
    engine = create_engine(url, future=True, hide_parameters=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            # The stdlib driver's own transaction handling would emit BEGIN lazily (after our
            # first read). We emit BEGIN ourselves (see "begin" below) so that every write
            # transaction is BEGIN IMMEDIATE: one writer decides, the other waits.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            cur.execute("PRAGMA secure_delete=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, read without loading Alembic.

    Alembic (and Mako) cost a quarter of a second at every start; they are imported only by
    :func:`migrate` when a migration is actually due.
    """
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]
    if len(rows) > 1:  # branches: let Alembic say what it thinks of that
        from alembic.runtime.migration import MigrationContext

        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    return rows[0] if rows else None


_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*(.+)$", re.M)


def head_revisions_in(versions: Path) -> set[str]:
    """The migrations in ``versions`` that no other names as its ``down_revision``.

    Read from the files as text, without importing Alembic (start-up stays fast); the kiosk's
    and the hub's migration folders both use it.
    """
    revisions: set[str] = set()
    downs: set[str] = set()
    for path in versions.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN.search(source)
        if down is not None:
            downs.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    return revisions - downs


def head_revision() -> str | None:
    """The newest migration's id, read from the migration files (no Alembic import).

    The one revision no other migration names as its ``down_revision``; anything less simple
    (several heads) is left to Alembic, which reports it properly.
    """
    heads = head_revisions_in(MIGRATIONS / "versions")
    if len(heads) == 1:
        return heads.pop()
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def check_sqlite_file(path: Path) -> None:
    """Raise DatabaseUnavailable when an existing SQLite file is not a healthy database."""
    if not path.exists():
        return
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnavailable(f"Không mở được cơ sở dữ liệu {path.name}: {exc}") from exc
    if not row or row[0] != "ok":
        raise DatabaseUnavailable(f"Cơ sở dữ liệu {path.name} bị hỏng ({row[0] if row else '?'})")


def backup_sqlite(src: Path, dest: Path) -> Path:
    """Copy a live SQLite database with the online backup API (never a plain file copy)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    source = sqlite3.connect(str(src))
    try:
        target = sqlite3.connect(str(tmp))
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    tmp.replace(dest)
    return dest


def migrate(engine: Engine, db_path: Path | None = None) -> str | None:
    """Bring the schema to head. For SQLite, back the file up first when a migration is due."""
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return current
    if db_path is not None and db_path.exists() and current is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"pre-migrate-{current}-{stamp}.sqlite3"
        backup_sqlite(db_path, db_path.parent / "backups" / name)
    from alembic import command

    cfg = alembic_config(str(engine.url))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("database migrated from %s to %s", current, head)
    return head


def is_sqlite_url(url: str) -> bool:
    """True for an SQLite URL with a file (``sqlite:///path``): the only store the kiosk uses.

    Parsed by SQLAlchemy's own URL parser, so ``sqlite+pysqlite:///…`` counts and
    ``postgresql+psycopg://…`` (or text that is no URL at all) does not.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return False
    return parsed.get_backend_name() == "sqlite" and bool(parsed.database)


def open_database(url: str | None, data_dir: Path) -> tuple[Engine, sessionmaker[Session]]:
    """Open (and if needed create and migrate) the kiosk database (SQLite only)."""
    if url and not is_sqlite_url(url):
        # The settings refuse such a URL before it gets here; this guards every other caller.
        raise ValueError("the kiosk database must be SQLite (sqlite:///path)")
    db_path: Path | None = None
    if not url:
        data_dir.mkdir(parents=True, exist_ok=True)
        db_path = data_dir / DB_FILE
        check_not_lost(data_dir, db_path)
        check_sqlite_file(db_path)
        url = sqlite_url(db_path)
    engine = make_engine(url)
    try:
        migrate(engine, db_path)
    except Exception as exc:  # a failed migration must not leave the kiosk half-open
        engine.dispose()
        raise DatabaseUnavailable(f"Không nâng cấp được cơ sở dữ liệu: {exc}") from exc
    if db_path is not None:
        marker = data_dir / MARKER_FILE
        if not marker.exists():
            try:
                marker.write_text("kiosk.sqlite3 was created here; if it goes missing, "
                                  "restore a backup.\n", encoding="utf-8")
            except OSError as exc:
                log.warning("could not write %s: %s", MARKER_FILE, exc)
    return engine, make_session_factory(engine)
