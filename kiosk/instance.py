"""One running kiosk per data dir, and a way for a second start to reach the first.

Two kiosks on one database would fight over the queue numbers on screen and the printer, and a
restore must never swap the file under a running kiosk. So the kiosk holds an operating-system
file lock (``filelock``: ``flock`` on POSIX, ``msvcrt.locking`` on Windows) on
``<data_dir>/kiosk.lock`` for as long as it runs. The OS drops the lock when the process dies,
so a power cut or a crash never leaves a stale lock behind.

The holder's PID is written to a separate ``kiosk.pid`` (the lock library may truncate the
lock file itself while probing). A second start that finds the lock taken calls
:func:`request_front`: it writes ``kiosk.wake``; the running kiosk checks
:meth:`InstanceHandle.wake_requested` (a timer or a file watcher in ``ui/``) and brings its
window to the front.

Thread: any. The handle is not shared between processes.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from kiosk.files import OutputError, write_atomic

log = logging.getLogger(__name__)

LOCK_FILE = "kiosk.lock"
PID_FILE = "kiosk.pid"
WAKE_FILE = "kiosk.wake"


@dataclass
class InstanceHandle:
    """Proof that this process is the one kiosk on ``data_dir``. Release it on exit."""

    data_dir: Path
    pid: int
    _lock: FileLock = field(repr=False)
    _released: bool = field(default=False, repr=False)

    @property
    def wake_file(self) -> Path:
        """The file a second start writes; watch it to bring the window to the front."""
        return self.data_dir / WAKE_FILE

    def wake_requested(self) -> bool:
        """True (once) when another start asked this kiosk to come to the front."""
        try:
            self.wake_file.unlink()
        except FileNotFoundError:
            return False
        except OSError as exc:  # e.g. Windows: the other process is still writing it
            log.debug("wake file not consumed yet: %s", exc)
            return False
        return True

    def write_pid(self) -> None:
        """Name this process in the PID file (what a second start reads to say who runs)."""
        write_atomic(self.data_dir / PID_FILE, f"{self.pid}\n", encoding="ascii")

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        with contextlib.suppress(OSError):
            pid_path = self.data_dir / PID_FILE
            if _read_pid(pid_path) == self.pid:
                pid_path.unlink()
        self._lock.release()

    def __enter__(self) -> InstanceHandle:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


def acquire(data_dir: Path, *, write_pid: bool = True) -> InstanceHandle | None:
    """Become the one kiosk on ``data_dir``, or return None when another process already is.

    Never waits. After ``None``, :func:`running_pid` names the other process. With
    ``write_pid=False`` (the kiosk window, issue #18) a PID file left by an earlier run is
    removed and this process names itself later (``handle.write_pid()``, just after the
    first paint): the durable write (two fsyncs, ~10 ms) does not delay the home screen; a
    second start in between finds the lock taken and says so without a PID.
    """
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(data_dir / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return None
    pid = os.getpid()
    handle = InstanceHandle(data_dir, pid, lock)
    if write_pid:
        handle.write_pid()
    else:
        with contextlib.suppress(OSError):
            (data_dir / PID_FILE).unlink()  # a dead process's number must not be read
    # A wake request left over from before this start is not meant for us.
    with contextlib.suppress(OSError):
        (data_dir / WAKE_FILE).unlink()
    log.info("kiosk instance lock taken (pid %d)", pid)
    return handle


def running_pid(data_dir: Path) -> int | None:
    """The PID the running kiosk wrote, if any. Meaningful after :func:`acquire` gave None."""
    return _read_pid(Path(data_dir) / PID_FILE)


def request_front(data_dir: Path) -> bool:
    """Ask the running kiosk to show itself. False when no kiosk seems to run there."""
    data_dir = Path(data_dir)
    if running_pid(data_dir) is None:
        return False
    try:
        write_atomic(data_dir / WAKE_FILE, f"{os.getpid()}\n", encoding="ascii")
    except OutputError as exc:
        log.warning("could not ask the running kiosk to come to the front: %s", exc)
        return False
    return True


def _read_pid(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


