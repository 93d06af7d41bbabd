"""Resume by code: the code a citizen leaves with, and the keypad to come back with it.

:class:`ResumeCodeScreen` is shown when a citizen presses Home midway through a tutorial (or a
practice): the code in large digits, what it opens, until when, how to use it; it is read
aloud digit by digit, and "In mã" prints it on a small slip. "Học tiếp bây giờ" goes straight
back (Home pressed by mistake). :class:`ResumeEntryScreen` ("Tiếp tục bài đang học", from the
catalogue) is a big 0–9 keypad: four digits, then "Học tiếp" opens the same step.

The rules (what a code is, when it is refused and with which words) are
:mod:`kiosk.resume`'s; these screens only show them. Database work runs on the database lane.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.errors import KioskError
from ui.layout_rule import mark_reading
from ui.navigator import Navigator
from ui.ops import Latest, Op
from ui.phrases import YOUR_NUMBER_IS, PhraseVoice
from ui.screens.base import BaseScreen, SpeakerLike
from ui.state import KioskState
from ui.tasks import TaskRunner
from ui.widgets.big_button import BigButton
from ui.widgets.fitted_number import FittedNumber
from ui.widgets.text import label

if TYPE_CHECKING:
    from kiosk.resume import IssuedCode, Where
    from ui.features.resume import ResumeCodes

log = logging.getLogger(__name__)


def _scrolling_words(parent: QWidget, name: str, *labels: QWidget) -> QScrollArea:
    """Words that may scroll (with the largest text on 1366×768) while the actions stay put."""
    words = QWidget()
    words.setObjectName(f"{name}Words")
    box = QVBoxLayout(words)
    box.setContentsMargins(0, 0, 8, 0)
    for w in labels:
        box.addWidget(w)
    box.addStretch(1)
    area = QScrollArea(parent)
    area.setObjectName(f"{name}Scroll")
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setMinimumHeight(1)
    area.setWidget(words)
    mark_reading(area)
    return area


class ResumeCodeScreen(BaseScreen):
    """The code to come back with, after leaving midway."""

    own_back = True  # Back would only lead Home, which the bar's Home already does
    speaks_itself = True  # the code is read when it is known, not when the screen opens

    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 codes: ResumeCodes, tasks: TaskRunner,
                 phrases: PhraseVoice | None = None) -> None:
        super().__init__(state, nav, speaker, "resumeCode")
        self.codes = codes
        self.tasks = tasks
        self.phrases = phrases
        self.issued: IssuedCode | None = None
        self.failed = False
        self.print_note = ""
        self._requests = Latest()  # a code that arrives after the citizen left is not shown

        body = QHBoxLayout()
        body.setSpacing(24)
        self.code = FittedNumber(self)
        self.code.setObjectName("resumeCodeDigits")
        self.code.setProperty("role", "huge")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.addWidget(self.code, 5)
        self.what = label(self, "resumeCodeWhat")
        self.what.setProperty("role", "banner")
        self.how = label(self, "resumeCodeHow")
        self.until = label(self, "resumeCodeUntil", "muted")
        self.status = label(self, "resumeCodeStatus", "tip")
        self.status.setVisible(False)
        body.addWidget(_scrolling_words(self, "resumeCode", self.what, self.how, self.until,
                                        self.status), 4)
        self.outer.addLayout(body, 1)

        row = QHBoxLayout()
        self.again_btn = BigButton("", "speaker", object_name="resumeListenAgain",
                                   role="secondary", beside=True)
        self.print_btn = BigButton("", "print", object_name="resumePrint", beside=True)
        self.continue_btn = BigButton("", "next", object_name="resumeContinueNow",
                                      role="secondary", beside=True)
        for b in (self.again_btn, self.print_btn, self.continue_btn):
            row.addWidget(b)
        self.outer.addLayout(row)
        self.again_btn.clicked.connect(lambda: self.read_aloud(always=True))
        self.print_btn.clicked.connect(self._print)
        self.continue_btn.clicked.connect(self._continue_now)

    # -- navigation ----------------------------------------------------------------------------
    def on_enter(self, **context: Any) -> None:
        self.issued, self.failed, self.print_note = None, False, ""
        # Home was pressed on the way here: its greeting must not talk over the code.
        self.speaker.stop_narration()
        kind = str(context.get("kind", ""))
        content_id = str(context.get("content_id", ""))
        position = int(context.get("position", 0))
        keep = context.get("keep") or None
        self.retranslate()
        codes = self.codes

        def failed(exc: BaseException) -> None:
            log.warning("no resume code made: %s", type(exc).__name__)
            self.failed = True
            self.retranslate()

        Op(lambda: codes.service.issue(kind, content_id, position, keep=keep)).on("db") \
            .success(self._show).failure(failed).latest_only(self._requests).run(self.tasks)

    def on_leave(self) -> None:
        self._requests.cancel()
        self.speaker.stop_narration()

    def reset(self) -> None:
        self.issued, self.print_note = None, ""

    def _show(self, code: IssuedCode) -> None:
        self.issued = code
        self.retranslate()
        self.read_aloud()

    # -- words -------------------------------------------------------------------------------------
    def _lang(self) -> str:
        return self.state.language if self.state.language in ("vi", "en") else "vi"

    def retranslate(self) -> None:
        self.title.setText(self.tr("Mã để học tiếp lần sau"))
        self.again_btn.set_label(self.tr("Nghe lại mã"), self.tr("Đọc to mã, từng số một."))
        self.print_btn.set_label(self.tr("In mã"), self.tr("In mã ra một mảnh giấy nhỏ."))
        self.continue_btn.set_label(self.tr("Học tiếp bây giờ"),
                                    self.tr("Quay lại đúng bước bạn vừa dừng."))
        code = self.issued
        ready = code is not None
        for b in (self.again_btn, self.print_btn, self.continue_btn):
            b.setEnabled(ready)
        if self.failed:
            self.code.setText("")
            self.what.setText(self.tr("Lúc này máy chưa tạo được mã. Lần sau bạn chọn lại "
                                      "bài trong “Học từng bước”, hoặc nhờ tình nguyện viên."))
            self.how.setText("")
            self.until.setText("")
            return
        if code is None:
            self.code.setText("")
            self.what.setText(self.tr("Đang tạo mã…"))
            self.how.setText("")
            self.until.setText("")
            return
        from kiosk.resume import shown

        lang = self._lang()
        total = self.codes.total(code.kind, code.content_id) or code.position + 1
        self.code.setText(shown(code.code))
        self.code.setAccessibleName(self.tr("Mã {code}").replace("{code}", code.code))
        title = self.codes.title(code.kind, code.content_id, lang)
        self.what.setText(self.tr("“{title}”: bạn dừng ở bước {n}/{total}.")
                          .replace("{title}", title).replace("{n}", str(code.position + 1))
                          .replace("{total}", str(total)))
        self.how.setText(self.tr("Lần sau, ở điểm hỗ trợ này: chạm “Học từng bước”, rồi "
                                 "“Tiếp tục bài đang học” và nhập 4 số này."))
        self.until.setText(self.tr("Mã dùng được đến hết ngày {date}. Mã không chứa thông "
                                   "tin cá nhân của bạn.")
                           .replace("{date}", code.expires_local.strftime("%d/%m/%Y")))
        self.status.setText(self.print_note)
        self.status.setVisible(bool(self.print_note))

    def spoken_code(self) -> str:
        """The code said one digit at a time, twice, in the kiosk's language."""
        if self.issued is None:
            return ""
        from kiosk.resume import spoken

        digits = spoken(self.issued.code, self._lang())
        return self.tr("Mã để học tiếp của bạn là: {digits}. Nhắc lại: {digits}.") \
            .replace("{digits}", digits)

    def announcement(self) -> str:
        if self.issued is None:
            return self.title.text()
        return f"{self.spoken_code()} {self.how.text()}"

    def read_aloud(self, always: bool = False) -> None:
        """The code is always read, digit by digit (many who leave midway read with
        difficulty); in voice mode with how to use it, after the recorded "your number is"
        of the chosen phrase set (Cơ Tu) when there is one."""
        if self.issued is None:
            return
        lang = self._lang()
        if self.state.voice_on and self.phrases is not None:
            self.phrases.say(self.announcement(), first=YOUR_NUMBER_IS)
        elif self.state.voice_on or always:
            self.speaker.say(self.announcement(), lang=lang)
        else:
            self.speaker.say(self.spoken_code(), lang=lang)

    # -- actions ---------------------------------------------------------------------------------
    def _print(self) -> None:
        code = self.issued
        if code is None:
            return
        self.print_btn.setEnabled(False)
        self.print_note = self.tr("Đang in mã…")
        self.retranslate()
        self.print_btn.setEnabled(False)

        def printed() -> None:
            self._printed(self.tr("Đã in mã. Bạn nhớ cầm mảnh giấy theo nhé."), code)

        def refused(words: str) -> None:
            self._printed(words, code)

        self.codes.print_slip(code, self._lang(), printed, refused)

    def _printed(self, note: str, code: IssuedCode) -> None:
        if self.issued is not code:
            return
        self.print_note = note
        self.retranslate()
        if self.state.voice_on:
            self.speaker.say(note, lang=self._lang())

    def _continue_now(self) -> None:
        code = self.issued
        if code is None:
            return
        from kiosk.resume import Where

        self.codes.open(Where(code=code.code, kind=code.kind, content_id=code.content_id,
                              position=code.position, clamped=False,
                              expires_at=code.expires_at))


