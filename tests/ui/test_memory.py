"""Memory the kiosk does not need to hold (issue #18 item 2). Each check runs in a process of
its own, so what other tests loaded does not count."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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
        "import ui.app, PySide6.QtWidgets\n"
        "assert 'colorsys' not in sys.modules\n"
        "import colorsys\n"
        "print(json.dumps(colorsys.__file__ in linecache.cache))\n")
    assert found is False



VISIT_PREVIEW = """
import json, os, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from benchmarks.assemble import build_kiosk, prepare_data_dir
from ui.navigator import ScreenId

def resident_mb():  # what the kiosk holds: no malloc_trim, which it never calls
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6

app = QApplication([])
data = Path(sys.argv[1])
prepare_data_dir(data)
kiosk = build_kiosk(data)  # the real task lanes: the sheet is made on the print lane
first = kiosk.catalogue.tutorials[0].id
shown, after = [], []
for _ in range(8):
    kiosk.nav.go_to(ScreenId.SHEET_PREVIEW, tutorial_id=first)
    kiosk.tasks.wait_all()
    app.processEvents()
    shown.append(kiosk.screens[ScreenId.SHEET_PREVIEW].pages[0].has_image)
    kiosk.nav.home()
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    after.append(resident_mb())
print(json.dumps({"after": after, "shown": shown}))
sys.stdout.flush()
os._exit(0)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="resident set from /proc")
def test_visiting_the_sheet_preview_again_and_again_keeps_no_memory(tmp_path: Path) -> None:
    """The page images (3-4 MB each) and the PDF renderer's buffers go back to the system when
    freed. glibc's moving mmap threshold had put them in the heap after the first preview,
    and the kiosk grew in steps of a set of pages over its next visits (10-20 MB, never given
    back; ``kiosk.memory``); the screen also held its last pages while elsewhere."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", VISIT_PREVIEW, str(tmp_path)], cwd=ROOT,
                         env=env, check=True, capture_output=True, text=True,
                         timeout=600).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert all(result["shown"])  # every visit showed its pages
    after = result["after"]
    grown = max(after[2:]) - after[1]
    assert grown < 8, f"the preview kept {grown:.1f} MB more over 6 more visits: {after}"


def test_the_sync_status_and_panel_do_not_load_the_http_client() -> None:
    """httpx (with the command-line libraries it loads when they are installed: about 10-18
    MB) is for talking to a hub; the status read after every start and the staff panel that
    shows it need none of it."""
    loaded = _probe(
        "import json, sys\n"
        "import kiosk.sync.outbox, ui.screens.staff_sync\n"
        "print(json.dumps(sorted(m for m in ('httpx', 'rich', 'pygments') "
        "if m in sys.modules)))\n")
    assert loaded == []
