"""The PIN pad for volunteers and staff: big digits, dots instead of numbers, calm lockout.

The PIN is checked by kiosk.auth off the GUI thread (argon2 is deliberately slow). In voice
mode a digit is spoken only as "một chữ số" (one digit), never the digit itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout

from kiosk.auth import Actor, AuthService
from kiosk.errors import KioskError
from ui.navigator import Navigator, ScreenId
from ui.ops import Op
from ui.screens.base import BaseScreen, SpeakerLike
from ui.state import KioskState
from ui.tasks import TaskRunner
from ui.widgets.big_button import BigButton


class PinPadScreen(BaseScreen):
    signed_in = Signal(object)  # Actor

    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 auth: AuthService, tasks: TaskRunner) -> None:
        super().__init__(state, nav, speaker, "pin")
        self.auth = auth
        self.tasks = tasks
        self.pin = ""
        self.checking = False
        self.dots = QLabel(self)
        self.dots.setObjectName("pinDots")
        self.dots.setProperty("role", "huge")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(self)
        self.message.setObjectName("pinMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The dots and the message beside the pad, not above it: four rows of big keys then
        # fit under the title at 1366×768 with the largest text.
        body = QHBoxLayout()
        body.setSpacing(32)
        side = QVBoxLayout()
        side.addStretch(1)
        side.addWidget(self.dots)
        side.addWidget(self.message)
        side.addStretch(1)
        body.addLayout(side, 2)
        pad = QGridLayout()
        pad.setSpacing(16)
        self.digit_buttons: list[BigButton] = []
        for i, d in enumerate("123456789"):
            b = BigButton(d, object_name=f"pinDigit{d}", role="tile")
            b.clicked.connect(lambda _=False, d=d: self.press(d))
            self.digit_buttons.append(b)
            pad.addWidget(b, i // 3, i % 3)
        self.clear_btn = BigButton("", object_name="pinClear", role="secondary")
        zero = BigButton("0", object_name="pinDigit0", role="tile")
        zero.clicked.connect(lambda: self.press("0"))
        self.digit_buttons.append(zero)
        self.ok_btn = BigButton("", object_name="pinOk")
        self.clear_btn.clicked.connect(self.clear)
        self.ok_btn.clicked.connect(self.submit)
        pad.addWidget(self.clear_btn, 3, 0)
        pad.addWidget(zero, 3, 1)
        pad.addWidget(self.ok_btn, 3, 2)
        body.addLayout(pad, 3)
        self.outer.addLayout(body, 1)
        for b in self.digit_buttons:
            # Privacy: a screen reader or voice mode hears "a digit", never which one.
            b.set_label(b.text(), "")
            b.setAccessibleName(self.tr("một chữ số"))
            b.speak_as = self.tr("một chữ số")
        self.next_screen = ScreenId.HOME

    def on_enter(self, **context: Any) -> None:
        self.next_screen = context.get("next", ScreenId.HOME)
        self.clear()
        self.message.setText("")
        self.retranslate()

    def reset(self) -> None:
        self.clear()
        self.message.setText("")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Nhập mã PIN của tình nguyện viên hoặc cán bộ"))
        self.clear_btn.set_label(self.tr("Xóa"), self.tr("Xóa các số đã nhập."))
        self.ok_btn.set_label(self.tr("Xong"), self.tr("Kiểm tra mã PIN."))
        for b in self.digit_buttons:
            b.setAccessibleName(self.tr("một chữ số"))
            b.speak_as = self.tr("một chữ số")
            b.what_it_does = ""

    def press(self, digit: str) -> None:
        if self.checking or len(self.pin) >= 8:
            return
        self.pin += digit
        self.dots.setText("●" * len(self.pin))

    def clear(self) -> None:
        self.pin = ""
        self.dots.setText("")

    def submit(self) -> None:
        if self.checking:
            return
        pin, self.pin = self.pin, ""
        self.dots.setText("")
        self.checking = True
        self.message.setText(self.tr("Đang kiểm tra…"))
        Op(lambda: self.auth.sign_in(pin)).on("db").always(self._on_answer) \
            .success(self._on_ok).problem(self._on_problem).run(self.tasks)

    def _on_answer(self) -> None:
        self.checking = False

    def _on_ok(self, actor: Actor) -> None:
        self.message.setText("")
        self.state.sign_in(actor)
        self.signed_in.emit(actor)
        target = self.next_screen if self.nav.has(self.next_screen) else ScreenId.HOME
        self.nav.go_to(target, remember=False)

    def _on_problem(self, exc: KioskError) -> None:
        text = exc.message(self.state.language)
        self.message.setText(text)
        self.speaker.say(text) if self.state.voice_on else None

    def announcement(self) -> str:
        return self.tr("Nhập mã PIN. Mỗi số bạn chạm sẽ chỉ được đọc là một chữ số.")
