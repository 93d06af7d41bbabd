"""The layer rule, machine-checked: kiosk/ and db/ never import Qt; db/ never imports kiosk/;
the hub (a front end beside ui/) never imports ui/ or Qt, and nothing below imports the hub."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.source_scan import findings

ROOT = Path(__file__).resolve().parents[2]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(("package", "forbidden"), [
    ("kiosk", {"PySide6", "ui", "hub"}),
    ("db", {"PySide6", "ui", "kiosk", "hub"}),
    ("hub", {"PySide6", "ui"}),
])
def test_lower_layers_do_not_import_upper_ones(package: str, forbidden: set[str]) -> None:
    assert findings(package, lambda p: sorted(imports_of(p) & forbidden)) == {}


def modules_loaded_by_name(path: Path) -> set[str]:
    """String arguments of ``import_module(...)`` / ``__import__(...)`` calls in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        arg = node.args[0]
        if called in ("import_module", "__import__") and isinstance(arg, ast.Constant) \
                and isinstance(arg.value, str):
            names.add(arg.value)
    return names


@pytest.mark.parametrize(("package", "forbidden"), [
    ("kiosk", ("PySide6", "ui", "hub")),
    ("db", ("PySide6", "ui", "kiosk", "hub")),
    ("hub", ("PySide6", "ui")),
])
def test_lower_layers_do_not_load_upper_ones_by_name(package: str,
                                                     forbidden: tuple[str, ...]) -> None:
    # A by-name import is invisible to import-linter, the AST scan above and PyInstaller.
    assert findings(package, lambda p: sorted(
        n for n in modules_loaded_by_name(p) if n.split(".")[0] in forbidden)) == {}


def test_the_by_name_check_sees_the_forms_used(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text('import importlib\nfrom importlib import import_module\n'
                      'importlib.import_module("ui.app")\nimport_module("ui.printing")\n'
                      '__import__("PySide6.QtCore")\n', encoding="utf-8")
    assert modules_loaded_by_name(sample) == {"ui.app", "ui.printing", "PySide6.QtCore"}


def test_import_linter_contracts_hold() -> None:
    # In a subprocess: import-linter reconfigures logging and would disable our loggers.
    tool = Path(sys.executable).with_name("lint-imports")
    if not tool.exists():
        pytest.skip("import-linter is not installed")
    result = subprocess.run([str(tool), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_hub_runs_without_qt() -> None:
    # In a fresh interpreter: starting the hub's app and CLI loads no Qt module at all.
    code = ("import sys, hub.app, hub.cli, hub.api, hub.db, hub.pairing; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'ui')); "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr

#: The modules that own background work: the lanes, and the one GUI operation helper.
BACKGROUND_OWNERS = {"ui/tasks.py", "ui/ops.py"}


def hand_written_background_work(path: Path) -> list[str]:
    """What in ``path`` runs work off the GUI thread without ``ui.ops.Op``: a direct
    ``run_in_background``/``run_in_lane`` call, a ``QThreadPool``/``QRunnable``/``QThread``, or
    a home-made stale-answer counter (``self._seq += 1``, ``self._request += 1``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ("run_in_background", "run_in_lane", "QThreadPool", "QThread"):
                found.append(f"{node.lineno}: {called}(...)")
        elif isinstance(node, ast.ClassDef):
            bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
            if bases & {"QRunnable", "QThread"}:
                found.append(f"{node.lineno}: class {node.name}")
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Attribute) \
                and isinstance(node.op, ast.Add) \
                and any(w in node.target.attr for w in ("seq", "request", "generation")):
            found.append(f"{node.lineno}: {node.target.attr} += ...")
    return found


def test_ui_runs_background_work_only_through_op() -> None:
    # One helper (ui/ops.py Op): lanes, stale answers, KioskError shown calmly, the rest to the
    # funnel. A hand-written call forgets one of those (issue #17 item 5).
    assert findings("ui", hand_written_background_work,
                    skip=lambda rel: rel in BACKGROUND_OWNERS) == {}


def test_the_background_check_sees_the_old_forms(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("self.tasks.run_in_background(work, ok, failed, lane='db')\n"
                      "pool = QThreadPool(self)\n"
                      "class Job(QRunnable):\n    pass\n"
                      "self._load_seq += 1\n", encoding="utf-8")
    assert sorted(f.split(":")[0] for f in hand_written_background_work(sample)) == \
        ["1", "2", "3", "5"]


def builds_the_kiosk_by_hand(path: Path) -> bool:
    """True if ``path`` imports ``ui.app.build`` itself instead of the one recipe."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.ImportFrom) and node.module == "ui.app"
               and any(a.name == "build" for a in node.names) for node in ast.walk(tree))


def test_tests_scripts_and_benchmarks_build_the_kiosk_through_make_kiosk() -> None:
    # One recipe (ui/demo_kiosk.py make_kiosk; the make_kiosk fixture in tests/ui): a fix to
    # how a kiosk is assembled with fakes lands everywhere at once (issue #17 item 7).
    offenders = [findings(folder, lambda p: ["imports ui.app.build"]
                          if builds_the_kiosk_by_hand(p) else [])
                 for folder in ("tests", "scripts", "benchmarks")]
    assert offenders == [{}, {}, {}]