class ResumeEntryScreen(BaseScreen):
    """"Tiếp tục bài đang học": type the four digits of a code on a big keypad."""

    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 codes: ResumeCodes, tasks: TaskRunner) -> None:
        super().__init__(state, nav, speaker, "resumeEntry")
        self.codes = codes
        self.tasks = tasks
        self.typed = ""
        self.checking = False
        self.refusal: KioskError | None = None
        self._again: tuple[str, str] | None = None  # (kind, content id) to start again

        body = QHBoxLayout()
        body.setSpacing(32)
        side = QVBoxLayout()
        self.shown = FittedNumber(self)
        self.shown.setObjectName("resumeEntryDigits")
        self.shown.setProperty("role", "huge")
        self.shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side.addWidget(self.shown, 1)
        self.message = label(self, "resumeEntryMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side.addWidget(_scrolling_words(self, "resumeEntry", self.message), 3)
        self.again_btn = BigButton("", "learn", object_name="resumeStartAgain",
                                   role="secondary", beside=True)
        self.again_btn.clicked.connect(self._start_again)
        side.addWidget(self.again_btn)
        body.addLayout(side, 2)

        pad = QGridLayout()
        pad.setSpacing(12)
        self.digit_buttons: list[BigButton] = []
        for i, d in enumerate("1234567890"):
            b = BigButton(d, object_name=f"resumeDigit{d}", role="tile")
            b.setProperty("keypad", True)  # digits larger than words (ui/theme.py)
            b.clicked.connect(lambda _=False, d=d: self.press(d))
            self.digit_buttons.append(b)
            row, col = (i // 3, i % 3) if d != "0" else (3, 1)
            pad.addWidget(b, row, col)
        self.erase_btn = BigButton("", object_name="resumeErase", role="secondary")
        self.ok_btn = BigButton("", object_name="resumeOpen")
        self.erase_btn.clicked.connect(self.erase)
        self.ok_btn.clicked.connect(self.submit)
        pad.addWidget(self.erase_btn, 3, 0)
        pad.addWidget(self.ok_btn, 3, 2)
        body.addLayout(pad, 3)
        self.outer.addLayout(body, 1)
        self.retranslate()

    def on_enter(self, **context: Any) -> None:
        self.reset()
        self.retranslate()

    def reset(self) -> None:
        self.typed, self.refusal, self._again, self.checking = "", None, None, False

    def retranslate(self) -> None:
        from kiosk.resume import LENGTH

        self.title.setText(self.tr("Tiếp tục bài đang học: nhập mã 4 số"))
        self.erase_btn.set_label(self.tr("Xóa số cuối"), self.tr("Xóa số vừa nhập."))
        self.ok_btn.set_label(self.tr("Học tiếp"), self.tr("Mở đúng bước bạn đã dừng."))
        self.again_btn.set_label(self.tr("Học lại từ đầu"),
                                 self.tr("Mở bài này từ bước đầu tiên."))
        for b in self.digit_buttons:
            b.set_label(b.text(), "")
        self.shown.setText(" ".join(self.typed.ljust(LENGTH, "_")))
        self.shown.setAccessibleName(self.tr("Mã đã nhập: {code}")
                                     .replace("{code}", " ".join(self.typed) or "—"))
        self.ok_btn.setEnabled(len(self.typed) == LENGTH and not self.checking)
        self.erase_btn.setEnabled(bool(self.typed) and not self.checking)
        if self.refusal is not None:
            self.message.setText(self.refusal.message(self.state.language))
        elif self.checking:
            self.message.setText(self.tr("Đang tìm bài của mã này…"))
        else:
            self.message.setText(self.tr("Mã gồm 4 số, in trên mảnh giấy hoặc phiếu bạn nhận "
                                         "lần trước. Chỉ dùng được ở điểm hỗ trợ này."))
        self.message.setAccessibleName(self.message.text())
        self.again_btn.setVisible(self._again is not None)

    def press(self, digit: str) -> None:
        from kiosk.resume import LENGTH

        if self.checking or len(self.typed) >= LENGTH:
            return
        self.typed += digit
        self.refusal, self._again = None, None
        self.retranslate()

    def erase(self) -> None:
        self.typed = self.typed[:-1]
        self.retranslate()

    def submit(self) -> None:
        from kiosk.resume import is_well_formed

        if self.checking or not is_well_formed(self.typed):
            return
        typed = self.typed
        self.checking = True
        self.retranslate()
        codes = self.codes

        def found(where: Where) -> None:
            self.typed = ""
            codes.open(where)

        Op(lambda: codes.service.look_up(typed)).on("db") \
            .always(self._answered).success(found).problem(self.show_refusal).run(self.tasks)

    def _answered(self) -> None:
        self.checking = False

    def show_refusal(self, exc: KioskError) -> None:
        self.typed = ""
        self.refusal = exc
        kind, content_id = getattr(exc, "kind", ""), getattr(exc, "content_id", "")
        # An expired code still names its tutorial: offer it from the first step.
        self._again = (kind, content_id) if getattr(exc, "reason", "") == "expired" \
            and self.codes.total(kind, content_id) else None
        self.retranslate()
        if self.state.voice_on:
            self.speaker.say(exc.message(self.state.language), lang=self.state.language)

    def _start_again(self) -> None:
        if self._again is None:
            return
        from kiosk.resume import Where

        kind, content_id = self._again
        self.codes.open(Where(code="", kind=kind, content_id=content_id, position=0,
                              clamped=False, expires_at=datetime.min))

    def announcement(self) -> str:
        return self.tr("Tiếp tục bài đang học. Hãy nhập 4 số của mã, rồi chạm “Học tiếp”.")
