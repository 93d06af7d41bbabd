"""Idle timeout: a warning with a countdown and a big "more time" button, then Home.

Any touch, click or key resets the timer. When it runs out the kiosk shows a 10-second
countdown (on screen and with a sound, so it is noticed through more than one sense) with a
large "Thêm thời gian" button; if nobody answers, the shell clears everything a citizen typed,
signs any volunteer out and goes Home. Nothing is reset while a ticket prints or a step is
being read (``state.busy_reasons``); in voice mode the timeout doubles.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.first_paint import after_paint, set_enum
from ui.state import KioskState
from ui.widgets.big_button import BigButton

INPUT_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin,
                QEvent.Type.Wheel}


class IdleWarning(QWidget):
    """The countdown card shown over the current screen."""

    more_time = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Overlay")
        # Hidden until the idle timeout: its background may wait for the first paint.
        after_paint(self, lambda: self.setAttribute(
            QtCore.Qt.WidgetAttribute.WA_StyledBackground, True))
        layout = QVBoxLayout(self)
        self.label = QLabel(self)
        self.label.setObjectName("idleCountdownLabel")
        self.label.setWordWrap(True)
        set_enum(self.label, "alignment", "AlignCenter")
        self.label.setProperty("role", "title")
        self.button = BigButton("", "repeat", object_name="idleMoreTime", beside=True)
        self.retranslate()
        self.button.clicked.connect(self.more_time)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.hide()

    def retranslate(self) -> None:
        """Built once at start-up: set the button's words again on a language change."""
        self.button.set_label(self.tr("Thêm thời gian"), self.tr("Chạm để tiếp tục dùng kiosk."))

    def show_seconds(self, seconds: int) -> None:
        self.label.setText(self.tr("Bạn còn ở đây không?\nMáy sẽ về màn hình chính sau "
                                   "{n} giây.").replace("{n}", str(seconds)))
        parent = self.parentWidget()
        if parent is not None:
            w, h = int(parent.width() * 0.6), int(parent.height() * 0.45)
            self.setGeometry((parent.width() - w) // 2, (parent.height() - h) // 2, w, h)
        self.show()
        self.raise_()


class IdleWatcher(QObject):
    timed_out = Signal()
    warning_started = Signal()

    def __init__(self, state: KioskState, overlay: IdleWarning, timeout_s: int,
                 is_at_rest: Callable[[], bool], warn_sound: Callable[[], None],
                 countdown_s: int = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.overlay = overlay
        self.timeout_ms = timeout_s * 1000
        self.countdown_s = countdown_s
        self._remaining = countdown_s
        self._is_at_rest = is_at_rest
        self._warn_sound = warn_sound
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._on_idle)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        overlay.more_time.connect(self.extend)
        state.voice_changed.connect(lambda _on: self.reset())
        self.reset()

    @property
    def effective_timeout_ms(self) -> int:
        return self.timeout_ms * (2 if self.state.voice_on else 1)

    @property
    def warning_visible(self) -> bool:
        return self._tick.isActive()

    def reset(self) -> None:
        if self._tick.isActive():
            return  # during the countdown only the button (or any touch on it) extends
        self._idle.start(self.effective_timeout_ms)

    def extend(self) -> None:
        self._tick.stop()
        self.overlay.hide()
        self._idle.start(self.effective_timeout_ms)

    def stop(self) -> None:
        self._idle.stop()
        self._tick.stop()
        self.overlay.hide()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in INPUT_EVENTS:
            if self._tick.isActive():
                # Any touch while the warning shows counts as "more time".
                self.extend()
            else:
                self._idle.start(self.effective_timeout_ms)
        return False

    def _on_idle(self) -> None:
        if self.state.busy_reasons or self._is_at_rest():
            self._idle.start(self.effective_timeout_ms)
            return
        self._remaining = self.countdown_s
        self.overlay.show_seconds(self._remaining)
        self._warn_sound()
        self.warning_started.emit()
        self._tick.start()

    def _on_tick(self) -> None:
        if self.state.busy_reasons:
            self.extend()
            return
        self._remaining -= 1
        if self._remaining > 0:
            self.overlay.show_seconds(self._remaining)
            return
        self._tick.stop()
        self.overlay.hide()
        self.timed_out.emit()
        self._idle.start(self.effective_timeout_ms)
