"""The window start's check before its first paint (``kiosk.instance.may_be_running``): is
another kiosk (very likely) holding the lock, so that this start must take the lock now
instead of just after its paint? Standard library only, and never ``os.kill`` on Windows,
where it terminates the process (issue #18 item 1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import instance
from kiosk.instance import PID_FILE, WAKE_FILE, acquire, may_be_running, request_front


def _name(data_dir: Path, text: str) -> None:
    (data_dir / PID_FILE).write_text(text, encoding="ascii")


def _dead_pid() -> int:
    """The number of a process that has ended (and been reaped)."""
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(proc.stdout)


def test_no_pid_file_or_an_unreadable_one_means_paint_first(data_dir: Path) -> None:
    assert not may_be_running(data_dir)
    for text in ("", "not a number\n", "-5\n", "0\n", "99999999999999999999999\n"):
        _name(data_dir, text)
        assert not may_be_running(data_dir), text


@pytest.mark.skipif(os.name != "posix", reason="signal 0 is POSIX")
def test_a_live_process_named_in_the_pid_file_may_be_the_kiosk(data_dir: Path) -> None:
    _name(data_dir, f"{os.getppid()}\n")  # pytest's parent: alive
    assert may_be_running(data_dir)


@pytest.mark.skipif(os.name != "posix", reason="signal 0 is POSIX")
def test_a_power_cuts_pid_names_a_dead_process(data_dir: Path) -> None:
    _name(data_dir, f"{_dead_pid()}\n")
    assert not may_be_running(data_dir)


def test_this_process_own_number_is_not_another_kiosk(data_dir: Path) -> None:
    """After a reboot the kiosk may get the very PID its previous run wrote."""
    _name(data_dir, f"{os.getpid()}\n")
    assert not may_be_running(data_dir)


def test_a_process_of_another_user_is_alive(data_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(pid: int, sig: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(instance, "_WINDOWS", False)
    monkeypatch.setattr(instance.os, "kill", refused)
    _name(data_dir, "4242\n")
    assert may_be_running(data_dir)


def test_on_windows_a_pid_file_means_maybe_running_and_nothing_is_signalled(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    killed: list[int] = []

    def kill(pid: int, sig: int) -> None:  # on Windows this would end the process
        killed.append(pid)

    monkeypatch.setattr(instance, "_WINDOWS", True)
    monkeypatch.setattr(instance.os, "kill", kill)
    assert not may_be_running(data_dir)
    _name(data_dir, "4242\n")
    assert may_be_running(data_dir)
    _name(data_dir, f"{_dead_pid()}\n")
    assert may_be_running(data_dir)  # no way to tell without os.kill: take the lock first
    assert killed == []


def test_only_the_lock_decides(data_dir: Path) -> None:
    """A kiosk that holds the lock but has not named itself yet reads as not running; the
    start that then finds the lock taken asks it to the front all the same."""
    first = acquire(data_dir, write_pid=False)
    assert first is not None
    try:
        assert not may_be_running(data_dir)
        assert acquire(data_dir) is None
        assert not request_front(data_dir)  # nobody named: nothing written
        assert not (data_dir / WAKE_FILE).exists()
        assert request_front(data_dir, lock_taken=True)
        assert first.wake_requested()
    finally:
        first.release()
