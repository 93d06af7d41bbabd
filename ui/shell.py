"""The kiosk window: top bar, the navigator, and the always-visible Back and Home.

In kiosk mode the window refuses to close (close event, Alt+F4, Esc); a hidden gesture
(long-press on the logo for 3 seconds, or Ctrl+Alt+K) opens the staff PIN pad. The speaker
button sits in the same place on every screen and needs no reading.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import icons
from ui.first_paint import after_paint, qt_namespace_built, set_enum
from ui.navigator import Navigator, ScreenId
from ui.state import KioskState
from ui.widgets.big_button import BigButton

if TYPE_CHECKING:
    # Loaded when first used (a message, a key), not before the first paint.
    from PySide6.QtGui import QCloseEvent, QKeyEvent
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)

LONG_PRESS_MS = 3000


class _LongPress(QObject):
    """Emits ``triggered`` when the watched widget is held down for LONG_PRESS_MS."""

    triggered = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LONG_PRESS_MS)
        self._timer.timeout.connect(self.triggered)
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.MouseButtonPress:
            self._timer.start()
        elif event.type() in (QEvent.Type.MouseButtonRelease, QEvent.Type.Leave):
            self._timer.stop()
        return False


def _styled_background(bar: QWidget) -> None:
    """The bar paints its style sheet background. Qt's style sheet already does this for a
    plain QWidget with a background rule (ours has one for both bars) when it polishes it;
    set explicitly, after the first paint, so it holds whatever the style sheet says."""
    after_paint(bar, lambda: bar.setAttribute(QtCore.Qt.WidgetAttribute.WA_StyledBackground,
                                              True))


class ElidedLabel(QLabel):
    """One line; ends with "…" when there is not room for the whole text."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = text
        self.setText(text)

    def setText(self, text: str) -> None:  # type: ignore[override]  # noqa: N802 - Qt API
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        self._elide()

    def _elide(self) -> None:
        width = max(10, self.width())
        fm = self.fontMetrics()
        if fm.horizontalAdvance(self._full) <= width or (
                not qt_namespace_built() and not self.isVisible()):
            # Text that fits is shown whole (what elidedText returns too). Before the first
            # paint a label not shown yet keeps it whole until its first resize, at its real
            # width, which comes before anything is painted: no Qt namespace (ui.first_paint).
            shown = self._full
        else:
            shown = fm.elidedText(self._full, QtCore.Qt.TextElideMode.ElideRight, width)
        super().setText(shown)


