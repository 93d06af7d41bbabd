"""The kiosk-mode watchdog with real crashing children, and one kiosk per data dir."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.instance import acquire, request_front, running_pid
from kiosk.supervisor import EXIT_ALREADY_RUNNING, EXIT_GAVE_UP, RestartBudget, supervise
from tests.conftest import ROOT

# A tiny "kiosk": counts its runs in a file, then behaves as told for that run number.
CHILD = """
import os, signal, sys
counter, plan = sys.argv[1], sys.argv[2].split(",")
with open(counter, "a") as f:
    f.write("run\\n")
with open(counter) as f:
    run = sum(1 for _ in f)
action = plan[min(run, len(plan)) - 1]
if action == "kill":
    os.kill(os.getpid(), signal.SIGKILL)
if action == "wait":
    sys.stdout.write("ready\\n")
    sys.stdout.flush()
    sys.stdin.read()
    sys.exit(0)
if action == "boom":
    raise RuntimeError("simulated crash")
sys.exit(int(action))
"""


@pytest.fixture
def child(tmp_path: Path) -> tuple[Path, Path]:
    script = tmp_path / "fake_kiosk.py"
    script.write_text(CHILD, encoding="utf-8")
    return script, tmp_path / "runs.txt"


def runs(counter: Path) -> int:
    return len(counter.read_text().splitlines()) if counter.exists() else 0


def cmd(script: Path, counter: Path, plan: str) -> list[str]:
    return [sys.executable, str(script), str(counter), plan]


def test_restart_budget_is_a_sliding_minute() -> None:
    now = [1000.0]
    budget = RestartBudget(3, now=lambda: now[0])
    allowed = []
    for _ in range(3):
        allowed.append(budget.allow())
        now[0] += 10
    assert allowed == [True, True, True]
    assert not budget.allow()  # at 1030: three restarts within the last minute
    now[0] = 1060.1  # the restart at 1000 is now more than a minute old, the others are not
    assert budget.allow()
    assert not budget.allow()


def test_crash_loop_gives_up_with_a_clear_message(child: tuple[Path, Path]) -> None:
    script, counter = child
    said: list[str] = []
    code = supervise(cmd(script, counter, "boom"), max_restarts_per_minute=3,
                     restart_delay=0, say=said.append, max_backoffs=0)
    assert code == EXIT_GAVE_UP
    assert runs(counter) == 4  # the first start and three restarts
    assert said[:3] == ["Kiosk thoát với mã 1; đang khởi động lại…"] * 3
    assert "khởi động lại 3 lần trong một phút" in said[-1]
    assert "Ngừng tự khởi động lại" in said[-1]


def test_a_crash_loop_pauses_and_tries_again_instead_of_leaving_the_desktop(
        child: tuple[Path, Path]) -> None:
    """Issue #16 item 4: it used to give up (exit 75) and leave the desktop."""
    script, counter = child
    said: list[str] = []
    code = supervise(cmd(script, counter, "boom"), max_restarts_per_minute=2,
                     restart_delay=0, say=said.append, backoff=0, max_backoffs=2)
    assert runs(counter) == 9  # 1 + 2, pause, 1 + 2, pause, 1 + 2, then the test's limit
    assert sum("Sẽ thử lại sau" in line for line in said) == 2
    assert code == EXIT_GAVE_UP  # only because the test set max_backoffs


def test_crashes_then_staff_quit(child: tuple[Path, Path]) -> None:
    script, counter = child
    said: list[str] = []
    code = supervise(cmd(script, counter, "1,kill,0"), max_restarts_per_minute=5,
                     restart_delay=0, say=said.append)
    assert code == 0
    assert runs(counter) == 3
    assert said == ["Kiosk thoát với mã 1; đang khởi động lại…",
                    "Kiosk bị dừng bởi tín hiệu SIGKILL; đang khởi động lại…"]


def test_another_kiosk_running_is_not_restarted(child: tuple[Path, Path]) -> None:
    script, counter = child
    said: list[str] = []
    code = supervise(cmd(script, counter, str(EXIT_ALREADY_RUNNING)), restart_delay=0,
                     say=said.append)
    assert code == EXIT_ALREADY_RUNNING
    assert runs(counter) == 1
    assert said == []


def test_command_line_gives_up_and_says_why(child: tuple[Path, Path]) -> None:
    script, counter = child
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk.supervisor", "--max-restarts", "1", "--delay", "0",
         "--max-backoffs", "0", "--",
         *cmd(script, counter, "boom")],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=60, check=False)
    assert proc.returncode == EXIT_GAVE_UP
    assert runs(counter) == 2
    assert "RuntimeError: simulated crash" in proc.stderr  # the child's own traceback
    assert "Ngừng tự khởi động lại" in proc.stderr


def test_command_line_without_a_command_is_a_usage_error() -> None:
    proc = subprocess.run([sys.executable, "-m", "kiosk.supervisor"], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 2
    assert "thiếu lệnh chạy kiosk" in proc.stderr


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_sigterm_stops_supervisor_and_kiosk_without_restart(child: tuple[Path, Path]) -> None:
    script, counter = child
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.supervisor", "--delay", "0", "--",
         *cmd(script, counter, "wait")],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline() == "ready\n"
    proc.send_signal(signal.SIGTERM)
    # Keep the kiosk's stdin open until the supervisor has ended: closing it would let the
    # fake kiosk end on its own (exit 0) before the forwarded SIGTERM reached it.
    proc.wait(timeout=60)
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert runs(counter) == 1
    assert "khởi động lại" not in err


# -- one kiosk per data dir ------------------------------------------------------------------


def test_second_instance_is_refused_and_can_wake_the_first(data_dir: Path) -> None:
    first = acquire(data_dir)
    assert first is not None
    try:
        assert acquire(data_dir) is None
        assert running_pid(data_dir) == os.getpid()
        assert not first.wake_requested()
        assert request_front(data_dir)
        assert first.wake_requested()
        assert not first.wake_requested()  # consumed once
    finally:
        first.release()
    assert running_pid(data_dir) is None
    assert not request_front(data_dir)
    again = acquire(data_dir)
    assert again is not None
    again.release()


def test_lock_of_a_killed_kiosk_is_free_again(data_dir: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from kiosk.instance import acquire; "
         f"h = acquire(Path({str(data_dir)!r})); print('held' if h else 'busy', flush=True); "
         "sys.stdin.read()"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline() == "held\n"
        assert acquire(data_dir) is None
        assert running_pid(data_dir) == holder.pid
    finally:
        holder.kill()  # a crash or a power cut: no clean release
        holder.communicate(timeout=30)
    handle = acquire(data_dir)
    assert handle is not None
    try:
        assert running_pid(data_dir) == os.getpid()  # the stale PID was replaced
    finally:
        handle.release()
