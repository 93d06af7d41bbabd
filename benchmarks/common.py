"""Shared pieces of the benchmarks: result rows, timing, child processes, the machine.

Every figure is measured side by side with a *floor* in the same run (the cheapest way to do
the same kind of work on this machine), because absolute milliseconds vary ±40 % between runs
on a shared machine; the ratio is what a goal is checked against where the goal is relative.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .bare import SCREEN_H, SCREEN_W, guard_none_refcount  # noqa: F401 - re-exported

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Row:
    """One line of the table: a measurement, its floor and the goal it is checked against."""

    name: str
    value: float
    unit: str  # "ms", "MB", "s"
    floor: float | None = None
    floor_name: str = ""
    goal: str = ""  # as the issue states it
    met: bool | None = None  # None: no goal
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor <= 0:
            return None
        return self.value / self.floor


def fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    return f"{value:.0f} {unit}"


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def time_ms(fn: Callable[[], Any], repeat: int, warmup: int = 1) -> list[float]:
    """Wall times of ``fn()`` in milliseconds, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def offscreen_env(tmp: Path) -> dict[str, str]:
    """Qt's offscreen platform with one 1920×1080 screen (the default one is 800×800)."""
    screens = tmp / "screens.json"
    if not screens.exists():
        screens.write_text(json.dumps({"screens": [{
            "name": "K", "x": 0, "y": 0, "width": SCREEN_W, "height": SCREEN_H,
            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    return {"QT_QPA_PLATFORM": f"offscreen:configfile={screens}"}


@dataclass(frozen=True)
class ChildResult:
    data: dict[str, Any]
    maxrss_mb: float
    wall_ms: float


def run_child(args: Sequence[str], env: dict[str, str], timeout: float = 300
              ) -> ChildResult:
    """Run ``python -m benchmarks.child ARGS``; its last stdout line is JSON.

    Peak memory is the child's own high-water mark (``VmHWM`` in /proc, reported by the child
    as ``peak_rss_mb``). The rusage from ``os.wait4`` is kept only as a cross-check: on Linux
    its ``ru_maxrss`` includes the parent's size at fork, which would inflate small children.
    Linux only.
    """
    full_env = {**os.environ, **env, "BENCH_SPAWNED_AT": repr(time.time())}
    t0 = time.perf_counter()
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as errors:
        proc = subprocess.Popen([sys.executable, "-m", "benchmarks.child", *args], cwd=ROOT,
                                env=full_env, stdout=subprocess.PIPE, stderr=errors,
                                text=True, encoding="utf-8")
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            assert proc.stdout is not None
            out = proc.stdout.read()
            proc.stdout.close()
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = (time.perf_counter() - t0) * 1000
        errors.seek(0)
        err = errors.read()
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child {' '.join(args)} failed ({proc.returncode}): "
                           f"{err.strip()[-2000:]}")
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    if not lines:
        raise RuntimeError(f"benchmark child {' '.join(args)} printed no result: {err[-2000:]}")
    data = json.loads(lines[-1])
    # ru_maxrss is in kilobytes on Linux; an upper bound when the child reported nothing.
    fallback = usage.ru_maxrss * 1024 / 1e6
    return ChildResult(data, float(data.get("peak_rss_mb", fallback)), wall)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return float("nan")


def machine() -> dict[str, str]:
    """What the figures were measured on (recorded with them in docs/benchmarks.md)."""
    try:
        from importlib.metadata import version

        pyside = version("PySide6")
    except Exception:  # a description, never a failure
        pyside = "?"
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return {
        "cpus": str(os.cpu_count()),
        "cpu": _cpu_model(),
        "ram": f"{_ram_gb():.1f} GB",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pyside6": pyside,
        "load": load,
    }


def table(rows: Sequence[Row], markdown: bool = False) -> str:
    head = ["Benchmark", "Measured", "Floor", "Ratio", "Goal", "Met"]
    body = []
    for r in rows:
        floor = f"{fmt(r.floor, r.unit)} ({r.floor_name})" if r.floor is not None else "—"
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        met = "—" if r.met is None else ("yes" if r.met else "NO")
        body.append([r.name, fmt(r.value, r.unit), floor, ratio, r.goal or "—", met])
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in [head, *body]) for i in range(len(head))]
    out = ["  ".join(c.ljust(w) for c, w in zip(head, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) for cells in body]
    return "\n".join(out)
