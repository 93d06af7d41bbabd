"""Backups of the kiosk database: daily with rotation, on demand, restore, and health checks.

Why it is built this way:

- Copies are made with SQLite's online backup API, never a plain file copy: the kiosk keeps
  running (WAL: the copy only reads) and the copy is one consistent moment, even when the
  newest transactions still sit in the ``-wal`` file.
- Every copy is written under a temporary ``.part`` name, switched to a single-file journal
  (``journal_mode=DELETE``, so the file alone is the whole database and can go to a USB
  drive), checked with ``PRAGMA quick_check``, flushed to disk (fsync) and only then renamed.
  A power cut therefore leaves either a complete, valid backup or none under the final name;
  a leftover ``.part`` is swept on the next run.
- Daily backups are ``daily-YYYY-MM-DD.sqlite3`` (local day, Asia/Ho_Chi_Minh) in
  ``<data_dir>/backups/`` and, when it is present, the configured second folder
  (``backup_dir``, e.g. a USB drive). Rotation keeps the 14 newest daily files plus the first
  backup of each of the 12 newest months. Other backups (``manual-``, ``pre-restore-``,
  ``pre-migrate-`` from db.engine) are never removed automatically: staff made them on purpose.
- A restore never overwrites silently: the current database is first saved as
  ``pre-restore-….sqlite3`` (or, when it is too damaged for SQLite to read, its raw files are
  kept in ``damaged-…/``), and the file to restore must pass ``quick_check`` and be a kiosk
  database of a schema this version knows.
- On POSIX the data dir is made 0700 and the database and backups 0600 (they hold personal
  data). On Windows the installer sets the ProgramData ACL.

Thread: any but the GUI thread (a backup of a big database takes seconds): run it through the
task helper in ``ui/``. :func:`restore_backup` needs the database closed (no ``Store`` open)
and the instance lock (:mod:`kiosk.instance`) held by the caller.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from alembic.script import ScriptDirectory

from db.engine import DB_FILE, alembic_config
from kiosk import audit
from kiosk.assistance import purge_expired_contacts
from kiosk.auth import (
    FAILURE_WINDOW,
    LOCK,
    LOCK_MINUTES,
    MAX_FAILURES,
    Actor,
    AuthError,
    AuthService,
    PermissionDenied,
    Role,
    require,
)
from kiosk.clock import Clock, SystemClock, local_day, to_local
from kiosk.errors import KioskError
from kiosk.files import partial_file, unique_path, write_atomic
from kiosk.store import Store

log = logging.getLogger(__name__)

BACKUP_DIR = "backups"
SUFFIX = ".sqlite3"
KEEP_DAILY = 14
KEEP_MONTHLY = 12
#: A ``.part`` file older than this is a leftover of an interrupted backup.
STALE_PART_SECONDS = 15 * 60

_DAILY_RE = re.compile(r"^daily-(\d{4})-(\d{2})-(\d{2})\.sqlite3$")
_KINDS = ("daily", "manual", "pre-restore", "pre-migrate")
#: Other kinds (manual, pre-restore, pre-migrate) rotate too: the newest few of each kind, none
#: older than this many days, so erased data does not live on in an old manual backup.
KEEP_EACH_OTHER_KIND = 5
KEEP_OTHER_DAYS = 90
_STAMP_RE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})-\d{6}\.sqlite3$")
_KIOSK_TABLES = {"alembic_version", "meta", "assistance", "ticket", "volunteer"}


class BackupError(KioskError):
    """A backup or restore could not be done. Vietnamese message: what happened, what to do."""


class BackupWriteError(BackupError):
    """The destination could not be written (disk or USB full, read-only, missing)."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file. ``made_at`` is naive UTC (the file's modification time)."""

    path: Path
    kind: str
    made_at: datetime
    size: int

    @property
    def label(self) -> str:
        """``10/03/2026 10:00`` in local time, for screens and the CLI."""
        return to_local(self.made_at).strftime("%d/%m/%Y %H:%M")


@dataclass(frozen=True)
class DailyBackupResult:
    """What :func:`run_daily_backup` did.

    ``made`` is False when today's backup already existed. ``second_problem`` explains, in
    Vietnamese, why the second folder got no copy (None when it did or none is configured).
    """

    path: Path
    made: bool
    second_path: Path | None
    second_problem: str | None
    removed: tuple[Path, ...]


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_saved_as: Path | None
    db_path: Path


