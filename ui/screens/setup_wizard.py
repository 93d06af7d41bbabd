"""First run: the help point's name and commune and the first staff PIN (skipped by --demo)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit

from kiosk.auth import AuthError, AuthService, Role
from kiosk.config import save_config
from ui.widgets.big_button import BigButton


class SetupDialog(QDialog):
    def __init__(self, auth: AuthService, data_dir: Path, config: Any) -> None:
        super().__init__()
        self.setObjectName("setupWizard")
        self.setWindowTitle("Cài đặt lần đầu")
        self.auth, self.data_dir, self.config = auth, data_dir, config
        form = QFormLayout(self)
        intro = QLabel("Chào mừng! Hãy nhập tên điểm hỗ trợ, xã/phường và mã PIN của cán bộ "
                       "quản lý đầu tiên.", self)
        intro.setWordWrap(True)
        form.addRow(intro)
        self.name = QLineEdit(config.help_point_name, self)
        self.commune = QLineEdit(config.commune, self)
        self.village = QLineEdit(config.village, self)
        self.staff_name = QLineEdit(self)
        self.pin = QLineEdit(self)
        self.pin2 = QLineEdit(self)
        for w, obj, label in ((self.name, "setupName", "Tên điểm hỗ trợ"),
                              (self.commune, "setupCommune", "Xã/phường/đặc khu"),
                              (self.village, "setupVillage", "Thôn/tổ dân phố"),
                              (self.staff_name, "setupStaffName", "Tên cán bộ quản lý"),
                              (self.pin, "setupPin", "Mã PIN (4–8 số)"),
                              (self.pin2, "setupPin2", "Nhập lại mã PIN")):
            w.setObjectName(obj)
            w.setAccessibleName(label)
            form.addRow(label, w)
        for w in (self.pin, self.pin2):
            w.setEchoMode(QLineEdit.EchoMode.Password)
            w.setMaxLength(8)
        self.message = QLabel(self)
        self.message.setObjectName("setupMessage")
        self.message.setWordWrap(True)
        form.addRow(self.message)
        self.ok = BigButton("Bắt đầu dùng kiosk", "done", object_name="setupDone", beside=True)
        self.ok.clicked.connect(self.finish)
        form.addRow(self.ok)

    def finish(self) -> None:
        if not self.name.text().strip() or not self.commune.text().strip():
            self.message.setText("Hãy nhập tên điểm hỗ trợ và xã/phường.")
            return
        if self.pin.text() != self.pin2.text():
            self.message.setText("Hai mã PIN không giống nhau. Hãy nhập lại.")
            return
        try:
            new = self.config.replace(help_point_name=self.name.text().strip(),
                                      commune=self.commune.text().strip(),
                                      village=self.village.text().strip(), setup_done=True)
            if not self.auth.has_staff():
                self.auth.add_member(None, self.staff_name.text() or "Cán bộ quản lý",
                                     Role.STAFF, self.pin.text())
        except (AuthError, ValueError) as exc:
            self.message.setText(str(exc))
            return
        save_config(self.data_dir, new)
        self.config.values.update(new.values)
        self.accept()


def maybe_run_setup(kiosk: Any, data_dir: Path) -> None:
    """Show the first-run dialog until it is completed (a kiosk cannot run without staff)."""
    auth = AuthService(kiosk.store)
    if kiosk.config.setup_done and auth.has_staff():
        return
    dialog = SetupDialog(auth, data_dir, kiosk.config)
    while dialog.exec() != QDialog.DialogCode.Accepted:
        pass
    kiosk.window.name_label.setText(kiosk.config.help_point_name)
