"""The kiosk window names itself in the PID file just after its first paint (issue #18):
until then the lock alone says a kiosk runs, and a PID left by an earlier run is never read
as this one's."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.instance import PID_FILE, acquire, running_pid


def test_a_pid_written_later_never_leaves_an_old_one_readable(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / PID_FILE).write_text("999999\n", encoding="ascii")  # a run that died
    handle = acquire(data_dir, write_pid=False)
    assert handle is not None
    try:
        assert running_pid(data_dir) is None
        assert acquire(data_dir) is None  # the lock alone keeps a second kiosk out
        handle.write_pid()
        assert running_pid(data_dir) == os.getpid()
    finally:
        handle.release()
    assert running_pid(data_dir) is None


def test_by_default_the_pid_is_written_at_once(data_dir: Path) -> None:
    handle = acquire(data_dir)
    assert handle is not None
    try:
        assert running_pid(data_dir) == os.getpid()
    finally:
        handle.release()
