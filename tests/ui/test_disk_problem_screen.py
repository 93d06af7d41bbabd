"""Issue #16 item 4: a full or read-only disk shows a calm full-screen message that checks
again and lets the kiosk go on, and cannot be closed to the desktop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.disk import DiskProblem, DiskProblemKind
from ui.screens.disk_problem import DiskProblemWindow


def test_the_message_refuses_to_close_and_goes_on_when_the_disk_is_back(
        qtbot, tmp_path: Path) -> None:
    full = DiskProblem(DiskProblemKind.FULL, tmp_path)
    answers: list[DiskProblem | None] = [DiskProblem(DiskProblemKind.READ_ONLY, tmp_path), None]
    window = DiskProblemWindow(full, windowed=False, probe=lambda: answers.pop(0),
                               retry_s=3600)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    title = window.findChild(QLabel, "diskProblemTitle")
    text = window.findChild(QLabel, "diskProblemText")
    assert title.text() == "Máy hết chỗ trống — kiosk tạm nghỉ"
    assert "Cán bộ: hãy xóa bớt tệp" in text.text() and "tình nguyện viên" in text.text()
    QApplication.sendEvent(window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F4,
                                             Qt.KeyboardModifier.AltModifier))
    assert window.close() is False and window.isVisible()

    window.retry_now()  # still not writable, now read-only: the words follow
    assert title.text() == "Ổ đĩa chỉ cho đọc — kiosk tạm nghỉ"
    with qtbot.waitSignal(window.resolved, timeout=1000):
        window.retry_now()
    assert not window.timer.isActive()
    assert window.close() is True  # once resolved it may go
