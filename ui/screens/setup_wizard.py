"""First run: the help point's name and commune and the first staff PIN (skipped by --demo).

A screen inside the kiosk window (``ScreenId.SETUP``, pinned until done), never a window of
its own: the old dialog opened before the kiosk window, over the bare desktop (issue #16 item
4). It appears only when the database has no staff member yet, a new help point. A lost or
broken ``config.toml`` on a kiosk that has staff is not a first run: the kiosk keeps its
defaults, tells staff, and the name is changed in the staff settings, behind a PIN; before,
anyone could rename the help point there without one.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.auth import AuthError, AuthService, Role
from kiosk.config import save_config
from ui.widgets.big_button import BigButton

log = logging.getLogger(__name__)


class SetupScreen(QWidget):
    """The first-run form; ``finished`` once the help point and its first staff exist."""

    finished = Signal()

    def __init__(self, auth: AuthService, data_dir: Path, config: Any) -> None:
        super().__init__()
        self.setObjectName("setupWizard")
        self.auth, self.data_dir, self.config = auth, data_dir, config
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 8, 48, 8)
        self.title = QLabel(self)
        self.title.setObjectName("setupTitle")
        self.title.setProperty("role", "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.title)
        self.intro = QLabel(self)
        self.intro.setObjectName("setupIntro")
        self.intro.setWordWrap(True)
        outer.addWidget(self.intro)
        self.name = QLineEdit(config.help_point_name, self)
        self.commune = QLineEdit(config.commune, self)
        self.village = QLineEdit(config.village, self)
        self.staff_name = QLineEdit(self)
        self.pin = QLineEdit(self)
        self.pin2 = QLineEdit(self)
        # Two columns (the help point | its first staff member), so the whole form and its
        # button fit a 1366×768 screen with the largest text without scrolling.
        columns = QHBoxLayout()
        columns.setSpacing(32)
        self.fields: list[tuple[QLabel, QLineEdit]] = []
        for rows in (((self.name, "setupName"), (self.commune, "setupCommune"),
                      (self.village, "setupVillage")),
                     ((self.staff_name, "setupStaffName"), (self.pin, "setupPin"),
                      (self.pin2, "setupPin2"))):
            form = QFormLayout()
            for w, obj in rows:
                w.setObjectName(obj)
                label = QLabel(self)
                label.setBuddy(w)
                form.addRow(label, w)
                self.fields.append((label, w))
            columns.addLayout(form, 1)
        outer.addLayout(columns)
        for w in (self.pin, self.pin2):
            w.setEchoMode(QLineEdit.EchoMode.Password)
            w.setMaxLength(8)
        # The message beside the button, not above it: a two-line refusal must not push the
        # button off a 768-pixel screen.
        bottom = QHBoxLayout()
        bottom.setSpacing(24)
        self.message = QLabel(self)
        self.message.setObjectName("setupMessage")
        self.message.setWordWrap(True)
        bottom.addWidget(self.message, 1)
        self.ok = BigButton("", "done", object_name="setupDone", beside=True)
        self.ok.clicked.connect(self.finish)
        bottom.addWidget(self.ok)
        outer.addLayout(bottom)
        outer.addStretch(1)
        self._message: tuple[str, str] = ("", "")
        self.retranslate()

    def retranslate(self) -> None:
        """Every string through ``self.tr``: the top bar's English button works here too."""
        self.setAccessibleName(self.tr("Cài đặt lần đầu"))
        self.title.setText(self.tr("Cài đặt lần đầu"))
        self.intro.setText(self.tr("Chào mừng! Hãy nhập tên điểm hỗ trợ, xã/phường và mã PIN "
                                   "của cán bộ quản lý đầu tiên."))
        texts = (self.tr("Tên điểm hỗ trợ"), self.tr("Xã/phường/đặc khu"),
                 self.tr("Thôn/tổ dân phố"), self.tr("Tên cán bộ quản lý"),
                 self.tr("Mã PIN (4–8 số)"), self.tr("Nhập lại mã PIN"))
        for (label, field), text in zip(self.fields, texts, strict=True):
            label.setText(text)
            field.setAccessibleName(text)
        self.ok.set_label(self.tr("Bắt đầu dùng kiosk"))
        self._show_message(*self._message)

    def _show_message(self, key: str, error: str = "") -> None:
        """``key`` names one of the form's own messages; ``error`` is a refusal from the
        services (a KioskError, whose ``en`` is used in English)."""
        self._message = (key, error)
        texts = {"": "",
                 "missing": self.tr("Hãy nhập tên điểm hỗ trợ và xã/phường."),
                 "pins_differ": self.tr("Hai mã PIN không giống nhau. Hãy nhập lại.")}
        self.message.setText(texts.get(key, error))

    def on_enter(self, **_context: Any) -> None:
        self.name.setFocus()

    def on_leave(self) -> None:
        pass

    def _english(self) -> bool:
        return self.tr("Cài đặt lần đầu") != "Cài đặt lần đầu"

    def reset(self) -> None:
        """The idle reset: a PIN half typed and walked away from is cleared."""
        self.pin.clear()
        self.pin2.clear()

    def finish(self) -> None:
        if not self.name.text().strip() or not self.commune.text().strip():
            self._show_message("missing")
            return
        if self.pin.text() != self.pin2.text():
            self._show_message("pins_differ")
            return
        try:
            new = self.config.replace(help_point_name=self.name.text().strip(),
                                      commune=self.commune.text().strip(),
                                      village=self.village.text().strip(), setup_done=True)
            if not self.auth.has_staff():
                self.auth.add_member(None, self.staff_name.text() or "Cán bộ quản lý",
                                     Role.STAFF, self.pin.text())
        except (AuthError, ValueError) as exc:
            en = getattr(exc, "en", "")
            self._show_message("error", en if en and self._english() else str(exc))
            return
        save_config(self.data_dir, new)
        self.config.values.update(new.values)
        self.reset()
        self.finished.emit()


def needs_setup(auth: AuthService) -> bool:
    """A first run is a database without staff, never a config file that went missing."""
    return not auth.has_staff()


def install_setup(kiosk: Any, data_dir: Path) -> SetupScreen | None:
    """Pin the first-run screen in the kiosk window when this is a new help point."""
    from ui.navigator import ScreenId

    auth = AuthService(kiosk.store)
    if not needs_setup(auth):
        if not kiosk.config.setup_done:
            log.warning("config.toml lost its settings on a kiosk with staff: no first-run "
                        "screen (staff fix them in the settings tab)")
        return None
    screen = SetupScreen(auth, data_dir, kiosk.config)
    kiosk.nav.add(ScreenId.SETUP, screen)

    def done() -> None:
        kiosk.window.name_label.setText(kiosk.config.help_point_name)
        kiosk.nav.unpin()
        kiosk.nav.home()

    screen.finished.connect(done)
    kiosk.nav.pin(ScreenId.SETUP)
    return screen
