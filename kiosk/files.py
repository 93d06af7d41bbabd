"""The one place that writes files the kiosk hands over: whole or not at all, never clobbering.

* :func:`atomic_output` yields a temporary path *in the same folder* as the target (so the
  final ``os.replace`` is a rename on one file system, atomic even on a USB stick), fsyncs
  it, and renames it into place only if the block succeeded. A power cut or an exception
  leaves the old file (if any) untouched and at most a temp file named ``.NAME.XXXX.part``.
* :func:`write_atomic` is the same for bytes or text already in memory.
* :func:`unique_path` picks ``name``, ``name-2``, ``name-3`` ... so an export never
  overwrites an earlier one.
* :func:`is_partial` recognises our temp files, so start-up can remove ones a power cut left.
* :func:`partial_file` is the one way to make such a temp file. When a journal is in use
  (:func:`use_journal`, called with the data dir by every command and the kiosk's start), the
  temp file's path is written to ``<data_dir>/outputs-in-progress/`` before any data goes into
  it, and the entry is removed once the file is renamed or deleted. A SIGKILL or a power cut
  in between leaves the entry; :func:`sweep_journal` (at the next start, and before every new
  output) deletes the temp file wherever it is (a USB stick, a shared folder), so no half
  export with names and phone numbers stays outside the data dir. An entry whose writer is
  still alive is held under an OS file lock and never swept; an entry whose folder is gone
  (the USB stick was pulled) is kept until the folder comes back.

Every failure is an :class:`OutputError` (a :class:`~kiosk.errors.KioskError`) that says in
Vietnamese where and what to do. Pure file-system code; any thread.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.errors import KioskError

if TYPE_CHECKING:
    # Imported where a lock is taken: ``filelock`` (with decimal, inspect, platform and
    # OpenSSL through secrets) was 12 % of a bare window's start before the home screen's
    # first paint, which needs none of it (issue #18, docs/benchmarks.md).
    from filelock import FileLock

log = logging.getLogger(__name__)

TEMP_SUFFIX = ".part"
# Files holding contacts (names, phone numbers) are readable by their owner only; every other
# output follows the umask like any file the person makes, so a colleague on a shared folder
# can open a summary.
PRIVATE_MODE = 0o600
_UMASK_LOCK = threading.Lock()
_PARTIAL = re.compile(r"^\..+\.[^.]+\.part$")
#: Folder in the data dir holding one entry per output being written right now.
JOURNAL_DIR = "outputs-in-progress"
# SQLite's side files beside a temp database (a backup being copied) hold data too.
_SIDE_FILES = ("-journal", "-wal", "-shm")
_journal: Path | None = None


class OutputError(KioskError):
    """An output file could not be written; the message says where and what to do."""


_WHY = {errno.ENOSPC: "ổ đĩa hoặc USB đã đầy", errno.EDQUOT: "đã hết dung lượng được cấp",
        errno.EACCES: "không có quyền ghi ở đây", errno.EPERM: "không có quyền ghi ở đây",
        errno.EROFS: "ổ đĩa chỉ cho đọc", errno.ENOENT: "không có thư mục này"}


def why(exc: OSError) -> str:
    """A Vietnamese reason for the common write failures, else the system's own words."""
    return _WHY.get(exc.errno or 0) or exc.strerror or str(exc)


def is_partial(path: Path) -> bool:
    """True for a temp file :func:`atomic_output` left behind (``.NAME.XXXX.part``)."""
    return bool(_PARTIAL.match(Path(path).name))


def use_journal(data_dir: Path | None) -> list[Path]:
    """Record in-progress outputs in ``data_dir`` from now on (``None``: stop), and sweep
    what an interrupted write left behind. Never raises: a data dir that cannot be written
    (full, read-only) only means no journal, and the write itself will say why it failed."""
    global _journal
    _journal = Path(data_dir) / JOURNAL_DIR if data_dir is not None else None
    return sweep_journal()


def journal_dir() -> Path | None:
    """The journal folder in use, if any."""
    return _journal


def _has_entries(folder: Path) -> bool:
    """Whether ``folder`` exists and holds anything (without loading the lock library: every
    start sweeps, and the kiosk's first paint needs none of it)."""
    try:
        with os.scandir(folder) as it:
            return any(True for _ in it)
    except OSError:
        return False


def sweep_journal() -> list[Path]:
    """Delete the temp files of writes that died (their entry is there, its lock is free)."""
    folder = _journal
    removed: list[Path] = []
    if folder is None or not _has_entries(folder):  # the usual start: nothing interrupted
        return removed
    from filelock import FileLock, Timeout

    for entry in sorted(folder.glob("*.json")):
        lock = FileLock(str(entry.with_suffix(".lock")), timeout=0)
        try:
            lock.acquire()
        except (Timeout, OSError):
            continue  # its writer is still at work (or the lock cannot be taken now)
        try:
            try:
                target = Path(json.loads(entry.read_text(encoding="utf-8"))["temp"])
            except (OSError, ValueError, KeyError, TypeError):
                target = None
            if target is not None and not target.parent.is_dir():
                continue  # the USB stick is not plugged in: sweep when it is back
            if target is not None and is_partial(target):
                for path in (target, *(Path(f"{target}{s}") for s in _SIDE_FILES)):
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()
                        removed.append(path)
            with contextlib.suppress(OSError):
                entry.unlink()
        except OSError as exc:  # a read-only stick: leave the entry, try again next time
            log.warning("could not remove an interrupted output: %s", why(exc))
        finally:
            lock.release()
            with contextlib.suppress(OSError):
                entry.with_suffix(".lock").unlink()
    for orphan in folder.glob("*.lock"):  # killed between taking the lock and the entry
        if orphan.with_suffix(".json").exists():
            continue
        lock = FileLock(str(orphan), timeout=0)
        try:
            lock.acquire()
        except (Timeout, OSError):
            continue
        lock.release()
        with contextlib.suppress(OSError):
            orphan.unlink()
    if removed:
        log.info("removed %d leftovers of interrupted outputs", len(removed))
    return removed


