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

The kiosk window takes the lock just after its home screen's first paint, not before it
(issue #18: ``filelock`` cost an eighth of a bare window's start). Before the paint it asks
:func:`may_be_running`, which needs only the standard library: when the PID file names a live
process, another kiosk is (very likely) running, and the start takes the lock at once as
before, so a second start hands over without a window flashing. Otherwise (no PID file, or a
power cut's stale one) it paints first; if the lock is then taken after all (two starts
racing, or the other kiosk has not painted and named itself yet), it hands over then, having
opened neither the database nor the log file.

Thread: any. The handle is not shared between processes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from kiosk.files import OutputError, write_atomic

if TYPE_CHECKING:
    from filelock import FileLock  # imported by acquire(): not before the first paint

log = logging.getLogger(__name__)

#: ``os.kill`` there terminates the process it is given: never called to probe one.
_WINDOWS = sys.platform == "win32"

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
    from filelock import FileLock, Timeout

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


def may_be_running(data_dir: Path) -> bool:
    """Whether another kiosk may hold the lock on ``data_dir`` right now: the PID file names
    a process that is alive, other than this one. Standard library only, never takes or
    waits for a lock (the window start asks it before its first paint).

    False for no PID file, an unreadable one, or one naming a dead process (a power cut or a
    crash left it; the next holder replaces it), and for this process's own number (after a
    reboot the kiosk may well get the PID its previous run had). A number reused by an
    unrelated process reads as alive: the start then merely takes the lock before its paint.
    On Windows ``os.kill`` terminates the process it names, so any PID file there counts as
    a maybe-running kiosk. Only a hint: the lock itself decides (:func:`acquire`).
    """
    pid = running_pid(data_dir)
    if pid is None or pid <= 0 or pid == os.getpid():
        return False
    if _WINDOWS:
        return True
    return _alive(pid)


def _alive(pid: int) -> bool:
    """POSIX: signal 0 checks that ``pid`` exists without sending anything."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, run by another user
        return True
    except (OSError, OverflowError):  # e.g. a number too large for the system: nobody has it
        return False
    return True


def request_front(data_dir: Path, *, lock_taken: bool = False) -> bool:
    """Ask the running kiosk to show itself. False when no kiosk seems to run there.

    ``lock_taken``: the caller has just found the lock held, so a kiosk runs even when it
    has not named itself yet (it writes its PID just after its first paint); it finds the
    request once it has started.
    """
    data_dir = Path(data_dir)
    if not lock_taken and running_pid(data_dir) is None:
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


