"""The step player: one step per screen, read aloud in voice mode, and the finish screen.

Usage events (opened, step, finished, abandoned at step N, asked for help at step N) are
recorded anonymously off the GUI thread. "Hỏi tình nguyện viên" records where the citizen got
stuck and, when the queue exists, hands them a ticket tagged with the tutorial and step.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import Catalogue, Step, Tutorial
from kiosk.usage import Run, UsageRecorder
from ui.layout_rule import mark_reading
from ui.navigator import Navigator, ScreenId
from ui.ops import Op
from ui.screens.base import BaseScreen, SpeakerLike
from ui.state import BusyReason, KioskState
from ui.tasks import TaskRunner
from ui.widgets.big_button import BigButton
from ui.widgets.step_image import StepImage

log = logging.getLogger(__name__)

AskFn = Callable[[str, int], None]
#: (tutorial id, 0-based step index, the resume code it was opened with or None): the citizen
#: pressed Home midway (ui.features.resume offers a code to come back with).
LeftMidwayFn = Callable[[str, int, "str | None"], None]


class StepPlayerScreen(BaseScreen):
    own_back = True  # "Bước trước" (at step one: back to the list); the bar keeps Home

    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 catalogue: Catalogue, usage: UsageRecorder, tasks: TaskRunner,
                 ask_volunteer: AskFn | None = None,
                 on_left_midway: LeftMidwayFn | None = None) -> None:
        super().__init__(state, nav, speaker, "step")
        self.on_left_midway = on_left_midway
        self.resume_code: str | None = None  # the code this run was opened with, if any
        self.catalogue = catalogue
        self.usage = usage
        self.tasks = tasks
        self.ask_volunteer = ask_volunteer
        self.tutorial: Tutorial | None = None
        self.index = 0
        self.run: Run | None = None
        self.finished = False
        #: The step a resume code was clamped to (the tutorial got shorter), while the citizen
        #: is on it: the notice above the words says so (kiosk.resume.shortened_notice).
        self.shortened_at: int | None = None

        top = QHBoxLayout()
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("stepProgressLabel")
        self.progress_label.setProperty("role", "muted")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("stepProgress")
        self.progress.setTextVisible(False)
        # Where I am and what this step is on one row: the words below get that height back
        # at 1366×768 with the largest text.
        self.outer.removeWidget(self.title)
        top.addWidget(self.progress_label)
        top.addWidget(self.progress, 1)
        top.addWidget(self.title, 4)
        self.outer.insertLayout(0, top)

        # Picture and words share the space left above the buttons; the words (text, warning,
        # tip) scroll together when a long step meets the largest text on 1366×768, and the
        # buttons stay pinned under them (the layout rule, ui/layout_rule.py).
        body = QHBoxLayout()
        self.image = StepImage(self)
        body.addWidget(self.image, 4)
        self.text = QLabel(self)
        self.text.setObjectName("stepText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.warning = QLabel(self)
        self.warning.setObjectName("stepWarning")
        self.warning.setProperty("role", "warning")
        self.warning.setWordWrap(True)
        self.tip = QLabel(self)
        self.tip.setObjectName("stepTip")
        self.tip.setProperty("role", "tip")
        self.tip.setWordWrap(True)
        words = QWidget()
        words.setObjectName("stepWords")
        texts = QVBoxLayout(words)
        texts.setContentsMargins(0, 0, 8, 0)
        # The warning first: when a long step scrolls, the words that keep a citizen safe are
        # never the part below the edge.
        self.notice = QLabel(self)
        self.notice.setObjectName("stepNotice")
        self.notice.setProperty("role", "tip")
        self.notice.setWordWrap(True)
        self.notice.hide()
        texts.addWidget(self.notice)
        texts.addWidget(self.warning)
        texts.addWidget(self.text)
        texts.addWidget(self.tip)
        texts.addStretch(1)
        self.text_scroll = QScrollArea(self)
        self.text_scroll.setObjectName("stepTextScroll")
        self.text_scroll.setWidgetResizable(True)
        self.text_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text_scroll.setMinimumHeight(1)
        self.text_scroll.setWidget(words)
        mark_reading(self.text_scroll)
        body.addWidget(self.text_scroll, 5)
        self.outer.addLayout(body, 1)
        self.body = body
        state.look_changed.connect(self._share_space)
        self._share_space()

        buttons = QHBoxLayout()
        self.prev_btn = BigButton("", "back", object_name="stepPrev", role="secondary",
                                  beside=True)
        self.again_btn = BigButton("", "speaker", object_name="stepListenAgain",
                                   role="secondary", beside=True)
        self.ask_btn = BigButton("", "help", object_name="stepAskVolunteer", role="secondary",
                                 beside=True)
        self.next_btn = BigButton("", "next", object_name="stepNext", beside=True)
        # "Tập thử": the tutorial's practice on a pretend phone, when it has one.
        self.practice_btn = BigButton("", "phone", object_name="stepPractice",
                                      role="secondary", beside=True)
        self.practice_btn.hide()
        for b in (self.prev_btn, self.again_btn, self.ask_btn, self.practice_btn,
                  self.next_btn):
            buttons.addWidget(b)
        self.outer.addLayout(buttons)
        self.prev_btn.clicked.connect(self.previous)
        self.next_btn.clicked.connect(self.next)
        self.again_btn.clicked.connect(self.read_aloud)
        self.ask_btn.clicked.connect(self._ask)
        self.practice_btn.clicked.connect(self._practise)

    def _share_space(self) -> None:
        """With the largest text the words get two thirds of the width (fewer lines to
        scroll); otherwise the picture and the words share it about evenly."""
        large = self.state.text_size >= 2
        self.body.setStretch(0, 1 if large else 4)
        self.body.setStretch(1, 2 if large else 5)

    # -- navigation ----------------------------------------------------------------------------
    def on_enter(self, **context: Any) -> None:
        tid = context.get("tutorial_id")
        tutorial = self.catalogue.by_id(tid) if tid else None
        if tutorial is None:
            log.warning("step player opened without a known tutorial: %s", tid)
            self.nav.home()
            return
        resumed = self.tutorial is tutorial and self.run is not None and not self.finished
        self.tutorial = tutorial
        self.index = max(0, min(int(context.get("step", 0)), len(tutorial.steps) - 1))
        if not resumed:
            self.finished = False
            self.resume_code = context.get("resume_code") or None
            self.run = self.usage.new_run(tutorial.id)
            self._record("opened", None)
        self.shortened_at = self.index if context.get("shortened") else None
        self.show_step()

    def on_leave(self) -> None:
        self.speaker.stop_narration()
        self.state.busy_reasons.discard(BusyReason.NARRATION)

    def leave_tutorial(self, offer_code: bool = False) -> None:
        """Home, idle reset or Back past step one: the run ends here unless finished.

        ``offer_code``: the citizen pressed Home on this screen (not the idle reset, which
        shows nothing to the next visitor): a code to come back with is offered when a step
        was done (:func:`kiosk.resume.worth_a_code`, checked by the offer).
        """
        left = None
        if self.run is not None and not self.finished and self.tutorial is not None:
            self._record("abandoned", self.index + 1)
            left = (self.tutorial.id, self.index, self.resume_code)
        self.run = None
        self.tutorial = None
        self.resume_code = None
        self.shortened_at = None
        if offer_code and left is not None and self.on_left_midway is not None:
            self.on_left_midway(*left)

    def reset(self) -> None:
        self.leave_tutorial()

    def next(self) -> None:
        if self.tutorial is None:
            return
        if self.index + 1 >= len(self.tutorial.steps):
            self.finished = True
            self._record("finished", len(self.tutorial.steps))
            tid = self.tutorial.id
            self.run = None
            self.nav.go_to(ScreenId.FINISH, tutorial_id=tid)
            return
        self.index += 1
        self.show_step()

    def previous(self) -> None:
        if self.index == 0:
            self.leave_tutorial()
            self.nav.back()
            return
        self.index -= 1
        self.show_step()

    @property
    def step(self) -> Step | None:
        return self.tutorial.steps[self.index] if self.tutorial else None

    def show_step(self) -> None:
        if self.shortened_at != self.index:
            self.shortened_at = None  # moved on: the notice has done its job
        self.retranslate()
        self.text_scroll.verticalScrollBar().setValue(0)
        self._record("step", self.index + 1)
        if self.state.voice_on:
            self.read_aloud()

    def read_aloud(self) -> None:
        step = self.step
        if step is None:
            return
        lang = self.state.language
        notice = self.shortened_notice(spoken=True)
        if notice:  # first why this step, then the step, in one narration
            self.speaker.say(f"{notice} {step.spoken(lang)}", lang=lang)
            return
        self.speaker.say(step.spoken(lang), lang=lang, audio=step.audio.get(lang))

    def shortened_notice(self, spoken: bool = False) -> str:
        """The notice for a code clamped to this step, in the language in force ("" when
        there is none, or the citizen has moved on to another step)."""
        t = self.tutorial
        if t is None or self.shortened_at is None or self.shortened_at != self.index:
            return ""
        from kiosk.resume import shortened_notice

        return shortened_notice(self.index, len(t.steps), self.state.language, spoken=spoken)

    def retranslate(self) -> None:
        self.prev_btn.set_label(self.tr("Bước trước"), self.tr("Về bước trước."))
        self.again_btn.set_label(self.tr("Nghe lại"), self.tr("Đọc to bước này."))
        self.ask_btn.set_label(self.tr("Hỏi tình nguyện viên"),
                               self.tr("Nhờ tình nguyện viên giúp ở bước này."))
        self.practice_btn.set_label(self.tr("Tập thử"),
                                    self.tr("Tập trên điện thoại tập, không sợ bấm sai."))
        step, t = self.step, self.tutorial
        self.practice_btn.setVisible(t is not None and t.practice is not None
                                     and self.nav.has(ScreenId.PRACTICE))
        if step is None or t is None:
            return
        lang = self.state.language
        last = self.index + 1 >= len(t.steps)
        self.next_btn.set_label(self.tr("Xong") if last else self.tr("Bước tiếp"),
                                self.tr("Kết thúc bài hướng dẫn.") if last
                                else self.tr("Sang bước tiếp theo."))
        n, total = self.index + 1, len(t.steps)
        self.progress_label.setText(self.tr("Bước {n}/{total}").replace("{n}", str(n))
                                    .replace("{total}", str(total)))
        self.progress.setRange(0, total)
        self.progress.setValue(n)
        self.progress.setAccessibleName(self.progress_label.text())
        self.title.setText(step.title.get(lang))
        notice = self.shortened_notice()
        self.notice.setText(notice)
        self.notice.setAccessibleName(notice)
        self.notice.setVisible(bool(notice))
        self.text.setText(step.text.get(lang))
        self.text.setAccessibleName(step.text.get(lang))
        self.image.placeholder_text = self.tr("Không có hình")
        self.image.set_image(step.image, step.title.get(lang))
        self._set_box(self.warning, step.warning.get(lang) if step.warning else "", "⚠ ")
        self._set_box(self.tip, step.tip.get(lang) if step.tip else "", "")

    @staticmethod
    def _set_box(label: QLabel, text: str, prefix: str) -> None:
        label.setVisible(bool(text))
        label.setText(prefix + text if text else "")
        label.setAccessibleName(text)

    def announcement(self) -> str:
        # In voice mode the step itself is read (show_step); only the position is added here.
        return self.progress_label.text()

    # -- events ---------------------------------------------------------------------------------
    def _record(self, kind: str, step: int | None) -> None:
        run = self.run
        if run is None:
            return

        def write() -> None:
            self.usage.record(run, kind, step)

        Op(write).on("db").or_log("usage event not recorded").run(self.tasks)

    def _practise(self) -> None:
        if self.tutorial is not None:
            self.nav.go_to(ScreenId.PRACTICE, tutorial_id=self.tutorial.id)

    def _ask(self) -> None:
        if self.tutorial is None:
            return
        self._record("ask", self.index + 1)
        if self.ask_volunteer is not None:
            self.ask_volunteer(self.tutorial.id, self.index + 1)
