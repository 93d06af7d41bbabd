"""Learn step by step: categories as large tiles, then the tutorials of one category as cards.

In print mode (from the Home "print a guide" tile) a card opens the sheet preview instead of
the step player. Volunteers can jump to any tutorial by typing part of its title. In learn
mode "Tiếp tục bài đang học" (type a resume code) sits beside the title of the first page.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLineEdit

from kiosk.content.model import Catalogue, Tutorial
from ui.navigator import Navigator, ScreenId
from ui.screens.base import BaseScreen, SpeakerLike
from ui.state import KioskState
from ui.widgets.big_button import BigButton
from ui.widgets.paged_grid import PagedGrid


def _fold(text: str) -> str:
    """Lower case without diacritics, so "vneid" or "kich hoat" find what they should."""
    nfkd = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in nfkd if not unicodedata.combining(c))


class CatalogueScreen(BaseScreen):
    def __init__(self, state: KioskState, nav: Navigator, speaker: SpeakerLike,
                 catalogue: Catalogue) -> None:
        super().__init__(state, nav, speaker, "catalogue")
        self.catalogue = catalogue
        self.mode = "learn"
        self.category: str | None = None
        self.search = QLineEdit(self)
        self.search.setObjectName("catalogueSearch")
        self.search.textChanged.connect(lambda _t: self._fill())
        self.outer.addWidget(self.search)
        # "Tiếp tục bài đang học" beside the title, not as a tile: a seventh tile would push
        # a category onto a second page at 1366×768.
        self.resume_btn = BigButton("", "repeat", object_name="catalogueResume",
                                    role="secondary", beside=True)
        self.resume_btn.clicked.connect(lambda: self.nav.go_to(ScreenId.RESUME_ENTRY))
        top = QHBoxLayout()
        self.outer.removeWidget(self.title)
        top.addWidget(self.title, 1)
        top.addWidget(self.resume_btn)
        self.outer.insertLayout(0, top)
        # Pages of whole tiles, never a scroll area: a half-cut row of cards hides choices.
        self.grid = PagedGrid("catalogueGrid", 3, self)
        self.outer.addWidget(self.grid, 1)
        self.buttons: list[BigButton] = []

    def on_enter(self, **context: Any) -> None:
        self.mode = context.get("mode", "learn")
        self.category = context.get("category")
        self.search.setVisible(self.state.is_helper)
        self.retranslate()

    def reset(self) -> None:
        self.search.clear()
        self.category = None

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            self.tr("Gõ để tìm bài hướng dẫn (dành cho tình nguyện viên)"))
        self.search.setAccessibleName(self.tr("Tìm bài hướng dẫn"))
        self._fill()

    def _lang(self) -> str:
        return self.state.language

    def _fill(self) -> None:
        self.grid.retranslate()
        query = _fold(self.search.text().strip()) if self.search.isVisible() else ""
        self.resume_btn.set_label(self.tr("Tiếp tục bài đang học"),
                                  self.tr("Nhập mã 4 số để học tiếp từ bước đã dừng."))
        self.resume_btn.setVisible(self.mode != "print" and self.category is None and not query
                                   and self.nav.has(ScreenId.RESUME_ENTRY))
        lang = self._lang()
        if query:
            items: list[BigButton] = [self._card(t) for t in self.catalogue.tutorials
                                      if query in _fold(t.title.get(lang) + " " + t.id)]
            self.title.setText(self.tr("Kết quả tìm kiếm"))
        elif self.category is None:
            self.title.setText(self.tr("In hướng dẫn: chọn chủ đề") if self.mode == "print"
                               else self.tr("Học từng bước: chọn chủ đề"))
            items = []
            for c in self.catalogue.categories:
                n = len(self.catalogue.in_category(c.id))
                if not n:
                    continue
                b = BigButton(c.title.get(lang), c.icon, object_name=f"category_{c.id}",
                              role="tile", icon_px=96,
                              what_it_does=self.tr("{n} bài hướng dẫn.").replace("{n}", str(n)))
                b.clicked.connect(lambda _=False, cid=c.id: self._open_category(cid))
                items.append(b)
        else:
            cat = next((c for c in self.catalogue.categories if c.id == self.category), None)
            self.title.setText(cat.title.get(lang) if cat else "")
            items = []
            for t in self.catalogue.in_category(self.category):
                items.append(self._card(t))
                if t.practice is not None and self.mode != "print" and \
                        self.nav.has(ScreenId.PRACTICE):
                    items.append(self._practice_card(t))
        self.grid.set_items(items)
        self.buttons = items

    def _card(self, t: Tutorial) -> BigButton:
        minutes = self.tr("khoảng {n} phút").replace("{n}", str(t.minutes))
        does = (self.tr("In tờ hướng dẫn này.") if self.mode == "print"
                else self.tr("Mở hướng dẫn từng bước."))
        b = BigButton(f"{t.title.get(self._lang())}\n{minutes}", t.icon,
                      object_name=f"tutorial_{t.id}", role="tile", icon_px=80,
                      what_it_does=does)
        b.clicked.connect(lambda _=False, tid=t.id: self._open_tutorial(tid))
        return b

    def _practice_card(self, t: Tutorial) -> BigButton:
        """"Tập thử" beside its tutorial: the practice on a pretend phone."""
        words = self.tr("Tập thử: {title}").replace("{title}", t.title.get(self._lang()))
        b = BigButton(words, "phone", object_name=f"practice_{t.id}", role="tile", icon_px=80,
                      what_it_does=self.tr("Tập trên điện thoại tập, không sợ bấm sai."))
        b.clicked.connect(
            lambda _=False, tid=t.id: self.nav.go_to(ScreenId.PRACTICE, tutorial_id=tid))
        return b

    def _open_category(self, category_id: str) -> None:
        self.nav.go_to(ScreenId.CATALOGUE, mode=self.mode, category=category_id)

    def _open_tutorial(self, tutorial_id: str) -> None:
        if self.mode == "print":
            self.nav.go_to(ScreenId.SHEET_PREVIEW, tutorial_id=tutorial_id)
        else:
            self.nav.go_to(ScreenId.STEP, tutorial_id=tutorial_id, step=0)

    def announcement(self) -> str:
        names = ", ".join(b.text().split("\n")[0] for b in self.buttons)
        return f"{self.title.text()}. {names}."