def _random_hex(nbytes: int) -> str:
    """A random name part: what ``secrets.token_hex`` returns (the OS's random bytes), without
    importing ``secrets`` (hmac, hashlib, OpenSSL) into every process that may write a file."""
    return os.urandom(nbytes).hex()


@contextmanager
def partial_file(path: Path) -> Iterator[Path]:
    """Create ``.NAME.XXXX.part`` beside ``path``, journaled while it exists; yields it.

    The temp file (and SQLite's side files beside it) is deleted on the way out unless the
    block renamed it into place. Raises :class:`OSError` if the folder cannot be written.
    """
    path = Path(path)
    sweep_journal()
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | \
        getattr(os, "O_NOINHERIT", 0)
    while True:
        # The name is chosen and journaled *before* the file exists, so there is no moment
        # when a kill leaves a temp file nobody knows of.
        tmp = path.parent / f".{path.name}.{_random_hex(4)}{TEMP_SUFFIX}"
        lock, entry = _journal_add(tmp)
        try:
            os.close(os.open(tmp, flags, 0o600))
            break
        except FileExistsError:
            _journal_drop(lock, entry)
        except OSError:
            _journal_drop(lock, entry)
            raise
    try:
        yield tmp
    finally:
        for leftover in (tmp, *(Path(f"{tmp}{s}") for s in _SIDE_FILES)):
            with contextlib.suppress(OSError):
                leftover.unlink()
        _journal_drop(lock, entry)


def _journal_drop(lock: FileLock | None, entry: Path | None) -> None:
    if entry is None or lock is None:
        return
    with contextlib.suppress(OSError):
        entry.unlink()
    lock.release()
    with contextlib.suppress(OSError):
        entry.with_suffix(".lock").unlink()


def _journal_add(tmp: Path) -> tuple[FileLock | None, Path | None]:
    """Write (and sync) the journal entry for ``tmp`` before any data goes into it."""
    folder = _journal
    if folder is None:
        return None, None
    from filelock import FileLock, Timeout

    entry = folder / f"{_random_hex(16)}.json"
    lock = FileLock(str(entry.with_suffix(".lock")), timeout=0)
    try:
        folder.mkdir(exist_ok=True)  # never parents: a data dir that is gone stays gone
        lock.acquire()
    except (OSError, Timeout) as exc:
        log.warning("no journal for an output (%s)", exc)
        return None, None
    try:
        with entry.open("w", encoding="utf-8") as fh:
            json.dump({"temp": str(tmp.absolute())}, fh)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        # The data dir is full or read-only: write the output anyway (refusing an export
        # for want of a journal line would help nobody); only the sweep after a kill is lost.
        log.warning("no journal for an output (%s)", why(exc))
        with contextlib.suppress(OSError):
            entry.unlink()
        lock.release()
        return None, None
    return lock, entry


@contextmanager
def atomic_output(path: Path, *, mode: int | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place only if the block succeeds.

    ``mode`` (:data:`PRIVATE_MODE` for files with personal data) is applied before the
    rename, so the file never exists at ``path`` with looser permissions. Without it the file
    gets the mode of any new file (0666 less the umask): ``mkstemp`` alone would make every
    output 0600 and turn a shared 0644 file into 0600 when it is replaced.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"Thư mục “{folder}” không tồn tại. Hãy chọn thư mục khác "
                          "hoặc cắm lại USB.",
                          en=f"The folder “{folder}” does not exist. Choose another folder or "
                             "plug the USB drive in again.")
    cleanup = contextlib.ExitStack()
    try:
        tmp = cleanup.enter_context(partial_file(path))
    except OSError as exc:
        raise OutputError(f"Không ghi được vào “{folder}” ({why(exc)}). Hãy chọn thư mục "
                          "khác hoặc kiểm tra USB.",
                          en=f"Could not write to “{folder}” ({why(exc)}). Choose another folder "
                             "or check the USB drive.") from exc
    with cleanup:
        try:
            yield tmp
            with tmp.open("rb+") as fh:
                os.fsync(fh.fileno())
            if os.name != "nt":  # Windows has no mode bits; ACLs come from the folder
                os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
            os.replace(tmp, path)
        except OSError as exc:
            raise OutputError(f"Không ghi được tệp “{path.name}” ({why(exc)}). "
                              "Tệp cũ (nếu có) vẫn còn nguyên. Hãy kiểm tra ổ đĩa hoặc chọn "
                              "thư mục khác.",
                              en=f"Could not write the file “{path.name}” ({why(exc)}). The old "
                                 "file (if any) is unchanged. Check the drive or choose another "
                                 "folder.") from exc


def _umask() -> int:
    """The process umask, read without changing it where the OS allows (Linux)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _UMASK_LOCK:  # os.umask can only be read by setting it
        current = os.umask(0o077)
        os.umask(current)
    return current


def write_atomic(path: Path, data: bytes | str, *, encoding: str = "utf-8",
                 mode: int | None = None) -> Path:
    """Write ``data`` to ``path`` whole or not at all; returns ``path``."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_output(path, mode=mode) as tmp:
        tmp.write_bytes(payload)
    return Path(path)


def unique_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name-2``, ``name-3`` … if a file of that name is already there."""
    path = Path(folder) / name
    stem, suffix = path.stem, path.suffix
    n = 2
    while path.exists():
        path = Path(folder) / f"{stem}-{n}{suffix}"
        n += 1
    return path
