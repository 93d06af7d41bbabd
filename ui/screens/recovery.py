"""Shown when the database cannot be opened: explain, point to backups, overwrite nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget


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


def show_recovery(app: QApplication, data_dir: Path, reason: str, windowed: bool) -> int:
    window = QWidget()
    window.setObjectName("recoveryScreen")
    window.setWindowTitle("Điểm hỗ trợ số — cần cán bộ hỗ trợ")
    layout = QVBoxLayout(window)
    label = QLabel(recovery_text(data_dir, reason), window)
    label.setObjectName("recoveryText")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("font-size: 22pt;")
    layout.addWidget(label)
    if windowed:
        window.resize(1366, 768)
        window.show()
    else:
        window.showFullScreen()
    return app.exec()
