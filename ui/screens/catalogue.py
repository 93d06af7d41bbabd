"""Learn step by step: categories as large tiles, then the tutorials of one category as cards.

In print mode (from the Home "print a guide" tile) a card opens the sheet preview instead of
the step player. Volunteers can jump to any tutorial by typing part of its title. In learn
mode "Tiếp tục bài đang học" (type a resume code) sits beside the title of the first page.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit

from kiosk.content.model import Catalogue, Category, Tutorial
from ui.navigator import Navigator, ScreenId
from ui.screens.base import BaseScreen, SpeakerLike
from ui.state import KioskState
from ui.widgets.big_button import BigButton
from ui.widgets.fit import keep_text_visible
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
        # While the content is read after start-up (ui.content): a calm word, not an empty
        # screen that looks broken and not a frozen window.
        self.loading_label = QLabel(self)
        self.loading_label.setObjectName("catalogueLoading")
        self.loading_label.setWordWrap(True)
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.outer.addWidget(self.loading_label, 1)
        keep_text_visible(self.loading_label)
        # Pages of whole tiles, never a scroll area: a half-cut row of cards hides choices.
        # Cards are made page by page: a category of 427 tutorials costs one page of them.
        self.grid = PagedGrid("catalogueGrid", 3, self)
        self.outer.addWidget(self.grid, 1)
        self.grid.page_changed.connect(self._on_grid_page_changed)

    @property
    def buttons(self) -> list[BigButton]:
        """The tiles on the page on show."""
        return self.grid.items

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

    def content_changed(self) -> None:
        """The content was read (or a pack swapped in) while this screen is on show."""
        self._fill()

    def _lang(self) -> str:
        return self.state.language

    def _fill(self) -> None:
        self.grid.retranslate()
        query = _fold(self.search.text().strip()) if self.search.isVisible() else ""
        self.resume_btn.set_label(self.tr("Tiếp tục bài đang học"),
                                  self.tr("Nhập mã 4 số để học tiếp từ bước đã dừng."))
        lang = self._lang()
        loading = self.catalogue.loading
        # Not while loading: a code opens a tutorial, and there is none yet.
        self.resume_btn.setVisible(self.mode != "print" and self.category is None and not query
                                   and not loading and self.nav.has(ScreenId.RESUME_ENTRY))
        self.loading_label.setVisible(loading)
        self.grid.setVisible(not loading)
        # One (kind, item) per tile; the tiles themselves are made page by page.
        entries: list[tuple[str, Any]] = []
        if loading:
            self.title.setText(self.tr("In hướng dẫn: chọn chủ đề") if self.mode == "print"
                               else self.tr("Học từng bước: chọn chủ đề"))
            self.loading_label.setText(
                self.tr("Đang tải bài học…") + "\n" +
                self.tr("Xin chờ một chút. Bạn vẫn có thể bấm Màn hình chính."))
        elif query:
            entries = [("card", t) for t in self.catalogue.tutorials
                       if query in _fold(t.title.get(lang) + " " + t.id)]
            self.title.setText(self.tr("Kết quả tìm kiếm"))
        elif self.category is None:
            self.title.setText(self.tr("In hướng dẫn: chọn chủ đề") if self.mode == "print"
                               else self.tr("Học từng bước: chọn chủ đề"))
            counts = Counter(t.category for t in self.catalogue.tutorials)
            entries = [("category", (c, counts[c.id])) for c in self.catalogue.categories
                       if counts[c.id]]
        else:
            cat = next((c for c in self.catalogue.categories if c.id == self.category), None)
            self.title.setText(cat.title.get(lang) if cat else "")
            practice = self.mode != "print" and self.nav.has(ScreenId.PRACTICE)
            for t in self.catalogue.in_category(self.category):
                entries.append(("card", t))
                if t.practice is not None and practice:
                    entries.append(("practice", t))
        if not loading and not entries and not query:
            # Nothing to choose (a content read failed, every tutorial refused): say so
            # instead of an empty screen that looks broken.
            self.loading_label.setText(
                self.tr("Chưa có bài hướng dẫn nào trên máy này.") + "\n" +
                self.tr("Hãy nhờ cán bộ xã/phường kiểm tra nội dung."))
            self.loading_label.setVisible(True)
        words = [self._words(kind, item) for kind, item in entries]
        self.grid.set_source(len(entries), lambda i: self._tile(*entries[i]), words)

    def _words(self, kind: str, item: Any) -> str:
        """What a tile says (each tile's height is measured from its words)."""
        lang = self._lang()
        if kind == "category":
            return str(item[0].title.get(lang))
        if kind == "practice":
            return self.tr("Tập thử: {title}").replace("{title}", item.title.get(lang))
        minutes = self.tr("khoảng {n} phút").replace("{n}", str(item.minutes))
        return f"{item.title.get(lang)}\n{minutes}"

    def _tile(self, kind: str, item: Any) -> BigButton:
        if kind == "category":
            return self._category_tile(*item)
        if kind == "practice":
            return self._practice_card(item)
        return self._card(item)

    def _category_tile(self, c: Category, n: int) -> BigButton:
        b = BigButton(c.title.get(self._lang()), c.icon, object_name=f"category_{c.id}",
                      role="tile", icon_px=96,
                      what_it_does=self.tr("{n} bài hướng dẫn.").replace("{n}", str(n)))
        b.clicked.connect(lambda _=False, cid=c.id: self._open_category(cid))
        return b

    def _card(self, t: Tutorial) -> BigButton:
        does = (self.tr("In tờ hướng dẫn này.") if self.mode == "print"
                else self.tr("Mở hướng dẫn từng bước."))
        b = BigButton(self._words("card", t), t.icon,
                      object_name=f"tutorial_{t.id}", role="tile", icon_px=80,
                      what_it_does=does)
        b.clicked.connect(lambda _=False, tid=t.id: self._open_tutorial(tid))
        return b

    def _practice_card(self, t: Tutorial) -> BigButton:
        """"Tập thử" beside its tutorial: the practice on a pretend phone."""
        b = BigButton(self._words("practice", t), "phone", object_name=f"practice_{t.id}",
                      role="tile", icon_px=80,
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

    def _on_grid_page_changed(self, _page: int) -> None:
        # Voice mode: "Xem thêm" brings new cards; say them and where we are, as on entering.
        if self.state.voice_on:
            self.speaker.say(self.announcement())

    def announcement(self) -> str:
        if self.catalogue.loading:
            return f"{self.title.text()}. {self.loading_label.text().replace(chr(10), ' ')}"
        names = ", ".join(b.text().split("\n")[0] for b in self.grid.visible_items())
        where = self.grid.position()
        return f"{self.title.text()}. {names}." + (f" {where}." if where else "")
