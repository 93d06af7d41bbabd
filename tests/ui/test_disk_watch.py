"""A disk that fills while the kiosk runs: the calm full-window message, then back by itself.

Before, only the start-up probe showed the message (issue #16 item 4); a disk filling during
the day gave each failing write its own error and the message only at the next start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from kiosk.disk import DiskProblem, DiskProblemKind
from ui.app import Kiosk
from ui.features.disk_watch import DiskWatch
from ui.navigator import ScreenId


def test_the_watch_is_installed_and_starts_after_the_first_paint(kiosk: Kiosk) -> None:
    watch = kiosk.window.disk_watch
    assert isinstance(watch, DiskWatch)
    assert watch.timer.isActive() and watch.cover is None  # the test kiosk has started


def test_a_full_disk_covers_the_kiosk_and_uncovers_it_when_writing_works(
        qtbot, kiosk: Kiosk, tmp_path: Path) -> None:
    full = [True]

    def probe(data_dir: Path) -> DiskProblem | None:
        return DiskProblem(DiskProblemKind.FULL, data_dir, "1 bytes free") if full[0] else None

    kiosk.nav.go_to(ScreenId.CATALOGUE)
    watch = DiskWatch(kiosk.window, tmp_path, kiosk.tasks, probe=probe, retry_s=0.05)
    watch.check_now()
    qtbot.waitUntil(lambda: watch.cover is not None and watch.cover.isVisible())
    cover = watch.cover
    assert cover is not None
    # The whole kiosk window is covered: nothing behind it can be touched.
    assert cover.geometry() == QRect(QPoint(0, 0), kiosk.window.size())
    assert kiosk.window.childAt(kiosk.window.width() // 2, kiosk.window.height() // 2) \
        in [cover, *cover.findChildren(QLabel)]
    title = cover.findChild(QLabel, "diskProblemTitle").text()
    assert title == "Máy hết chỗ trống — kiosk tạm nghỉ"
    assert cover.findChild(QLabel, "diskProblemEnglish").text()
    # …and painted over: where the Home button was, the cover's own background is seen.
    home = kiosk.window.home_btn
    centre = home.mapTo(kiosk.window, home.rect().center())
    assert kiosk.window.grab().toImage().pixelColor(centre) == QColor("#f4f1e8")
    watch.check_now()  # a second check while covered makes no second cover
    assert watch.cover is cover

    full[0] = False  # staff freed some space: the cover goes by itself, the screen is kept
    qtbot.waitUntil(lambda: watch.cover is None)
    assert kiosk.nav.current_id is ScreenId.CATALOGUE
    # The cover is gone (it may already be deleted: ask the window what is on top now).
    on_top = kiosk.window.childAt(kiosk.window.width() // 2, kiosk.window.height() // 2)
    assert on_top is not None and not on_top.objectName().startswith("diskProblem")
