"""``help-kiosk --demo --windowed --exit-after-paint``: starts, paints home, exits 0.

What makes cold start timeable from outside (hyperfine, a stopwatch script) against a bare
window; docs/benchmarks.md uses it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("mode", [["--windowed"], []], ids=["windowed", "kiosk-mode"])
def test_kiosk_paints_home_and_exits_zero(tmp_path: Path, mode: list[str]) -> None:
    """Also in kiosk mode, whose window refuses to be closed: the flag leaves the event loop
    without asking the window (it once waited there for ever)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "ui", "--demo", *mode,
                           "--exit-after-paint"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (tmp_path / "kiosk.sqlite3").is_file()  # it really started the kiosk
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "Traceback" not in log
