"""One kiosk per data dir, with the lock taken just after the first paint (issue #18 item 1).

Real ``help-kiosk`` processes (``ui.launcher.main``, offscreen) against a lock held by another
process. The start paints its home screen before it takes the lock, unless the PID file names
a live process (``kiosk.instance.may_be_running``): then it takes the lock first, as before,
and a second start leaves without a window. A start that finds the lock taken after its paint
(two starts racing, or the other kiosk has not named itself yet) hands over: it asks the
running kiosk to the front and leaves with ``EXIT_ALREADY_RUNNING``, having opened neither the
database nor the log file.

The probe prints what a person or the watchdog would see, one line each: ``shown`` (a window
was shown), ``painted`` (the home screen's first paint), ``named`` (this kiosk wrote its PID),
``front`` (it was asked to come to the front and raised its window; it then leaves, exit 0),
and at the end a JSON line with what was imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import PARSED_CACHE, defaults, load_config, save_config
from kiosk.instance import PID_FILE, WAKE_FILE
from kiosk.supervisor import EXIT_ALREADY_RUNNING
from ui.app import demo_config

ROOT = Path(__file__).resolve().parents[2]
ALREADY = "Kiosk đang chạy rồi"

PROBE = """
import json, sys
import ui.app as app
from ui.shell import KioskWindow

def say(what):
    print(what, flush=True)

show_window = app.show_window
def shown(*args, **kwargs):
    say("shown")
    show_window(*args, **kwargs)
app.show_window = shown

first_paint = app.after_first_paint
def painted(kiosk, then):
    def both():
        say("painted" + (" filelock" if "filelock" in sys.modules else ""))
        then()
    first_paint(kiosk, both)
app.after_first_paint = painted

name_instance = app._name_instance
def named(handle):
    name_instance(handle)
    say("named")
app._name_instance = named

def front(self):
    say("front")
    app.QCoreApplication.exit(0)
KioskWindow.raise_ = front

from ui.launcher import main
code = main(sys.argv[1:])
say(json.dumps({"code": code, "database": sorted(
    m for m in ("kiosk.store", "db.engine", "sqlalchemy") if m in sys.modules)}))
sys.exit(code)
"""

HOLDER = """
import sys
from pathlib import Path
from kiosk.instance import acquire
handle = acquire(Path(sys.argv[1]), write_pid=False)
print("held" if handle else "busy", flush=True)
sys.stdin.read()
"""

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signal 0 names a live process")


def _env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "KIOSK_SUPERVISED": "1"}
    env.pop("KIOSK_DATA_DIR", None)
    return env


def _start(data_dir: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", PROBE, "--data-dir", str(data_dir),
                             *options], cwd=ROOT, env=_env(), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _run(data_dir: Path, *options: str) -> tuple[int, list[str], str]:
    proc = _start(data_dir, *options)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out.splitlines(), err


def _wait_for(proc: subprocess.Popen[str], line: str) -> list[str]:
    """The lines ``proc`` printed up to ``line`` (fails if it ends first)."""
    assert proc.stdout is not None
    seen: list[str] = []
    while (got := proc.stdout.readline()) != "":
        seen.append(got.rstrip("\n"))
        if seen[-1] == line:
            return seen
    pytest.fail(f"ended before {line!r}: {seen}")


@pytest.fixture
def lock_holder(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock that has not named itself (a kiosk before its
    first paint, or a second start that won the race)."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir)], cwd=ROOT,
                              env=_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert _wait_for(holder, "held")
        yield holder
    finally:
        holder.kill()
        holder.communicate(timeout=30)


def test_a_second_start_beside_a_named_kiosk_leaves_without_a_window(data_dir: Path) -> None:
    first = _start(data_dir, "--demo", "--windowed")
    try:
        _wait_for(first, "named")
        assert int((data_dir / PID_FILE).read_text(encoding="ascii")) == first.pid
        log_before = (data_dir / "logs" / "kiosk.log").read_bytes()

        code, lines, err = _run(data_dir, "--demo")
        assert code == EXIT_ALREADY_RUNNING
        assert lines[:-1] == []  # no window shown, nothing painted
        assert json.loads(lines[-1])["database"] == []
        assert ALREADY in err
        # The running kiosk's log is its own: the second start wrote nothing into it.
        assert (data_dir / "logs" / "kiosk.log").read_bytes().startswith(log_before)
        assert f"pid {first.pid}" in log_before.decode("utf-8")

        out, _err = first.communicate(timeout=120)  # the wake file is read every 2 s
        assert "front" in out.splitlines()
        assert first.returncode == 0
        assert not (data_dir / WAKE_FILE).exists()  # consumed by the first kiosk
    finally:
        first.kill()
        first.communicate(timeout=30)


def test_a_start_that_finds_the_lock_taken_after_its_paint_hands_over(
        data_dir: Path, lock_holder: subprocess.Popen[str]) -> None:
    """The race: the lock is held but nobody is named. This start paints, then hands over
    without opening, creating or migrating the database, and without touching the log."""
    for options in ((), ("--windowed",)):
        code, lines, err = _run(data_dir, "--demo", *options)
        assert code == EXIT_ALREADY_RUNNING, err[-2000:]
        assert lines[:2] == ["shown", "painted"], options
        assert json.loads(lines[-1])["database"] == [], options
        assert "named" not in lines
        assert ALREADY in err
        assert not (data_dir / "kiosk.sqlite3").exists()
        assert not (data_dir / "config.toml").exists()  # the demo settings were not saved
        assert not (data_dir / "logs").exists()
        assert not (data_dir / PID_FILE).exists()
        assert (data_dir / WAKE_FILE).exists()  # for the holder, once it has started
        (data_dir / WAKE_FILE).unlink()
    assert lock_holder.poll() is None


def test_a_start_after_a_power_cut_paints_first_then_runs(data_dir: Path) -> None:
    """A stale PID file (the process it names is dead) does not slow the start: it paints
    before it loads the lock library, then takes the lock and runs."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    (data_dir / PID_FILE).write_text(dead.stdout, encoding="ascii")
    save_config(data_dir, demo_config(defaults()))
    code, lines, err = _run(data_dir, "--demo", "--windowed", "--exit-after-paint")
    assert code == 0, err[-2000:]
    assert lines[:3] == ["shown", "painted", "named"]
    assert json.loads(lines[-1])["database"] != []  # it opened the database
    assert (data_dir / "kiosk.sqlite3").is_file()
    assert not (data_dir / PID_FILE).exists()  # released on the way out
    log = (data_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "kiosk instance lock taken" in log and "Traceback" not in log
    # With the lock held it kept its parsed settings: the next start reads no TOML.
    assert load_config(data_dir, use_cache=True)[0].values == load_config(data_dir)[0].values
    assert (data_dir / PARSED_CACHE).is_file()


def test_a_pid_file_naming_a_live_stranger_only_moves_the_lock_before_the_paint(
        data_dir: Path) -> None:
    """The number is alive but not a kiosk (reused after a reboot): the start takes the lock
    before its paint, as a second start would, finds it free and runs."""
    (data_dir / PID_FILE).write_text(f"{os.getpid()}\n", encoding="ascii")  # this test: alive
    code, lines, err = _run(data_dir, "--demo", "--windowed", "--exit-after-paint")
    assert code == 0, err[-2000:]
    assert lines[:3] == ["shown", "painted filelock", "named"]
    assert (data_dir / "kiosk.sqlite3").is_file()
    assert not (data_dir / PID_FILE).exists()  # named itself, then released on the way out
    assert "Traceback" not in (data_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")
