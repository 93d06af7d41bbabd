"""Issue #16 item 4: the database-recovery screen is no way to the desktop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.config import defaults
from kiosk.supervisor import EXIT_RECOVERY, NO_RESTART_CODES
from ui.screens.recovery import recovery_window


def test_alt_f4_and_close_are_refused_in_kiosk_mode(qtbot, tmp_path: Path) -> None:
    window = recovery_window(tmp_path, "Cơ sở dữ liệu bị hỏng", defaults(), windowed=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QApplication.sendEvent(window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F4,
                                             Qt.KeyboardModifier.AltModifier))
    assert window.close() is False
    assert window.isVisible()
    label = window.findChild(QLabel, "recoveryText")
    assert "help-kiosk restore" in label.text()
    assert "did NOT overwrite" in label.text()  # English second, for whoever installs it
    window.allow_close = True  # let the test tear it down


def test_the_recovery_exit_code_restarts_the_kiosk() -> None:
    assert EXIT_RECOVERY != 0 and EXIT_RECOVERY not in NO_RESTART_CODES
