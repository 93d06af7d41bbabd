"""The soak (``benchmarks/soak.py``): the whole kiosk driven through many visits, by clicks.

One cycle: Home → a tutorial, every step → finish → Home → a ticket → a volunteer signs in
(now and then through the PIN pad) → calls the number at desk 1 → Xong → faces → quick log
(age band, gender, Lưu) → Home → sign out. The script runs in its own process (offscreen Qt,
its own temporary data dir) and exits non-zero when a cycle fails, a count in the database is
wrong, the error funnel or the log caught an error, or memory grew by more than 20 MB after
warm-up.

In CI: 50 cycles (warm-up 20) over two local days with three PIN sign-ins, about 30 s. A leak
of one widget a cycle is too small to pass 20 MB in 30 cycles, so the short run also checks
that the number of Qt widgets stays flat (the message box each save used to leave behind
grew it by five a cycle). The full run (``-m slow``): 5,000 cycles, the figures recorded in
docs/reliability.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
COUNTS = ("tickets", "tickets_done", "records", "records_with_ticket", "tutorials_finished",
          "ticket_prints", "printed_by_fake_printer")


def run_soak(*args: str, timeout: float) -> tuple[subprocess.CompletedProcess[str],
                                                  dict[str, Any]]:
    proc = subprocess.run([sys.executable, "benchmarks/soak.py", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, check=False)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("SOAK_RESULT ")]
    assert lines, f"no result line\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc, json.loads(lines[-1].removeprefix("SOAK_RESULT "))


def summary(proc: subprocess.CompletedProcess[str]) -> str:
    return "\n".join(ln for ln in proc.stdout.splitlines() if not ln.startswith("SOAK_RESULT"))


def test_short_soak_runs_clean_and_keeps_memory_and_widgets_flat() -> None:
    proc, r = run_soak("--cycles", "50", "--warmup", "20", "--sample-every", "10",
                       "--day-every", "25", "--pin-every", "20", "--quiet", timeout=300)
    assert proc.returncode == 0, summary(proc) + proc.stderr[-3000:]
    assert r["ok"] and not r["failure"]
    assert r["cycles_done"] == 50
    assert {name: r["counts"][name] for name in COUNTS} == dict.fromkeys(COUNTS, 50)
    assert r["days"] == 2  # ticket numbers restarted at the day change (checked each cycle)
    assert r["pin_sign_ins"] == 3  # cycles 0, 20 and 40 signed in through the PIN pad
    assert r["funnel_errors"] == [] and r["log_errors"] == 0
    assert r["growth_mb"] <= 20
    assert r["rss_warmup_mb"] > 0 and r["rss_final_mb"] > 0
    # Nothing left behind on screen changes: widgets after warm-up stay where they were.
    assert r["widgets_final"] - r["widgets_warmup"] <= 5, r["widget_growth_by_class"]


def test_soak_reports_a_failure_with_a_non_zero_exit() -> None:
    # A growth limit no run can meet: the script must say so and fail.
    proc, r = run_soak("--cycles", "2", "--warmup", "1", "--max-growth-mb", "-1", "--quiet",
                       timeout=120)
    assert proc.returncode == 1
    assert not r["ok"] and r["cycles_done"] == 2
    assert "RESULT             FAILED" in proc.stdout


@pytest.mark.slow
def test_full_soak_5000_cycles() -> None:
    proc, r = run_soak("--cycles", "5000", "--report", timeout=4 * 3600)
    sys.stdout.write(summary(proc) + "\n")  # the figures, for -rP (docs/reliability.md)
    assert proc.returncode == 0, summary(proc) + proc.stderr[-3000:]
    assert r["cycles_done"] == 5000
    assert {name: r["counts"][name] for name in COUNTS} == dict.fromkeys(COUNTS, 5000)
    assert r["growth_mb"] <= 20
