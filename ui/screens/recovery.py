"""Shown when the database cannot be opened: explain, point to backups, overwrite nothing."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

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
        "Người dân: vui lòng báo tình nguyện viên. Xin cảm ơn!")


class RecoveryWindow(QWidget):
    """The recovery screen. In kiosk mode it refuses to close (Alt+F4, Esc, the close
    event): an exit here used to be code 0, which the supervisor took for a staff quit and
    left the desktop."""

    def __init__(self, data_dir: Path, reason: str, windowed: bool) -> None:
        super().__init__()
        self.allow_close = windowed
        self.setObjectName("recoveryScreen")
        self.setWindowTitle("Điểm hỗ trợ số — cần cán bộ hỗ trợ")
        layout = QVBoxLayout(self)
        label = QLabel(recovery_text(data_dir, reason), self)
        label.setObjectName("recoveryText")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setStyleSheet("font-size: 22pt;")
        layout.addWidget(label)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.allow_close:
            event.accept()
            return
        log.info("close refused on the recovery screen")
        event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if not self.allow_close and (event.key() == Qt.Key.Key_Escape
                                     or (alt and event.key() == Qt.Key.Key_F4)):
            event.accept()
            return
        super().keyPressEvent(event)


def show_recovery(app: QApplication, data_dir: Path, reason: str, windowed: bool) -> int:
    """Show the recovery screen until the process ends. Returns :data:`EXIT_RECOVERY` in kiosk
    mode (never 0, the staff-quit code), so the supervisor starts the kiosk again and a
    restored database is picked up."""
    from kiosk.supervisor import EXIT_RECOVERY

    window = RecoveryWindow(data_dir, reason, windowed)
    if windowed:
        window.resize(1366, 768)
        window.show()
    else:
        window.showFullScreen()
    code = app.exec()
    return code if windowed else EXIT_RECOVERY
