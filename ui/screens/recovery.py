"""Shown when the database cannot be opened: explain, point to backups, overwrite nothing.

A screen of the kiosk window (``ScreenId.RECOVERY``, pinned), not a window of its own, so in
kiosk mode the one full-screen kiosk window is all there is (issue #16 item 4).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

log = logging.getLogger(__name__)


def recovery_text(data_dir: Path, reason: str) -> str:
    from kiosk.backup import newest_good_backup

    backups = sorted((data_dir / "backups").glob("*.sqlite3"), reverse=True)[:5]
    listed = "\n".join(f"  • {b.name}" for b in backups) or "  (chưa có bản sao lưu)"
    good = newest_good_backup(data_dir)
    if good is not None:
        listed += f"\nBản sao lưu tốt mới nhất (đã kiểm tra): {good.path}"
    return (
        "Kiosk chưa mở được cơ sở dữ liệu và KHÔNG ghi đè lên tệp hiện có.\n\n"
        f"Lý do: {reason}\n\n"
        "Việc cần làm (dành cho cán bộ):\n"
        f"1. Sao chép cả thư mục dữ liệu “{data_dir}” sang USB để giữ an toàn.\n"
        "2. Khôi phục bản sao lưu mới nhất bằng lệnh: help-kiosk restore TỆP_SAO_LƯU\n"
        f"Các bản sao lưu gần nhất:\n{listed}\n\n"
        "Người dân: vui lòng báo tình nguyện viên. Xin cảm ơn!\n\n"
        "English: the kiosk could not open its database and did NOT overwrite it. Staff: copy "
        f"the data folder “{data_dir}” to a USB stick, then restore the newest good backup with "
        "help-kiosk restore BACKUP_FILE. Citizens: please tell a volunteer.")


class RecoveryScreen(QWidget):
    """What the recovery page shows: why, what staff do, the newest backups."""

    def __init__(self, data_dir: Path, reason: str) -> None:
        super().__init__()
        self.setObjectName("recoveryScreen")
        self.setAccessibleName("Cần cán bộ hỗ trợ: khôi phục dữ liệu")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        label = QLabel(recovery_text(data_dir, reason), self)
        label.setObjectName("recoveryText")
        label.setAccessibleName("recoveryText")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setStyleSheet("font-size: 20pt;")
        layout.addWidget(label)
        layout.addStretch(1)

    def on_enter(self, **_context: Any) -> None:
        pass

    def on_leave(self) -> None:
        pass


def recovery_window(data_dir: Path, reason: str, config: Any, *, windowed: bool) -> Any:
    """The kiosk window (the same ``KioskWindow`` as always) holding only the recovery
    screen, pinned: in kiosk mode the window refuses to close (Alt+F4, Esc, the close
    event), as it does for every screen; there is no other window, before or after."""
    from ui.navigator import Navigator, ScreenId
    from ui.shell import KioskWindow
    from ui.state import KioskState

    state = KioskState(config.language, config.text_size, config.high_contrast,
                       not windowed)
    nav = Navigator()
    window = KioskWindow(state, nav, config.help_point_name)
    window.setWindowTitle("Điểm hỗ trợ số — cần cán bộ hỗ trợ")
    nav.add(ScreenId.RECOVERY, RecoveryScreen(data_dir, reason))
    nav.pin(ScreenId.RECOVERY)
    window.strip_to_name()
    return window
