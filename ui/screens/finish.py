"""The finish screen: praise, then print this guide, ask a volunteer, or go Home."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout

from kiosk.content.model import Catalogue
from ui.navigator import Navigator, ScreenId
from ui.screens.base import BaseScreen, SpeakerLike
from ui.state import KioskState
from ui.widgets.big_button import BigButton


class FinishScreen(BaseScreen):
    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 catalogue: Catalogue, ask_volunteer: Callable[[str, int], None] | None) -> None:
        super().__init__(state, nav, speaker, "finish")
        self.catalogue = catalogue
        self.ask_volunteer = ask_volunteer
        self.tutorial_id = ""
        self.done_icon = BigButton("", "done", object_name="finishDoneIcon", role="tile",
                                   icon_px=160)
        self.done_icon.setEnabled(True)
        self.outer.addWidget(self.done_icon, 1)
        row = QHBoxLayout()
        self.print_btn = BigButton("", "print", object_name="finishPrint", beside=True)
        self.ask_btn = BigButton("", "help", object_name="finishAsk", role="secondary",
                                 beside=True)
        self.home_btn = BigButton("", "home", object_name="finishHome", role="secondary",
                                  beside=True)
        for b in (self.print_btn, self.ask_btn, self.home_btn):
            row.addWidget(b)
        self.outer.addLayout(row)
        self.print_btn.clicked.connect(
            lambda: self.nav.go_to(ScreenId.SHEET_PREVIEW, tutorial_id=self.tutorial_id))
        self.ask_btn.clicked.connect(self._ask)
        self.home_btn.clicked.connect(self.nav.home)

    def on_enter(self, **context: Any) -> None:
        self.tutorial_id = context.get("tutorial_id", "")
        self.print_btn.setVisible(self.nav.has(ScreenId.SHEET_PREVIEW))
        self.retranslate()

    def _ask(self) -> None:
        if self.ask_volunteer is not None and self.tutorial_id:
            t = self.catalogue.by_id(self.tutorial_id)
            self.ask_volunteer(self.tutorial_id, len(t.steps) if t else 0)

    def retranslate(self) -> None:
        t = self.catalogue.by_id(self.tutorial_id)
        self.title.setText(self.tr("Bạn đã làm xong!"))
        self.done_icon.set_label(t.title.get(self.state.language) if t else "")
        self.print_btn.set_label(self.tr("In hướng dẫn này"),
                                 self.tr("In tờ hướng dẫn để mang về nhà."))
        self.ask_btn.set_label(self.tr("Hỏi tình nguyện viên"),
                               self.tr("Nhờ tình nguyện viên giúp thêm."))
        self.home_btn.set_label(self.tr("Về màn hình chính"), "")

    def announcement(self) -> str:
        return self.tr("Bạn đã làm xong! Bạn có thể in hướng dẫn này, hỏi tình nguyện viên, "
                       "hoặc về màn hình chính.")
