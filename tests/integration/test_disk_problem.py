"""A full or read-only data dir: a calm full-screen message that resumes by itself, never a
crash loop and the desktop (issue #16 item 4).

The kiosk runs for real (``python -m kiosk.supervisor -- python -m ui --exit-after-paint``,
offscreen) on a data dir that cannot be written; it must stay up showing the message, then,
once writing works again, start and paint Home (exit 0, which the supervisor takes as the
end). The full disk is the kernel's own ENOSPC (the probe file is a link to ``/dev/full``);
the read-only disk is injected at the probe's write (root writes through chmod). Where this
machine lets the test mount (root with CAP_SYS_ADMIN), a last test uses a real 64 MB tmpfs
filled to the brim and then remounted read-only.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.disk import PROBE_FILE

ROOT = Path(__file__).resolve().parents[2]
SEEN = "data dir not writable"

# Runs the kiosk under the supervisor; with a FLAG path, the probe's write fails with EROFS
# while FLAG exists (the injected read-only disk).
CHILD = """
import errno, os, sys
from pathlib import Path
flag = sys.argv[1]
if flag != "-":
    import kiosk.disk as disk
    real = disk._write_probe
    def probe(path):
        if Path(flag).exists():
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        real(path)
    disk._write_probe = probe
from ui.launcher import main
sys.exit(main(sys.argv[2:]))
"""

pytestmark = pytest.mark.skipif(os.name != "posix", reason="/dev/full, mount")


def _start(data_dir: Path, flag: str = "-") -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "KIOSK_DISK_RETRY_S": "0.3"}
    env.pop("KIOSK_DATA_DIR", None)
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk.supervisor", "--max-backoffs", "0", "--delay", "0", "--",
         sys.executable, "-c", CHILD, flag, "--demo", "--windowed", "--exit-after-paint",
         "--data-dir", str(data_dir)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _wait_for_message(proc: subprocess.Popen[str], kind: str) -> str:
    """Read stderr until the kiosk says the data dir cannot be written for ``kind``."""
    assert proc.stderr is not None
    seen: list[str] = []
    for line in proc.stderr:
        seen.append(line)
        if f"{SEEN} ({kind})" in line:
            return line
    proc.wait(timeout=30)
    pytest.fail(f"the kiosk ended (code {proc.returncode}) without the message:\n"
                + "".join(seen)[-3000:])


def _stays_up(proc: subprocess.Popen[str], seconds: float = 3.0) -> bool:
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return True
    return False


def _resumes(proc: subprocess.Popen[str], data_dir: Path) -> None:
    assert proc.stderr is not None
    try:
        rest = proc.communicate(timeout=120)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, rest[-3000:]  # Home painted, --exit-after-paint
    assert (data_dir / "kiosk.sqlite3").is_file()  # it really started
    assert "Traceback" not in rest


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_shows_the_message_and_resumes_when_space_returns(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.symlink("/dev/full", data / PROBE_FILE)
    proc = _start(data)
    try:
        _wait_for_message(proc, "full")
        assert _stays_up(proc), "the kiosk ended instead of waiting for space"
        assert not (data / "kiosk.sqlite3").exists()  # nothing written meanwhile
        (data / PROBE_FILE).unlink()  # space again
        _resumes(proc, data)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_read_only_disk_shows_the_message_and_resumes(tmp_path: Path) -> None:
    data, flag = tmp_path / "data", tmp_path / "read-only"
    flag.touch()
    proc = _start(data, str(flag))
    try:
        _wait_for_message(proc, "read-only")
        assert _stays_up(proc), "the kiosk ended instead of waiting"
        flag.unlink()
        _resumes(proc, data)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def _tmpfs(where: Path, size_mb: int) -> Iterator[Path]:
    where.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "kiosk-test",
                               str(where)], capture_output=True, check=False)
    except OSError:
        pytest.skip("no mount command")
    if done.returncode != 0:
        pytest.skip("this machine does not let the test mount a tmpfs")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_real_full_then_read_only_tmpfs(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "disk", 64) as disk:
        data = disk / "data"
        data.mkdir()
        filler = disk / "filler"
        with filler.open("wb") as fh, contextlib.suppress(OSError):
            while True:
                fh.write(b"\0" * (1 << 20))
        proc = _start(data)
        try:
            _wait_for_message(proc, "full")
            assert _stays_up(proc)
            filler.unlink()
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
            _wait_for_message(proc, "read-only")
            assert _stays_up(proc)
            subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
            _resumes(proc, data)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
