"""The sheet preview gives its memory back (issue #18 item 2).

Two causes: a new ``QPdfDocument`` per preview kept 0.1-0.2 MB inside QtPdf after it was
deleted (measured as the resident set after ``malloc_trim``, native memory that Python's own
counters never see; Linux only), and ``QLabel.setPixmap`` left a copy of every page image in
Qt's pixmap cache (up to its 10 MB).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel

from ui.screens.sheet_preview import PageView

ROOT = Path(__file__).resolve().parents[2]



RASTERISE = """
import ctypes, gc, json, os, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from kiosk.content.loader import load_catalogue
from kiosk.sheets import render_sheet
from tests.conftest import SAMPLE_CONTENT
from ui.screens.sheet_preview import rasterise

def resident_mb():
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6

app = QApplication([])
tutorial = load_catalogue([SAMPLE_CONTENT]).tutorials[0]
pdf = render_sheet(tutorial, Path(sys.argv[1]) / "sheet.pdf", size="A4", lang="vi",
                   large=False, help_point="Điểm hỗ trợ số", commune="Hòa Bắc",
                   hotline="0236").path
for _ in range(3):  # QtPdf's own one-time set-up
    rasterise(pdf)
before = resident_mb()
shown = True
for _ in range(80):
    images = rasterise(pdf)
    shown = shown and bool(images) and not images[0].isNull()
    del images  # the pages themselves (3-4 MB each) are not what is measured
print(json.dumps({"grown": resident_mb() - before, "shown": shown}))
sys.stdout.flush()
os._exit(0)
"""


def _child(code: str, tmp_path: Path) -> dict[str, float]:
    """Run ``code`` in a process of its own, so that nothing else a test run did moves its
    resident set; its last line is JSON."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, env=env,
                         check=True, capture_output=True, text=True, timeout=600).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.mark.skipif(not sys.platform.startswith("linux"),
                    reason="resident set from /proc, glibc malloc_trim")
def test_previewing_a_sheet_many_times_keeps_no_memory(tmp_path: Path) -> None:
    result = _child(RASTERISE, tmp_path)
    assert result["shown"]
    # A new QPdfDocument per preview: +3.3 MB over these 80 (+0.1 MB with one reused).
    assert result["grown"] < 1.5, f"80 previews kept {result['grown']:.1f} MB"


def test_a_page_is_painted_not_handed_to_the_label(qapp: QApplication) -> None:
    """QLabel keeps a pixmap given to ``setPixmap`` as a QIcon, and each new page image left a
    rescaled copy in Qt's pixmap cache (a kiosk visiting the preview grew by up to 10 MB):
    the page view paints the page itself and gives the label nothing to keep."""
    view = PageView("pageTest")
    view.resize(600, 850)
    view.show()
    for colour in ("white", "lightyellow", "lightblue"):
        image = QImage(QSize(778, 1100), QImage.Format.Format_RGB32)
        image.fill(QColor(colour))
        view.set_image(image, "Trang 1 của tờ hướng dẫn")
        view.repaint()
        qapp.processEvents()
    shown = view.grab().toImage()
    assert view.has_image and not view.pixmap().isNull()
    assert view.pixmap().height() <= view.contentsRect().height()
    assert QLabel.pixmap(view).isNull()  # the label itself holds no copy
    centre = shown.pixelColor(shown.width() // 2, shown.height() // 2)
    assert centre == QColor("lightblue")  # and the last page is what is on screen
    view.close()
    view.deleteLater()
