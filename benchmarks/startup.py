"""Cold start and peak memory, each in fresh processes, against a minimal PySide6 window.

- Cold start: from starting the process to the home screen's first paint of the kiosk as
  ``help-kiosk --data-dir DATA`` starts it (``benchmarks/child.py: kiosk_run``: the command
  line, the lock file and log, ``config.toml``, the real speaker, kiosk mode; since session
  5, before it ``ui.app.build`` with a FakeSpeaker and no settings file), versus the same
  measure for a minimal full-screen window with one label. Runs alternate, medians
  compared. The disk cache is warm after the first run, as on a kiosk that restarts.
- Memory: peak resident set size of a kiosk that visited every screen ``cycles`` times,
  versus the minimal window plus the content (the resident growth from loading the
  catalogue in a bare interpreter).
"""

from __future__ import annotations

from pathlib import Path

from .common import Row, median, offscreen_env, run_child


def cold_start(tmp: Path, data_dir: Path, runs: int) -> list[Row]:
    env = offscreen_env(tmp)
    kiosk, minimal = [], []
    for _ in range(runs):
        minimal.append(run_child(["minimal"], env).data["first_paint_ms"])
        kiosk.append(run_child(["kiosk-run", str(data_dir)], env).data["first_paint_ms"])
    k, m = median(kiosk), median(minimal)
    return [Row(f"Cold start to home screen painted (median of {runs})", k, "ms", m,
                "minimal window", "≤ 1.5× floor", k <= 1.5 * m)]


def memory(tmp: Path, data_dir: Path, cycles: int, runs: int) -> list[Row]:
    env = offscreen_env(tmp)
    minimal = median([run_child(["minimal"], env).maxrss_mb for _ in range(runs)])
    content = run_child(["content-rss"], env).data["content_mb"]
    result = run_child(["kiosk-memory", str(data_dir), str(cycles)], env, timeout=3600)
    libraries = median([run_child(["libraries"], env).maxrss_mb for _ in range(runs)])
    floor = minimal + content
    visits = result.data["visits"]
    screens = len(result.data["screens"])
    return [
        Row(f"Peak memory after {cycles}× every screen ({screens} screens)",
            result.maxrss_mb, "MB", floor, f"minimal {minimal:.0f} + content {content:.1f}",
            "≤ 1.5× floor", result.maxrss_mb <= 1.5 * floor,
            note=f"{visits} screen changes, {result.data['ms_per_visit']:.0f} ms each"),
        Row("Peak memory against the stack: minimal window + content + the libraries",
            result.maxrss_mb, "MB", libraries + content,
            f"libraries {libraries:.0f} + content {content:.1f}",
            note="a second reference, not the issue's floor: the libraries the kiosk is "
                 "built on (benchmarks/child.py: libraries) each doing its smallest job"),
        Row("Screen change, mean over the memory run", result.data["ms_per_visit"], "ms"),
        Row(f"Memory growth from cycle 1 to cycle {cycles}", result.data["growth_mb"], "MB",
            goal="≤ 5 MB", met=result.data["growth_mb"] <= 5,
            note="resident set after the last cycle minus after the first"),
    ]


def xvfb_cold_start(tmp: Path, data_dir: Path, runs: int) -> list[Row]:
    """The same cold start with a real X window (Xvfb, xcb platform, no window manager),
    and ``help-kiosk --demo --windowed --exit-after-paint`` timed from outside to its exit."""
    import os
    import shutil
    import subprocess
    import sys
    import time

    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        return [Row("Cold start under Xvfb (real window)", float("nan"), "ms",
                    note="Xvfb not installed: skipped")]
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write_fd), "-screen", "0",
                               "1920x1080x24", "-nolisten", "tcp"], pass_fds=(write_fd,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as fh:
            display = ":" + fh.readline().strip()
        env = {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        kiosk, minimal, outside = [], [], []
        for i in range(runs):
            minimal.append(run_child(["minimal"], env).data["first_paint_ms"])
            kiosk.append(run_child(["kiosk-run", str(data_dir)], env).data["first_paint_ms"])
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "ui", "--demo", "--windowed",
                            "--exit-after-paint", "--data-dir", str(tmp / f"xvfb-{i}")],
                           env={**os.environ, **env}, check=True, timeout=300,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            outside.append((time.perf_counter() - t0) * 1000)
    finally:
        server.terminate()
        server.wait(timeout=30)
    k, m = median(kiosk), median(minimal)
    return [Row(f"Cold start under Xvfb, real window (median of {runs})", k, "ms", m,
                "minimal window", "≤ 1.5× floor", k <= 1.5 * m),
            Row("help-kiosk --demo --windowed --exit-after-paint, to exit", median(outside),
                "ms", note="from outside, a fresh data dir each time (creates the database)")]
