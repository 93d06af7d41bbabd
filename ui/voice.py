"""Voice mode for people who cannot read the screen (EN 301 549 5.1.3, 5.2).

Outside voice mode nothing changes. In voice mode the first touch on a button speaks what it
is and what it does and "arms" it (a thick focus border); a second touch on the same button
within a few seconds activates it. The words come from the button itself (``spoken()``: the
same translated strings the screen shows), so the voice never says something the screen does
not. PIN digits say only "một chữ số". The speaker button always acts on the first touch, so
voice mode can be turned on without already needing it, and the first touch on the idle Home
screen invites people to touch the speaker — once, not on every touch.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

from ui.state import KioskState

ARM_SECONDS = 4.0
INVITATION = "Chạm vào hình cái loa để nghe hướng dẫn"


class VoiceGuide(QObject):
    def __init__(self, state: KioskState, say: Callable[[str], None],
                 at_idle_home: Callable[[], bool], exempt: tuple[QWidget, ...] = (),
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.state = state
        self._say = say
        self._at_idle_home = at_idle_home
        self._exempt = exempt
        self._clock = clock
        self._armed: QAbstractButton | None = None
        self._armed_at = 0.0
        self.invited = False
        state.voice_changed.connect(lambda _on: self.disarm())

    def new_visitor(self) -> None:
        """Idle reset: the next person hears the invitation again."""
        self.invited = False
        self.disarm()

    def disarm(self) -> None:
        if self._armed is not None:
            try:
                self._armed.setProperty("armed", False)
                self._repolish(self._armed)
            except RuntimeError:  # the button was deleted meanwhile
                pass
        self._armed = None

    @staticmethod
    def _repolish(w: QWidget) -> None:
        w.style().unpolish(w)
        w.style().polish(w)

    def _button_at(self, obj: QObject) -> QAbstractButton | None:
        w = obj if isinstance(obj, QWidget) else None
        while w is not None and not isinstance(w, QAbstractButton):
            w = w.parentWidget()
        return w

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            # The keypad's decimal key toggles voice mode, for people who cannot find the icon.
            keypad = event.modifiers() & Qt.KeyboardModifier.KeypadModifier
            if keypad and event.key() in (Qt.Key.Key_Period, Qt.Key.Key_Comma, Qt.Key.Key_Delete):
                self.state.set_voice(not self.state.voice_on)
                return True
            return False
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                        QEvent.Type.MouseButtonDblClick):
            return False
        if not isinstance(event, QMouseEvent):
            return False
        button = self._button_at(obj)
        if not self.state.voice_on:
            if kind == QEvent.Type.MouseButtonPress and not self.invited and \
                    self._at_idle_home() and button not in self._exempt:
                self.invited = True
                self._say(self.tr(INVITATION))
            return False
        if button is None or button in self._exempt or not button.isEnabled():
            return False
        if kind == QEvent.Type.MouseButtonPress:
            now = self._clock()
            if self._armed is button and now - self._armed_at <= ARM_SECONDS:
                self.disarm()
                return False  # second touch: let the press (and its release) through
            self.disarm()
            self._armed, self._armed_at = button, now
            button.setProperty("armed", True)
            self._repolish(button)
            spoken = getattr(button, "spoken", None)
            text = spoken() if callable(spoken) else (button.accessibleName() or button.text())
            self._say(text)
            return True
        # Swallow the release (and double-click) that belongs to an arming touch.
        return self._armed is button and kind != QEvent.Type.MouseButtonPress
