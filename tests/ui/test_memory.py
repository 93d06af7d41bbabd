"""Memory the kiosk does not need to hold (issue #18 item 2). Each check runs in a process of
its own, so what other tests loaded does not count."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _probe(code: str) -> object:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True, timeout=120).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_modules_imported_after_the_ui_are_not_kept_as_source_text() -> None:
    """PySide6 read the whole source of every module imported after it (looking for the word
    "PySide6") and linecache kept it: about 45 MB with the kiosk's libraries loaded."""
    found = _probe(
        "import json, linecache, sys\n"
        "import ui, PySide6.QtWidgets\n"
        "assert 'colorsys' not in sys.modules\n"
        "import colorsys\n"
        "print(json.dumps(colorsys.__file__ in linecache.cache))\n")
    assert found is False
