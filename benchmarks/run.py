"""Run every benchmark and print one table of figures, each beside its floor and goal.

    .venv/bin/python benchmarks/run.py            the full run (several minutes)
    .venv/bin/python benchmarks/run.py --quick    small sizes: a smoke test (under a minute)
    ... --markdown                                the table as Markdown (docs/benchmarks.md)

Every figure is measured in this same run next to a floor (the cheapest way this machine does
the same kind of work), because absolute times on a shared machine vary by ±40 %. Goals come
from the benchmarks issue; docs/benchmarks.md records a run and says which goals are met.
Linux only (uses /proc and os.wait4 for memory). The Qt parts run offscreen at 1920×1080.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path[0] == str(Path(__file__).resolve().parent):
    sys.path[0] = str(ROOT)  # run as a script: import the project, not benchmarks/* by name
elif str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import content, exports, growth, gui, pdfs, queue, startup  # noqa: E402
from benchmarks.assemble import feature_modules, prepare_data_dir  # noqa: E402
from benchmarks.common import Row, guard_none_refcount, machine, offscreen_env, table  # noqa: E402


@dataclasses.dataclass(frozen=True)
class Sizes:
    cold_runs: int
    memory_cycles: int
    memory_floor_runs: int
    step_presses: int
    speech_texts: int
    pdf_repeat: int
    csv_rows: int
    xlsx_rows: int
    export_repeat: int
    content_copies: int
    content_repeat: int
    queue_repeat: int = 20
    dashboard_rows: int = 15_000
    dashboard_repeat: int = 5


FULL = Sizes(cold_runs=5, memory_cycles=100, memory_floor_runs=3, step_presses=50,
             speech_texts=10, pdf_repeat=20, csv_rows=100_000, xlsx_rows=100_000,
             export_repeat=3, content_copies=7, content_repeat=5)
QUICK = Sizes(cold_runs=1, memory_cycles=2, memory_floor_runs=1, step_presses=15,
              speech_texts=2, pdf_repeat=3, csv_rows=50_000, xlsx_rows=5_000, export_repeat=3,
              content_copies=2, content_repeat=1, queue_repeat=3, dashboard_rows=3_000,
              dashboard_repeat=1)


def sections(tmp: Path, data_dir: Path, s: Sizes) -> list[tuple[str, Callable[[], list[Row]]]]:
    return [
        ("cold start", lambda: startup.cold_start(tmp, data_dir, s.cold_runs)),
        ("xvfb", lambda: startup.xvfb_cold_start(tmp, data_dir, s.cold_runs)),
        ("memory", lambda: startup.memory(tmp, data_dir, s.memory_cycles,
                                          s.memory_floor_runs)),
        ("step switch", lambda: gui.step_switch(data_dir, s.step_presses)),
        ("speech stall", lambda: gui.speech_stall_in_child(tmp, s.speech_texts)),
        ("pdf", lambda: pdfs.render(tmp, s.pdf_repeat)),
        ("exports", lambda: exports.export(tmp, s.csv_rows, s.xlsx_rows, s.export_repeat)),
        ("dashboard", lambda: exports.dashboard(tmp, s.dashboard_rows, s.dashboard_repeat)),
        ("content", lambda: content.load(tmp, s.content_copies, s.content_repeat)),
        ("queue", lambda: queue.queue_timings(data_dir, s.queue_repeat)),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke test)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--growth", action="store_true",
                        help="only the growth rows: 10k/100k/1M records, 15/150/1,500 "
                             "tutorials (--quick: 1k/10k records, 15/50 tutorials)")
    parser.add_argument("--only", action="append", default=[],
                        help="run only these sections (cold start, xvfb, memory, step switch, "
                             "speech stall, pdf, exports, dashboard, content, queue)")
    parser.add_argument("--memory-cycles", type=int, metavar="N",
                        help="cycles of every screen in the memory rows (default 100; the "
                             "issue's steady-state check is --only memory --memory-cycles 1000)")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    if args.memory_cycles:
        sizes = dataclasses.replace(sizes, memory_cycles=args.memory_cycles)
    logging.basicConfig(level=logging.ERROR)
    guard_none_refcount()
    compile_project()
    started = time.perf_counter()
    rows: list[Row] = []
    failed = 0
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ.update(offscreen_env(tmp))
        data_dir = tmp / "data"
        prepare_data_dir(data_dir)
        todo = sections(tmp, data_dir, sizes)
        if args.growth:
            small = args.quick
            todo = [("growth records", lambda: growth.records(
                        tmp, [1_000, 10_000] if small else [10_000, 100_000, 1_000_000],
                        1 if small else 3)),
                    ("growth tutorials", lambda: growth.tutorials(
                        tmp, [15, 50] if small else [15, 150, 1_500], 1 if small else 3))]
        for name, run in todo:
            if args.only and name not in args.only:
                continue
            t0 = time.perf_counter()
            try:
                rows += run()
            except Exception as exc:  # one broken benchmark must not hide the others
                failed += 1
                traceback.print_exc()
                rows.append(Row(f"{name}: FAILED", float("nan"), "ms",
                                note=f"{type(exc).__name__}: {exc}"[:200]))
            sys.stderr.write(f"[{name}: {time.perf_counter() - t0:.1f} s]\n")
    info = machine()
    print(f"Benchmarks ({'quick' if args.quick else 'full'}), "
          f"{time.strftime('%Y-%m-%d %H:%M')}, {time.perf_counter() - started:.0f} s")
    print(f"Machine: {info['cpus']} CPUs ({info['cpu']}), {info['ram']} RAM, {info['os']}, "
          f"Python {info['python']}, PySide6 {info['pyside6']}, load average {info['load']}")
    print("Features built in: " + ", ".join(m.rsplit(".", 1)[-1] for m in feature_modules()))
    print()
    print(table(rows, markdown=args.markdown))
    notes = [f"- {r.name}: {r.note}" for r in rows if r.note]
    if notes:
        print()
        print("\n".join(notes))
    over = gate(rows)
    if over:
        print()
        print("\n".join(f"OVER GOAL ×2: {line}" for line in over))
    return 1 if failed or over else 0


def compile_project() -> None:
    """Byte-compile the kiosk's own packages first: an installed kiosk (the PyInstaller
    bundle) starts from bytecode, and with ``PYTHONDONTWRITEBYTECODE`` set every cold start
    child would otherwise compile about 80 modules from source (a third of its time)."""
    import compileall

    for package in ("kiosk", "ui", "db", "benchmarks"):
        compileall.compile_dir(str(ROOT / package), quiet=2)


# Goals not met yet and further than 2× from them, with the reason; the gate reports them but
# lets the run pass, so that CI catches regressions in everything else. Empty when every goal
# of docs/benchmarks.md is within 2× of being met. Remove a name as soon as its row is in.
KNOWN_MISSES: dict[str, str] = {
    "Peak memory after": "issue #18 item 2 not met: SQLAlchemy, reportlab, QtPdf, XlsxWriter "
    "and the screens' own widgets loaded together (3.2x); the painted kiosk alone is 1.15x "
    "the floor and SQLAlchemy + the models another 0.55x (docs/benchmarks.md, 'Memory')",
}
GATE_FACTOR = 2.0


def gate(rows: list[Row]) -> list[str]:
    """Rows further than ``GATE_FACTOR`` × from their goal (the CI check of ``--quick``).

    A relative goal ("≤ 2× floor") fails when the ratio exceeds 2 × 2; an absolute one
    ("< 300 ms") when the figure exceeds 2 × 300 ms. Rows without a goal are not gated.
    """
    import re

    out = []
    for r in rows:
        relative = re.search(r"([\d.]+)\s*×", r.goal)
        absolute = re.search(r"([\d.]+)\s*(ms|MB)", r.goal)
        if relative and r.ratio is not None:
            limit, value, what = float(relative.group(1)) * GATE_FACTOR, r.ratio, "×"
        elif absolute and r.unit == absolute.group(2):
            limit, value, what = (float(absolute.group(1)) * GATE_FACTOR, r.value,
                                  f" {r.unit}")
        else:
            continue
        if value > limit:
            known = next((why for name, why in KNOWN_MISSES.items()
                          if r.name.startswith(name)), None)
            line = f"{r.name}: {value:.2f}{what} > {limit:g}{what} (goal {r.goal})"
            if known:
                sys.stderr.write(f"known miss, not failing the run: {line}: {known}\n")
                continue
            out.append(line)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