class KioskWindow(QMainWindow):
    close_refused = Signal()
    staff_gesture = Signal()

    def __init__(self, state: KioskState, nav: Navigator, help_point_name: str) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        self.setWindowTitle("Điểm hỗ trợ số")
        self.state = state
        self.nav = nav
        self.allow_close = not state.kiosk_mode
        central = QWidget(self)
        central.setObjectName("Screen")
        root = QVBoxLayout(central)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)

        self.top = QWidget(central)
        self.top.setObjectName("TopBar")
        _styled_background(self.top)
        top = QHBoxLayout(self.top)
        self.logo = QLabel(self.top)
        self.logo.setObjectName("logo")
        self.logo.setAccessibleName("Biểu tượng điểm hỗ trợ số")
        self.logo.setPixmap(icons.pixmap("logo", "#1565c0", 72))
        self.name_label = ElidedLabel(help_point_name, self.top)
        self.name_label.setObjectName("helpPointName")
        # The help point's name gives way (elided with "…") so the buttons keep their words.
        self.name_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                      QSizePolicy.Policy.Preferred)
        self.who_label = ElidedLabel("")
        self.who_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.who_label.setObjectName("signedInAs")
        # Made inside their bar, so each takes the bar's colours (icon included) at once.
        self.lang_btn = BigButton("", "language", object_name="languageButton", beside=True,
                                  icon_px=40, parent=self.top)
        # Text size: smaller and larger, each stepping one way only, with the level between
        # them (a single button that cycled made the third tap shrink the text).
        self.size_down_btn = BigButton("A−", object_name="textSmallerButton", beside=True,
                                       parent=self.top)
        self.size_btn = BigButton("A+", object_name="textLargerButton", beside=True,
                                  parent=self.top)
        self.size_level = QLabel(self.top)
        self.size_level.setObjectName("textSizeLevel")
        set_enum(self.size_level, "alignment", "AlignCenter")
        self.contrast_btn = BigButton("", "contrast", object_name="contrastButton", icon_px=40,
                                      beside=True, parent=self.top)
        self.speaker_btn = BigButton("", "speaker", object_name="speakerButton", icon_px=56,
                                     parent=self.top)
        self.speaker_btn.setCheckable(True)
        top.addWidget(self.logo)
        top.addWidget(self.name_label, 1)
        top.addWidget(self.lang_btn)
        top.addWidget(self.size_down_btn)
        top.addWidget(self.size_level)
        top.addWidget(self.size_btn)
        top.addWidget(self.contrast_btn)
        top.addWidget(self.speaker_btn)
        root.addWidget(self.top)

        body = QWidget(central)
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(nav)
        root.addWidget(body, 1)

        self.bottom = QWidget(central)
        self.bottom.setObjectName("BottomBar")
        _styled_background(self.bottom)
        bottom = QHBoxLayout(self.bottom)
        self.back_btn = BigButton("", "back", object_name="backButton", beside=True,
                                  parent=self.bottom)
        self.signout_btn = BigButton("", "lock", object_name="signOutButton", beside=True,
                                     parent=self.bottom)
        self.home_btn = BigButton("", "home", object_name="homeButton", beside=True,
                                  parent=self.bottom)
        bottom.addWidget(self.back_btn)
        bottom.addWidget(self.who_label, 1)
        bottom.addWidget(self.signout_btn)
        bottom.addWidget(self.home_btn)
        set_enum(self.who_label, "alignment", "AlignRight|AlignVCenter")
        root.addWidget(self.bottom)
        self.setCentralWidget(central)
        # The focus ring is for the keyboard (big buttons take focus by Tab only, see
        # ui.widgets.big_button): the window opens with the screen focused, not "English".
        nav.setFocus()

        self.back_btn.clicked.connect(nav.back)
        self.home_btn.clicked.connect(nav.home)
        self.signout_btn.clicked.connect(self._sign_out)
        self.lang_btn.clicked.connect(
            lambda: state.set_language("en" if state.language == "vi" else "vi"))
        self.size_btn.clicked.connect(lambda: state.set_text_size(state.text_size + 1))
        self.size_down_btn.clicked.connect(lambda: state.set_text_size(state.text_size - 1))
        state.look_changed.connect(self._show_text_size)
        self.contrast_btn.clicked.connect(lambda: state.set_high_contrast(not state.high_contrast))
        self.speaker_btn.toggled.connect(state.set_voice)
        state.voice_changed.connect(self._on_voice_changed)
        state.actor_changed.connect(lambda _a: self.retranslate())
        _LongPress(self.logo).triggered.connect(self.staff_gesture)
        nav.screen_changed.connect(self._on_screen_changed)
        nav.chrome_changed.connect(self._refresh_back)
        self.retranslate()

    def add_staff_shortcut(self) -> None:
        """Ctrl+Alt+K opens the staff PIN pad too (the composition root adds it once the
        kiosk has started: nobody types before the first paint)."""
        from PySide6.QtGui import QKeySequence, QShortcut

        QShortcut(QKeySequence("Ctrl+Alt+K"), self, activated=self.staff_gesture.emit)

    # -- look ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.back_btn.set_label(self.tr("Quay lại"), self.tr("Về màn hình trước."))
        self.home_btn.set_label(self.tr("Màn hình chính"), self.tr("Về màn hình đầu tiên."))
        self.signout_btn.set_label(self.tr("Đăng xuất"),
                                   self.tr("Kết thúc phiên của tình nguyện viên."))
        self.lang_btn.set_label("English" if self.state.language == "vi" else "Tiếng Việt",
                                self.tr("Đổi ngôn ngữ."))
        self.size_btn.set_label("A+", self.tr("Chữ to hơn."))
        self.size_btn.setAccessibleName(self.tr("Chữ to hơn"))
        self.size_btn.speak_as = self.tr("Chữ to hơn.")
        self.size_down_btn.set_label("A−", self.tr("Chữ nhỏ hơn."))
        self.size_down_btn.setAccessibleName(self.tr("Chữ nhỏ hơn"))
        self.size_down_btn.speak_as = self.tr("Chữ nhỏ hơn.")
        self._show_text_size()
        # Plain words: many elderly villagers do not know "Tương phản" (contrast).
        self.contrast_btn.set_label(self.tr("Đổi màu"),
                                    self.tr("Đổi màu nền và chữ cho dễ nhìn hơn."))
        self.speaker_btn.set_label("", self.tr("Bật hoặc tắt đọc to."))
        self.speaker_btn.setAccessibleName(self.tr("Đọc to"))
        self.speaker_btn.setToolTip(self.tr("Đọc to"))
        actor = self.state.actor
        helper = self.state.is_helper
        self.signout_btn.setVisible(helper)
        self.who_label.setText(self.tr("Đang đăng nhập: {name}").replace("{name}", actor.name)
                               if helper else "")
        self._refresh_back()

    def _show_text_size(self) -> None:
        level = self.state.text_size
        self.size_level.setText(self.tr("Cỡ chữ {n}/3").replace("{n}", str(level + 1)))
        self.size_level.setAccessibleName(self.size_level.text())
        self.size_down_btn.setEnabled(level > 0)
        self.size_btn.setEnabled(level < 2)

    def _on_voice_changed(self, on: bool) -> None:
        self.speaker_btn.blockSignals(True)
        self.speaker_btn.setChecked(on)
        self.speaker_btn.blockSignals(False)
        self.speaker_btn.icon_name = "speaker" if on else "speaker-off"

    def _on_screen_changed(self, screen_id: ScreenId) -> None:
        self._refresh_back()
        focus = self.focusWidget()
        if focus is None or isinstance(focus, BigButton):
            # Qt moved focus off a hidden button to the next one (a bar's or the new
            # screen's, with the ring): the new screen takes it instead (a screen that
            # focuses a field keeps it).
            self.nav.setFocus()

    def _refresh_back(self) -> None:
        at_home = self.nav.current_id in (None, ScreenId.HOME)
        self.back_btn.setEnabled(not at_home)
        self.home_btn.setEnabled(not at_home)
        current = self.nav.currentWidget()
        # A page turned towards the citizen (consent, satisfaction faces) offers no way to
        # leave the volunteer's work or end the volunteer's session.
        citizen = bool(getattr(current, "citizen_facing", False))
        # A pinned screen (first-run setup, recovery) is the only way: no Back, no Home.
        pinned = self.nav.pinned is not None
        self.back_btn.setVisible(not getattr(current, "own_back", False) and not citizen
                                 and not pinned)
        self.home_btn.setVisible(not citizen and not pinned)
        self.signout_btn.setVisible(self.state.is_helper and not citizen)
        self.who_label.setVisible(not citizen)

    def strip_to_name(self) -> None:
        """Only the help point's name on the bars (the recovery screen: no kiosk behind the
        window, so the language, text size, colour and voice buttons would do nothing)."""
        for w in (self.lang_btn, self.size_down_btn, self.size_level, self.size_btn,
                  self.contrast_btn, self.speaker_btn, self.back_btn, self.home_btn,
                  self.signout_btn):
            w.hide()

    def _sign_out(self) -> None:
        self.state.sign_out()
        self.nav.home()

    # -- kiosk lock ----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.allow_close:
            event.accept()
            return
        log.info("close refused in kiosk mode")
        event.ignore()
        self.close_refused.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if self._is_escape_key(event):
            event.accept()
            self.close_refused.emit()
            return
        super().keyPressEvent(event)

    def _is_escape_key(self, event: QKeyEvent) -> bool:
        if self.allow_close:
            return False
        qt = QtCore.Qt  # a key press comes after the first paint (ui.first_paint)
        if event.key() == qt.Key.Key_Escape:
            return True
        alt = event.modifiers() & qt.KeyboardModifier.AltModifier
        return bool(alt and event.key() == qt.Key.Key_F4)

    def show_message(self, text: str, title: str = "") -> QMessageBox:
        """A calm, non-blocking message (never a traceback)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setObjectName("calmMessage")
        box.setWindowTitle(title or self.tr("Thông báo"))
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        ok = box.button(QMessageBox.StandardButton.Ok)
        ok.setText(self.tr("Đã hiểu"))
        ok.setObjectName("calmMessageOk")
        ok.setAccessibleName(self.tr("Đã hiểu"))
        box.setModal(False)
        # A closed message box is only hidden; delete it so a long-running kiosk does not
        # keep one per message (found by the soak run).
        box.finished.connect(box.deleteLater)
        box.open()
        QTimer.singleShot(15000, box.accept)
        return box