# -- health ----------------------------------------------------------------------------------


def integrity_ok(path: Path, full: bool = True) -> bool:
    """True when ``path`` is a readable SQLite database that passes its integrity check.

    ``full=False`` runs the faster ``quick_check``. Never raises; never creates the file.
    """
    path = Path(path)
    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            pragma = "integrity_check" if full else "quick_check"
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        return False
    return rows == [("ok",)]


def is_kiosk_database(path: Path) -> bool:
    """True when ``path`` holds the kiosk's tables (not some other SQLite file)."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            names = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        return False
    return _KIOSK_TABLES.issubset(names)


def schema_revision(path: Path) -> str | None:
    """The Alembic revision stamped in a database file, or None."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        return None
    return row[0] if row else None


def _known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return {rev.revision for rev in script.walk_revisions()}


# -- permissions -----------------------------------------------------------------------------


def secure_data_dir(data_dir: Path) -> None:
    """POSIX: data dir and backups 0700, database files and backups 0600. Windows: no-op.

    On Windows the installer gives ProgramData\\HelpPointKiosk an ACL for the kiosk and
    staff accounts only; chmod there would change nothing useful.
    """
    if sys.platform == "win32":
        return
    data_dir = Path(data_dir)
    _chmod(data_dir, 0o700)
    for name in (DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm"):
        _chmod(data_dir / name, 0o600)
    folder = data_dir / BACKUP_DIR
    if folder.is_dir():
        _chmod(folder, 0o700)
        for f in folder.iterdir():
            if f.is_file():
                _chmod(f, 0o600)
            elif f.is_dir():  # damaged-…/ keeps the raw files of a database restored over
                _chmod(f, 0o700)
                for inner in f.iterdir():
                    _chmod(inner, 0o600)


def _chmod(path: Path, mode: int) -> None:
    if sys.platform == "win32" or not path.exists():
        return
    try:
        os.chmod(path, mode)
    except OSError as exc:  # e.g. a file owned by another account
        log.warning("could not restrict permissions of %s: %s", path.name, exc)


# -- making copies ---------------------------------------------------------------------------


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR


def database_path(source: Store | Path) -> Path:
    """The SQLite file behind a ``Store`` (or the path itself)."""
    if isinstance(source, Store):
        url = source.engine.url
        if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
            raise BackupError("Cơ sở dữ liệu không phải tệp SQLite trên máy này, kiosk không tự "
                              "sao lưu được. Hãy sao lưu trên máy chủ (ví dụ pg_dump).",
                              en="The database is not an SQLite file on this computer, so the "
                                 "kiosk cannot back it up. Back it up on the server (for example "
                                 "with pg_dump).")
        return Path(url.database)
    return Path(source)


def copy_database(src: Path, dest: Path) -> Path:
    """Copy a (possibly live) SQLite database to ``dest``: whole and checked, or not at all.

    Raises BackupError (Vietnamese) and leaves nothing under ``dest`` on any failure. An
    existing ``dest`` is replaced; callers choose names that never clash.
    """
    src, dest = Path(src), Path(dest)
    if not src.is_file():
        raise BackupError(f"Không tìm thấy cơ sở dữ liệu “{src}”. Không có gì để sao lưu.",
                          en=f"The database “{src}” was not found. There is nothing to back up.")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupWriteError(_write_problem(dest, exc),
                               en=_write_problem(dest, exc, "en")) from exc
    try:
        with partial_file(dest) as tmp:  # journaled: a kill here is swept at the next start
            _copy_into(src, tmp, dest)
    except sqlite3.DatabaseError as exc:
        if _is_disk_problem(exc):
            raise BackupWriteError(_write_problem(dest, exc),
                                   en=_write_problem(dest, exc, "en")) from exc
        raise BackupError(f"Không đọc được cơ sở dữ liệu để sao lưu ({exc}). Cơ sở dữ liệu có "
                          "thể đang bị hỏng: hãy khôi phục từ bản sao lưu gần nhất.",
                          en=f"The database could not be read for the backup ({exc}). It may be "
                             "damaged: restore the latest backup.") from exc
    except OSError as exc:
        raise BackupWriteError(_write_problem(dest, exc),
                               en=_write_problem(dest, exc, "en")) from exc
    return dest


def _copy_into(src: Path, tmp: Path, dest: Path) -> None:
    """Online-copy ``src`` into ``tmp``, check it, sync it and rename it to ``dest``."""
    source = sqlite3.connect(str(src), timeout=30)
    try:
        target = sqlite3.connect(str(tmp))
        try:
            source.backup(target)
            # One self-contained file: no -wal beside it that a copy to USB could miss.
            target.execute("PRAGMA journal_mode=DELETE")
            row = target.execute("PRAGMA quick_check").fetchone()
        finally:
            target.close()
    finally:
        source.close()
    if not row or row[0] != "ok":
        raise BackupError(f"Bản sao lưu vừa tạo không qua được kiểm tra ({row}). Cơ sở dữ "
                          "liệu có thể đang bị hỏng: hãy liên hệ hỗ trợ kỹ thuật.",
                          en=f"The new backup did not pass its check ({row}). The database may be "
                             "damaged: please contact technical support.")
    _fsync_file(tmp)
    _chmod(tmp, 0o600)
    os.replace(tmp, dest)
    _fsync_dir(dest.parent)


def _is_disk_problem(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return any(w in text for w in ("disk", "full", "readonly", "read-only", "unable to open"))


def _write_problem(dest: Path, exc: BaseException, lang: str = "vi") -> str:
    reason = getattr(exc, "strerror", None) or str(exc)
    if lang == "en":
        return (f"Could not write the backup to “{dest.parent}” ({reason}). Check that the "
                "drive or USB stick has free space and is not write-protected, then try again.")
    return (f"Không ghi được bản sao lưu vào “{dest.parent}” ({reason}). Hãy kiểm tra ổ đĩa "
            "hoặc USB còn chỗ trống và không bị khóa ghi, rồi thử lại.")


def _fsync_file(path: Path) -> None:
    # Windows needs write access to flush a file (FlushFileBuffers).
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some file systems (e.g. FAT on a USB stick) refuse; the data is synced
        pass
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _stamp(clock: Clock) -> str:
    return to_local(clock.now()).strftime("%Y-%m-%d-%H%M%S")


def sweep_parts(folder: Path, older_than_s: float = STALE_PART_SECONDS) -> list[Path]:
    """Remove ``.part`` leftovers of interrupted backups (never a finished backup)."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    now = time.time()
    for f in folder.glob("*.part"):
        try:
            if now - f.stat().st_mtime >= older_than_s:
                f.unlink()
                removed.append(f)
        except OSError:
            continue
    return removed


def backup_now(source: Store | Path, dest_dir: Path, clock: Clock,
               kind: str = "manual") -> BackupInfo:
    """Make one backup now into ``dest_dir`` (``manual-2026-03-10-100000.sqlite3``)."""
    if kind not in _KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    dest_dir = Path(dest_dir)
    name = f"{kind}-{_stamp(clock)}{SUFFIX}"
    path = copy_database(database_path(source), unique_path(dest_dir, name))
    log.info("backup written: %s", path.name)
    return _info(path)


def run_daily_backup(source: Store | Path, data_dir: Path, clock: Clock,
                     second_dir: Path | str | None = None) -> DailyBackupResult:
    """Today's backup, once per local day; rotate; copy to the second folder when present.

    Safe to call at every start and on a timer: a day that already has its backup is left
    alone (but a second folder plugged in later still gets today's copy). Raises BackupError
    only for the backup in the data dir; a missing or full second folder is reported in
    ``second_problem``.
    """
    data_dir = Path(data_dir)
    folder = backups_dir(data_dir)
    day = local_day(clock.now())
    name = f"daily-{day.isoformat()}{SUFFIX}"
    target = folder / name
    sweep_parts(folder)
    made = False
    if not target.is_file():
        copy_database(database_path(source), target)
        made = True
        log.info("daily backup written: %s", name)
    removed = rotate_backups(folder, day)
    scrub_backups(database_path(source), folder)
    secure_data_dir(data_dir)

    second_path: Path | None = None
    second_problem: str | None = None
    if second_dir:
        second = Path(second_dir).expanduser()
        if not second.is_dir():
            second_problem = (f"Không thấy thư mục sao lưu thứ hai “{second}” (USB chưa cắm?). "
                              "Bản sao lưu trong máy vẫn được tạo; hãy cắm USB, kiosk sẽ chép "
                              "vào lần sau.")
        else:
            try:
                sweep_parts(second)
                second_path = second / name
                if not second_path.is_file():
                    copy_database(target, second_path)
                removed += rotate_backups(second, day)
                scrub_backups(database_path(source), second)
            except (BackupError, OSError) as exc:
                second_path = None
                second_problem = str(exc)
        if second_problem:
            log.warning("second backup folder skipped: %s", second_problem)
    return DailyBackupResult(target, made, second_path, second_problem, tuple(removed))


_ERASE_SQL = ("UPDATE assistance SET contact_name = NULL, contact_phone = NULL, "
              "contact_consent_at = NULL, contact_consent_purpose = NULL, note = '', "
              "ethnic_group = NULL, ethnic_consent_at = NULL WHERE uuid = ? "
              "AND (contact_phone IS NOT NULL OR contact_name IS NOT NULL "
              "OR ethnic_group IS NOT NULL OR note != '') AND updated_at < ?")


#: The same for home-visit requests (``kiosk.home_visits._erase_personal``: who and the phone).
_ERASE_VISIT_SQL = ("UPDATE home_visit SET household = NULL, phone = NULL, "
                    "phone_consent_at = NULL, phone_consent_purpose = NULL WHERE uuid = ? "
                    "AND (household IS NOT NULL OR phone IS NOT NULL) AND updated_at < ?")


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (name,)).fetchone() is not None


def scrub_backups(live_db: Path, folder: Path) -> int:
    """Erase from every kept backup what the live database has erased since (issue #16
    item 9): a record whose contact, note and ethnic group are empty in the live database and
    that changed after the backup loses them in the backup too (the same fields as
    ``kiosk.assistance._erase_personal``), with ``secure_delete`` so the old bytes go.
    Needs no list of erased people: the live database's empty fields are the list. Home-visit
    requests whose who and phone are empty live (erased, cancelled, past retention) lose them
    in the backups the same way. Returns how many backup rows were scrubbed."""
    if not folder.is_dir() or not Path(live_db).is_file():
        return 0
    try:
        live = sqlite3.connect(f"file:{live_db}?mode=ro", uri=True)
        try:
            erased = live.execute(
                "SELECT uuid, updated_at FROM assistance WHERE contact_phone IS NULL AND "
                "contact_name IS NULL AND ethnic_group IS NULL AND note = ''").fetchall()
            erased_visits = live.execute(
                "SELECT uuid, updated_at FROM home_visit WHERE household IS NULL AND "
                "phone IS NULL").fetchall() if _has_table(live, "home_visit") else []
        finally:
            live.close()
    except sqlite3.Error as exc:
        log.warning("backup scrub skipped: live database unreadable: %s", exc)
        return 0
    if not erased and not erased_visits:
        return 0
    total = 0
    for f in sorted(folder.glob("*" + SUFFIX)):
        if not f.is_file():
            continue
        try:
            conn = sqlite3.connect(f)
            try:
                conn.execute("PRAGMA secure_delete=ON")
                with conn:
                    for uuid, updated_at in erased:
                        total += conn.execute(_ERASE_SQL, (uuid, updated_at)).rowcount
                    # A backup made before the visit list existed has no such table.
                    if erased_visits and _has_table(conn, "home_visit"):
                        for uuid, updated_at in erased_visits:
                            total += conn.execute(_ERASE_VISIT_SQL,
                                                  (uuid, updated_at)).rowcount
            finally:
                conn.close()
        except sqlite3.Error as exc:
            log.warning("backup %s not scrubbed: %s", f.name, exc)
    if total:
        log.info("scrubbed %d erased records from backups in %s", total, folder)
    return total


def rotate_backups(folder: Path, today: date, keep_daily: int = KEEP_DAILY,
                   keep_monthly: int = KEEP_MONTHLY) -> list[Path]:
    """Delete daily backups beyond the newest ``keep_daily`` and the monthly keepers.

    The monthly keeper is the first daily backup of a month; the ``keep_monthly`` newest
    months keep theirs. Files dated after ``today`` (a clock set wrong) are kept. The other
    kinds rotate by :func:`_rotate_other_kinds`.
    """
    dated: dict[date, Path] = {}
    if not folder.is_dir():
        return []
    for f in folder.iterdir():
        m = _DAILY_RE.match(f.name)
        if m and f.is_file():
            try:
                dated[date(int(m[1]), int(m[2]), int(m[3]))] = f
            except ValueError:
                continue
    days = sorted(dated, reverse=True)
    keep = {d for d in days if d > today}
    keep.update([d for d in days if d <= today][:keep_daily])
    first_of_month: dict[tuple[int, int], date] = {}
    for d in sorted(dated):
        if d <= today:
            first_of_month.setdefault((d.year, d.month), d)
    months = sorted(first_of_month, reverse=True)[:keep_monthly]
    keep.update(first_of_month[m] for m in months)
    removed = []
    for d in days:
        if d not in keep:
            try:
                dated[d].unlink()
                removed.append(dated[d])
            except OSError as exc:
                log.warning("could not remove old backup %s: %s", dated[d].name, exc)
    removed += _rotate_other_kinds(folder, today)
    if removed:
        log.info("rotated %d old backups in %s", len(removed), folder)
    return removed


def _rotate_other_kinds(folder: Path, today: date) -> list[Path]:
    """Keep the newest KEEP_EACH_OTHER_KIND of each non-daily kind, none older than
    KEEP_OTHER_DAYS; files dated after ``today`` (a clock set wrong) and names without a date
    are kept."""
    by_kind: dict[str, list[tuple[date, Path]]] = {}
    for f in folder.iterdir():
        kind = _kind_of(f.name)
        m = _STAMP_RE.search(f.name)
        if kind in ("", "daily") or not m or not f.is_file():
            continue
        try:
            made = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
        by_kind.setdefault(kind, []).append((made, f))
    removed = []
    for files in by_kind.values():
        files.sort(key=lambda item: (item[0], item[1].name), reverse=True)
        past = [(d, f) for d, f in files if d <= today]
        for i, (made, f) in enumerate(past):
            if i < KEEP_EACH_OTHER_KIND and (today - made).days <= KEEP_OTHER_DAYS:
                continue
            try:
                f.unlink()
                removed.append(f)
            except OSError as exc:
                log.warning("could not remove old backup %s: %s", f.name, exc)
    return removed


# -- finding backups -------------------------------------------------------------------------


def _kind_of(name: str) -> str:
    for kind in _KINDS:
        if name.startswith(kind + "-"):
            return kind
    return "other"


def _info(path: Path) -> BackupInfo:
    st = path.stat()
    made = datetime.fromtimestamp(st.st_mtime, UTC).replace(tzinfo=None)
    return BackupInfo(path, _kind_of(path.name), made, st.st_size)


def list_backups(data_dir: Path, extra_dirs: Iterable[Path] = ()) -> list[BackupInfo]:
    """Backup files (not yet checked), newest first: the data dir's, then ``extra_dirs``."""
    found: list[BackupInfo] = []
    for folder in (backups_dir(data_dir), *(Path(d) for d in extra_dirs)):
        if not folder.is_dir():
            continue
        for f in folder.glob(f"*{SUFFIX}"):
            if f.is_file() and not f.name.startswith("."):
                with contextlib.suppress(OSError):
                    found.append(_info(f))
    found.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    return found


def newest_good_backup(data_dir: Path, extra_dirs: Iterable[Path] = ()) -> BackupInfo | None:
    """The newest backup that passes ``quick_check`` and is a kiosk database, or None.

    For the start-up offer "the database is damaged: restore the backup of …?".
    """
    for info in list_backups(data_dir, extra_dirs):
        if integrity_ok(info.path, full=False) and is_kiosk_database(info.path):
            return info
    return None


# -- restore ---------------------------------------------------------------------------------


def check_restorable(path: Path) -> BackupInfo:
    """Raise BackupError unless ``path`` is a healthy kiosk database this version can open."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Không tìm thấy tệp “{path}”. Hãy kiểm tra tên tệp và USB.",
                          en=f"The file “{path}” was not found. Check the file name and the USB "
                             "drive.")
    if not integrity_ok(path, full=False):
        raise BackupError(f"Tệp “{path.name}” bị hỏng hoặc không phải cơ sở dữ liệu, không "
                          "khôi phục được. Hãy chọn một bản sao lưu khác.",
                          en=f"The file “{path.name}” is damaged or not a database and cannot be "
                             "restored. Choose another backup.")
    if not is_kiosk_database(path):
        raise BackupError(f"Tệp “{path.name}” không phải bản sao lưu của kiosk. Hãy chọn tệp "
                          "trong thư mục backups.",
                          en=f"The file “{path.name}” is not a backup of this kiosk. Choose a "
                             "file in the backups folder.")
    revision = schema_revision(path)
    if revision is not None and revision not in _known_revisions():
        raise BackupError(f"Tệp “{path.name}” được tạo bởi phiên bản kiosk mới hơn. Hãy cập "
                          "nhật kiosk trước khi khôi phục.",
                          en=f"The file “{path.name}” was made by a newer kiosk version. Update "
                             "the kiosk before restoring.")
    return _info(path)


RESTORE_PAD_FILE = "restore-pinpad.json"
RESTORE_AUTH_PREFIX = ".restore-auth-"


def sweep_leftovers(data_dir: Path, older_than_s: float = STALE_PART_SECONDS) -> list[Path]:
    """At start-up: remove what an interrupted write left in the data dir (``.part`` files,
    ``.restore-auth-*`` copies), which may hold personal data. Only old ones: a CLI backup
    may be running right now."""
    data_dir = Path(data_dir)
    removed = sweep_parts(data_dir, older_than_s) + sweep_parts(backups_dir(data_dir),
                                                                older_than_s)
    if data_dir.is_dir():
        now = time.time()
        for d in data_dir.glob(RESTORE_AUTH_PREFIX + "*"):
            try:
                if d.is_dir() and now - d.stat().st_mtime >= older_than_s:
                    shutil.rmtree(d)
                    removed.append(d)
            except OSError:
                continue
    if removed:
        log.info("removed %d leftovers of interrupted writes", len(removed))
    return removed


def _restore_pad_check(pad: Path, clock: Clock) -> None:
    """Refuse while the restore PIN pad is locked (the stored wall time, capped at the lock)."""
    try:
        state = json.loads(pad.read_text(encoding="utf-8"))
        until = datetime.fromisoformat(str(state.get("locked_until") or ""))
    except (OSError, ValueError, TypeError, AttributeError):
        return
    remaining = until - clock.now()
    if remaining > LOCK:
        # The clock was set back: re-anchor the lock at now, so it ends LOCK from now.
        remaining = LOCK
        state["locked_until"] = (clock.now() + LOCK).isoformat()
        with contextlib.suppress(OSError):
            write_atomic(pad, json.dumps(state), mode=0o600)
    if remaining > timedelta(0):
        minutes = max(1, round(remaining.total_seconds() / 60))
        log.warning("restore sign-in refused: the PIN pad is locked")
        raise AuthError(f"Bàn phím PIN đang bị khóa. Vui lòng thử lại sau {minutes} phút.",
                        en=f"The PIN keypad is locked. Please try again in {minutes} minutes.")


def _restore_pad_fail(pad: Path, clock: Clock) -> AuthError:
    """Count one failure on the restore pad; lock it after MAX_FAILURES within the window."""
    now = clock.now()
    try:
        state = json.loads(pad.read_text(encoding="utf-8"))
        failures = int(state.get("failures", 0))
        last = datetime.fromisoformat(str(state.get("last_failure")))
        if not 0 <= failures < 1000 or now - last > FAILURE_WINDOW:
            failures = 0
    except (OSError, ValueError, TypeError, AttributeError):
        failures = 0
    failures += 1
    locked_until = None
    if failures >= MAX_FAILURES:
        locked_until = (now + LOCK).isoformat()
        failures = 0
    with contextlib.suppress(OSError):
        write_atomic(pad, json.dumps({"failures": failures, "last_failure": now.isoformat(),
                                      "locked_until": locked_until}), mode=0o600)
    log.warning("restore sign-in failed (%d)", failures)
    if locked_until:
        return AuthError(f"Sai mã PIN {MAX_FAILURES} lần. Bàn phím bị khóa {LOCK_MINUTES} phút.",
                         en=f"Wrong PIN {MAX_FAILURES} times. The keypad is locked for "
                            f"{LOCK_MINUTES} minutes.")
    left = MAX_FAILURES - failures
    return AuthError(f"Mã PIN không đúng. Còn {left} lần thử.",
                     en=f"Wrong PIN. {left} tries left.")


def staff_from_backup(backup_file: Path, pin: str, clock: Clock | None = None,
                      data_dir: Path | None = None) -> Actor:
    """Sign a staff member in against a backup (for when the live database cannot be opened).

    Works on a throw-away copy, so the backup itself is never changed. Raises AuthError for a
    wrong PIN and PermissionDenied for a volunteer's PIN. With ``data_dir`` the failures count
    in a small file there (``restore-pinpad.json``): the copy's own counter is thrown away with
    the copy, which used to give unlimited guesses.
    """
    clock = clock or SystemClock()
    pad = Path(data_dir) / RESTORE_PAD_FILE if data_dir is not None else None
    if pad is not None:
        _restore_pad_check(pad, clock)
    check_restorable(backup_file)
    # The throw-away copy holds every record: it goes beside the database (private, swept at
    # start-up by sweep_leftovers), never into the system temp folder, where a kill
    # mid-way used to leave a whole copy.
    where = Path(data_dir) if data_dir is not None and Path(data_dir).is_dir() else None
    with tempfile.TemporaryDirectory(prefix=RESTORE_AUTH_PREFIX, dir=where) as tmp:
        copy_database(Path(backup_file), Path(tmp) / DB_FILE)
        store = Store.open(Path(tmp), clock=clock)
        try:
            actor = AuthService(store).sign_in(pin)
            require(actor, Role.STAFF)
        except (AuthError, PermissionDenied) as exc:
            if pad is not None and "đang bị khóa" not in str(exc):
                failed = _restore_pad_fail(pad, clock)
                if isinstance(exc, AuthError):
                    raise failed from exc
            raise
        finally:
            store.close()
    return actor


def restore_backup(actor: Actor, data_dir: Path, backup_file: Path, clock: Clock,
                   retention_days: int | None = None) -> RestoreResult:
    """Replace the kiosk database with ``backup_file``, keeping the current one first (staff).

    The caller must have closed every ``Store`` on ``data_dir`` and hold the instance lock.
    With ``retention_days`` (the ``contact_retention_days`` setting), contact details that
    expired since the backup was made are erased again at once, so a restore never brings
    back what the retention rule had already removed.
    """
    require(actor, Role.STAFF)
    data_dir = Path(data_dir)
    backup_file = Path(backup_file).resolve()
    db = data_dir / DB_FILE
    if db.exists() and backup_file == db.resolve():
        raise BackupError("Đây chính là cơ sở dữ liệu đang dùng. Hãy chọn một tệp sao lưu.",
                          en="This is the database in use. Choose a backup file.")
    check_restorable(backup_file)
    folder = backups_dir(data_dir)
    previous = _save_current(db, folder, clock) if db.exists() else None

    tmp = data_dir / f".{DB_FILE}.restoring"
    try:
        copy_database(backup_file, tmp)
        # The old -wal/-shm belong to the old file: SQLite would replay them onto the restored
        # one. They are already in the pre-restore copy, so remove them before the switch.
        for extra in (DB_FILE + "-wal", DB_FILE + "-shm", DB_FILE + "-journal"):
            _remove_quietly(data_dir / extra)
        os.replace(tmp, db)
        _fsync_dir(data_dir)
    except BaseException:
        _remove_quietly(tmp)
        raise
    secure_data_dir(data_dir)

    store = Store.open(data_dir, clock=clock)
    try:
        with store.write() as s:
            audit.record(s, store, actor.audit_name, "backup.restore",
                         restored_from=backup_file.name,
                         previous_saved_as=previous.name if previous else None)
        if retention_days is not None:
            purge_expired_contacts(store, retention_days)
    finally:
        store.close()
    log.info("database restored from %s (previous kept as %s)", backup_file.name,
             previous.name if previous else "-")
    return RestoreResult(backup_file, previous, db)


def _save_current(db: Path, folder: Path, clock: Clock) -> Path:
    """Keep the current database before a restore: a checked copy, or its raw files."""
    try:
        return copy_database(db, unique_path(folder, f"pre-restore-{_stamp(clock)}{SUFFIX}"))
    except BackupWriteError:
        raise
    except BackupError as exc:
        log.warning("current database unreadable, keeping its raw files: %s", exc)
    keep = folder / f"damaged-{_stamp(clock)}"
    n = 2
    while keep.exists():
        keep = folder / f"damaged-{_stamp(clock)}-{n}"
        n += 1
    try:
        keep.mkdir(parents=True)
        for name in (DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm", DB_FILE + "-journal"):
            if (db.parent / name).exists():
                shutil.copy2(db.parent / name, keep / name)
                _fsync_file(keep / name)
        _fsync_dir(keep)
    except OSError as exc:
        raise BackupWriteError(_write_problem(keep / DB_FILE, exc),
                               en=_write_problem(keep / DB_FILE, exc, "en")) from exc
    return keep
