"""Practice ("Tập thử"): rehearse a tutorial on a big pretend phone where nothing can go wrong.

The screens of the pretend phone, the instruction, the hint after a wrong touch and the praise
after a right one all come from ``<tutorial>/practice.toml`` (:class:`kiosk.content.model.
Practice`); this screen only shows and says them. Every instruction, hint and praise is read
aloud (like the scam verdict: a practice talks to the citizen), so a first-time user can finish
it by ear alone; in voice mode the keypad keys say their digit on the first touch.

**Pretend data only.** The big keypad is labelled "số tập" and the instruction always names
the pretend code to type. What is typed lives in :attr:`PracticeScreen.typed` only: it is
never logged, never stored, never put into a usage event (those hold the practice, the kind
and the screen number), and it is cleared on a wrong entry, on "Làm lại bước này", on every
new screen and when the citizen leaves (Home, Back, the idle reset).

Usage (anonymous, like the step player's): practice opened, a wrong touch or entry on screen
N, finished, left at screen N, asked for help at screen N (:data:`kiosk.usage.PRACTICE_KINDS`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import PRACTICE_DONE, Catalogue, PhoneScreen, Practice, Tutorial
from kiosk.usage import Run, UsageRecorder
from ui import theme
from ui.layout_rule import mark_reading
from ui.navigator import Navigator
from ui.ops import Op
from ui.screens.base import BaseScreen, SpeakerLike, clear_layout
from ui.state import KioskState
from ui.tasks import TaskRunner
from ui.widgets.big_button import BigButton
from ui.widgets.text import label

log = logging.getLogger(__name__)

AskFn = Callable[[str, int], None]
KEYS = "1234567890"


class PracticeScreen(BaseScreen):
    """The pretend phone on the left; the instruction, what happened and the keypad on the
    right; "Nghe lại", "Làm lại bước này", "Hỏi tình nguyện viên" under them. Home and Back
    are the bottom bar's."""

    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 catalogue: Catalogue, usage: UsageRecorder, tasks: TaskRunner,
                 ask_volunteer: AskFn | None = None) -> None:
        super().__init__(state, nav, speaker, "practice")
        self.catalogue = catalogue
        self.usage = usage
        self.tasks = tasks
        self.ask_volunteer = ask_volunteer
        self.tutorial: Tutorial | None = None
        self.index = 0
        self.finished = False
        self.run: Run | None = None
        self.typed = ""  # pretend digits: memory only (see the module docstring)

        # The phone takes the whole height on the left (its keypad inside it, as on a real
        # phone); the title, where we are, the words and the three actions are on the right.
        # A row of actions under both did not leave the phone two lines of its message at
        # 1366×768 with the largest text.
        self.outer.removeWidget(self.title)
        body = QHBoxLayout()
        body.setSpacing(24)
        body.addWidget(self._build_phone(), 1)
        body.addLayout(self._build_side(), 1)
        self.outer.addLayout(body, 1)
        self.phone_buttons: dict[str, BigButton] = {}

    # -- building -------------------------------------------------------------------------------
    def _build_phone(self) -> QFrame:
        self.phone = QFrame(self)
        self.phone.setObjectName("practicePhone")
        box = QVBoxLayout(self.phone)
        box.setContentsMargins(12, 8, 12, 12)
        self.badge = label(self.phone, "practiceBadge", "banner", wrap=False)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignHCenter)
        # What the phone shows (its heading, the message, the fields) scrolls; the typed
        # digits, the keypad and the phone's buttons stay whole below.
        words = QWidget()
        words.setObjectName("practicePhoneWords")
        texts = QVBoxLayout(words)
        texts.setContentsMargins(0, 0, 8, 0)
        self.heading = label(words, "practiceHeading", "title")
        texts.addWidget(self.heading)
        self.message = label(words, "practiceMessage", "tip")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.fields = label(words, "practiceFields")
        self.fields.setTextFormat(Qt.TextFormat.PlainText)
        self.unconfirmed = label(words, "practiceUnconfirmed", "muted")
        for w in (self.message, self.fields, self.unconfirmed):
            texts.addWidget(w)
        texts.addStretch(1)
        self.phone_scroll = QScrollArea(self.phone)
        self.phone_scroll.setObjectName("practicePhoneScroll")
        self.phone_scroll.setWidgetResizable(True)
        self.phone_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.phone_scroll.setMinimumHeight(1)
        self.phone_scroll.setWidget(words)
        mark_reading(self.phone_scroll)
        box.addWidget(self.phone_scroll, 1)
        # What is typed, on one row with what it is ("Mã OTP (số tập)  2 4 6 _ _ _").
        typed_row = QHBoxLayout()
        self.entry_label = label(self.phone, "practiceEntryLabel", "muted")
        self.typed_label = label(self.phone, "practiceTyped", "title", wrap=False)
        self.typed_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        typed_row.addWidget(self.entry_label, 1)
        typed_row.addWidget(self.typed_label)
        box.addLayout(typed_row)
        box.addWidget(self._build_keypad())
        # The phone's own buttons, one to a row (each label on one line, as on a phone):
        # whole on screen, never inside the scrolling words.
        self.phone_row = QGridLayout()
        self.phone_row.setSpacing(12)
        box.addLayout(self.phone_row)
        return self.phone

    def _build_keypad(self) -> QWidget:
        self.keypad = QWidget(self.phone)
        self.keypad.setObjectName("practiceKeypad")
        pad = QVBoxLayout(self.keypad)
        pad.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.keys: dict[str, BigButton] = {}
        # Two rows of six (the last two places: "Xóa"): four rows of big keys and the
        # message would not both fit at 1366×768 with the largest text.
        for i, d in enumerate(KEYS):
            b = BigButton(d, object_name=f"practiceKey{d}", role="tile")
            b.clicked.connect(lambda _=False, d=d: self.press(d))
            self.keys[d] = b
            grid.addWidget(b, i // 6, i % 6)
        self.delete_btn = BigButton("", object_name="practiceKeyDelete", role="secondary")
        self.delete_btn.clicked.connect(self.delete)
        grid.addWidget(self.delete_btn, 1, 4, 1, 2)
        pad.addLayout(grid)
        return self.keypad

    def _build_side(self) -> QVBoxLayout:
        side = QVBoxLayout()
        self.progress_label = label(self, "practiceProgress", "muted", wrap=False)
        self.ask = label(self, "practiceAsk")
        self.ask.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback = label(self, "practiceFeedback", "tip")
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        words = QWidget()
        words.setObjectName("practiceSideWords")
        texts = QVBoxLayout(words)
        texts.setContentsMargins(0, 0, 8, 0)
        # What just happened (the hint after a wrong touch), the instruction, then the
        # practice's title and where we are: at the largest text the words that help now are
        # never the part below the edge. (The screen's own centred title row is hidden: its
        # height is the phone's.)
        self.title.hide()
        self.side_title = label(words, "practiceTitle", "title")
        texts.addWidget(self.feedback)
        texts.addWidget(self.ask)
        texts.addWidget(self.side_title)
        texts.addWidget(self.progress_label)
        texts.addStretch(1)
        self.side_scroll = QScrollArea(self)
        self.side_scroll.setObjectName("practiceSideScroll")
        self.side_scroll.setWidgetResizable(True)
        self.side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side_scroll.setMinimumHeight(1)
        self.side_scroll.setWidget(words)
        mark_reading(self.side_scroll)
        side.addWidget(self.side_scroll, 1)
        self.again_btn = BigButton("", "speaker", object_name="practiceListenAgain",
                                   role="secondary", beside=True)
        self.retry_btn = BigButton("", "repeat", object_name="practiceRetry", role="secondary",
                                   beside=True)
        self.ask_btn = BigButton("", "help", object_name="practiceAskVolunteer",
                                 role="secondary", beside=True)
        for b in (self.again_btn, self.retry_btn, self.ask_btn):
            side.addWidget(b)
        self.again_btn.clicked.connect(self.read_aloud)
        self.retry_btn.clicked.connect(self.retry)
        self.ask_btn.clicked.connect(self._ask)
        return side

    # -- navigation ----------------------------------------------------------------------------
    @property
    def practice(self) -> Practice | None:
        return self.tutorial.practice if self.tutorial is not None else None

    @property
    def screen(self) -> PhoneScreen | None:
        p = self.practice
        return p.screens[self.index] if p is not None and not self.finished else None

    @property
    def lang(self) -> str:
        return self.state.language

    def on_enter(self, **context: Any) -> None:
        tid = context.get("tutorial_id")
        tutorial = self.catalogue.by_id(tid) if tid else None
        if tutorial is None or tutorial.practice is None:
            log.warning("practice opened without a known practice: %s", tid)
            self.nav.home()
            return
        self.tutorial = tutorial
        self.index = max(0, min(int(context.get("screen", 0)), len(tutorial.practice.screens) - 1))
        self.finished = False
        self.run = self.usage.new_run(tutorial.id)
        self._record("practice_open", None)
        if context.get("shortened"):
            # A resume code clamped to the last screen (the practice got shorter): say why
            # first, and keep the words on screen (kiosk.resume.shortened_notice).
            from kiosk.resume import PRACTICE, shortened_notice

            total = len(tutorial.practice.screens)
            notice = shortened_notice(self.index, total, self.lang, PRACTICE)
            self._show(before=shortened_notice(self.index, total, self.lang, PRACTICE,
                                               spoken=True))
            theme.set_role(self.feedback, "tip")
            self.feedback.setText(notice)
            self.feedback.setAccessibleName(notice)
            self.feedback.show()
            return
        self._show(intro=self.index == 0)

    def on_leave(self) -> None:
        self.speaker.stop_narration()
        self.leave_practice()

    def reset(self) -> None:
        self.leave_practice()

    def leave_practice(self) -> None:
        """Home, Back, the idle reset: the typed digits are forgotten, the run ends here."""
        self.clear_typed()
        if self.run is not None and not self.finished:
            self._record("practice_left", self.index + 1)
        self.run = None

    def _show(self, intro: bool = False, before: str = "") -> None:
        self.clear_typed()
        self.feedback.hide()
        self.feedback.setText("")
        self.retranslate()
        self.side_scroll.verticalScrollBar().setValue(0)
        self.phone_scroll.verticalScrollBar().setValue(0)
        p = self.practice
        words = [before] if before else []
        if intro and p is not None:
            words.append(p.intro.said(self.lang))
        words.append(self._screen_words())
        self._say(" ".join(w for w in words if w))

    # -- touches -------------------------------------------------------------------------------
    def touch(self, button_id: str) -> None:
        """A button on the pretend phone: right leads on with praise, wrong says the hint."""
        screen = self.screen
        button = next((b for b in screen.buttons if b.id == button_id), None) if screen else None
        if screen is None or button is None:
            return
        if button.right:
            self._go_on(screen, button.next)
        elif button.hint is not None:
            self._wrong(button.hint.shown(self.lang), button.hint.said(self.lang))

    def press(self, digit: str) -> None:
        screen = self.screen
        entry = screen.entry if screen is not None else None
        if entry is None or len(self.typed) >= entry.length:
            return
        self.typed += digit
        self._show_typed()
        if len(self.typed) < entry.length:
            return
        right = bool(entry.answer) and self.typed == entry.answer
        self.clear_typed()
        if right and screen is not None:
            self._go_on(screen, entry.next)
        else:
            self._wrong(entry.hint.shown(self.lang), entry.hint.said(self.lang))

    def delete(self) -> None:
        self.typed = self.typed[:-1]
        self._show_typed()

    def clear_typed(self) -> None:
        self.typed = ""
        self._show_typed()

    def retry(self) -> None:
        """"Làm lại bước này" (after the end: "Tập lại từ đầu")."""
        if self.practice is None:
            return
        if self.finished:
            self.index, self.finished = 0, False
            self.run = self.usage.new_run(self.practice.tutorial_id)
            self._record("practice_open", None)
            self._show(intro=True)
            return
        self._show()

    def _go_on(self, screen: PhoneScreen, target: str) -> None:
        p = self.practice
        praise = screen.right.said(self.lang)
        if p is None:
            return
        if target == PRACTICE_DONE:
            self.finished = True
            self._record("practice_done", len(p.screens))
            self.clear_typed()
            self.retranslate()
            self._say(f"{praise} {p.done.said(self.lang)}")
        else:
            self.index = p.index_of(target)
            self._show(before=praise)
        # The praise for the touch just made (never an older screen's).
        theme.set_role(self.feedback, "tip")
        self.feedback.setText("✔ " + screen.right.shown(self.lang))
        self.feedback.setAccessibleName(self.feedback.text())
        self.feedback.setVisible(True)

    def _wrong(self, shown: str, said: str) -> None:
        self._record("practice_wrong", self.index + 1)
        self.clear_typed()
        theme.set_role(self.feedback, "warning")
        self.feedback.setText(shown)
        self.feedback.setAccessibleName(shown)
        self.feedback.setVisible(True)
        self._say(said)

    # -- words ---------------------------------------------------------------------------------
    def _screen_words(self) -> str:
        screen = self.screen
        if screen is None:
            return ""
        words = screen.spoken(self.lang)
        if screen.unconfirmed:
            words += " " + self.tr("Màn hình này có thể khác trên máy thật.")
        labels = [b.label.get(self.lang) for b in screen.buttons]
        if labels:
            words += " " + self.tr("Trên điện thoại tập có các nút: {names}.").replace(
                "{names}", "; ".join(labels))
        if screen.entry is not None:
            words += " " + self.tr("Bàn phím số tập ở bên phải, hai hàng số từ 1 đến 0, "
                                   "nút Xóa ở cuối.")
        return words

    def _say(self, text: str) -> None:
        if text.strip():
            self.speaker.say(text, lang=self.lang)

    def read_aloud(self) -> None:
        p = self.practice
        if p is None:
            return
        if self.finished:
            self._say(p.done.said(self.lang))
        else:
            self._say(self._screen_words())

    def _show_typed(self) -> None:
        screen = self.screen
        entry = screen.entry if screen is not None else None
        if entry is None:
            self.typed_label.setText("")
            return
        shown = " ".join(self.typed.ljust(entry.length, "_"))
        self.typed_label.setText(shown)
        self.typed_label.setAccessibleName(self.tr("Số tập đã nhập: {n} trên {total} chữ số")
                                           .replace("{n}", str(len(self.typed)))
                                           .replace("{total}", str(entry.length)))

    def retranslate(self) -> None:
        self.again_btn.set_label(self.tr("Nghe lại"), self.tr("Đọc to hướng dẫn này."))
        self.ask_btn.set_label(self.tr("Hỏi tình nguyện viên"),
                               self.tr("Nhờ tình nguyện viên giúp ở bước tập này."))
        if self.finished:
            self.retry_btn.set_label(self.tr("Tập lại từ đầu"),
                                     self.tr("Tập lại bài này từ màn hình đầu."))
        else:
            self.retry_btn.set_label(self.tr("Làm lại bước này"),
                                     self.tr("Xóa số đã nhập và làm lại màn hình này."))
        self.badge.setText(self.tr("ĐIỆN THOẠI TẬP"))
        self.badge.setAccessibleName(self.tr("Điện thoại tập, không phải máy thật"))
        self.keypad.setAccessibleName(
            self.tr("Bàn phím số tập. Chỉ nhập số tập, không nhập số thật của bạn."))
        for d, b in self.keys.items():
            name = self.tr("Số tập {d}").replace("{d}", d)
            b.set_label(d, "")
            b.setAccessibleName(name)
            b.speak_as = name
        self.delete_btn.set_label(self.tr("Xóa"), self.tr("Xóa số vừa nhập."))
        p = self.practice
        if p is None:
            return
        lang = self.lang
        self.title.setText(p.title.get(lang))
        self.side_title.setText(self.title.text())
        self.side_title.setAccessibleName(self.title.text())
        total = len(p.screens)
        self.progress_label.setText(self.tr("Đã xong") if self.finished else
                                    self.tr("Màn {n}/{total}").replace("{n}", str(self.index + 1))
                                    .replace("{total}", str(total)))
        self.progress_label.setAccessibleName(self.progress_label.text())
        screen = self.screen
        self._fill_phone(screen)
        if screen is None:
            self.ask.setText(p.done.shown(lang))
        else:
            self.ask.setText(screen.ask.shown(lang))
        self.ask.setAccessibleName(self.ask.text())
        self.feedback.setAccessibleName(self.feedback.text())

    def _fill_phone(self, screen: PhoneScreen | None) -> None:
        lang = self.lang
        clear_layout(self.phone_row)
        self.phone_buttons = {}
        if screen is None:
            self.heading.setText(self.tr("Bạn đã tập xong!"))
            self.message.hide()
            self.fields.hide()
            self.unconfirmed.hide()
            self.entry_label.hide()
            self.typed_label.hide()
            self.keypad.hide()
            return
        # At least two lines of the phone's words always show (the message is the point);
        # measured now, at the text size in force.
        self.phone_scroll.setMinimumHeight(2 * self.message.fontMetrics().lineSpacing())
        self.heading.setText(screen.heading.get(lang))
        self.heading.setAccessibleName(self.heading.text())
        body = screen.body.shown(lang) if screen.body is not None else ""
        self.message.setText(body)
        self.message.setAccessibleName(body)
        self.message.setVisible(bool(body))
        fields = "\n".join(f"{f.label.get(lang)}: {f.value.get(lang)}" for f in screen.fields)
        self.fields.setText(fields)
        self.fields.setAccessibleName(fields)
        self.fields.setVisible(bool(fields))
        self.unconfirmed.setText(self.tr("Màn hình này có thể khác trên máy thật."))
        self.unconfirmed.setVisible(screen.unconfirmed)
        entry = screen.entry
        self.entry_label.setVisible(entry is not None)
        self.typed_label.setVisible(entry is not None)
        self.keypad.setVisible(entry is not None)
        if entry is not None:
            # The heading names what is typed; this says whose digits: the practice's only.
            self.entry_label.setText(self.tr("Số tập:"))
            self.entry_label.setAccessibleName(self.tr("{label}, số tập").replace(
                "{label}", entry.label.get(lang)))
            self._show_typed()
        for i, b in enumerate(screen.buttons):
            btn = BigButton(b.label.get(lang), object_name=f"practiceButton_{b.id}",
                            role="secondary", beside=True,
                            what_it_does=self.tr("Nút trên điện thoại tập."))
            btn.clicked.connect(lambda _=False, bid=b.id: self.touch(bid))
            btn.setParent(self.phone)
            self.phone_row.addWidget(btn, i, 0)
            btn.show()  # now, not when the event loop gets to the layout's queued show
            self.phone_buttons[b.id] = btn

    def announcement(self) -> str:
        return self._screen_words()

    # -- events --------------------------------------------------------------------------------
    def _record(self, kind: str, screen: int | None) -> None:
        run = self.run
        if run is None:
            return

        def write() -> None:
            self.usage.record(run, kind, screen)

        Op(write).on("db").or_log("practice event not recorded").run(self.tasks)

    def _ask(self) -> None:
        if self.tutorial is None:
            return
        self._record("practice_ask", self.index + 1)
        if self.ask_volunteer is not None:
            self.ask_volunteer(self.tutorial.id, self.index + 1)
