"""Tiles in pages instead of a scroll area: every tile on a page is whole on screen.

A citizen does not know that a list scrolls; a half-cut second row of cards (the VNeID list at
1366×768) hides choices. ``PagedGrid`` places as many whole rows as the space allows and, when
there are more tiles, shows "Trang trước" / "Xem thêm" with the page number between them.
Tiles may be made page by page (``set_source``): a long list costs one page of tiles.

Thread: GUI thread only.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from ui import theme
from ui.widgets.big_button import BigButton

SPACING = 24
MAX_TILE_HEIGHT = 380


class PagedGrid(QWidget):
    """Lays out tiles in ``columns`` columns, one screenful per page.

    ``set_source(count, make, tallest)``: only the tiles of the page on show are made
    (``make(i)``), so a category of 427 tutorials costs one page of cards, not 427 (issue #18
    item 6). The tile ``tallest`` (the one with the most words) is made once to measure the
    row height, so every page holds the same number of tiles and the page count is true.
    ``set_items(items)`` lays out tiles already made.
    """

    page_changed = Signal(int)  # another page is on show (voice mode says it)

    def __init__(self, object_name: str, columns: int = 3,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.columns = columns
        self.count = 0
        self._make: Callable[[int], BigButton] = lambda i: BigButton("", "")
        self._built: dict[int, BigButton] = {}
        self._probe: BigButton | None = None
        self._made_here = True
        self.page = 0
        self.pages = 1
        self.prev_btn = BigButton("", "back", object_name=f"{object_name}Prev",
                                  role="secondary", beside=True, icon_px=40, parent=self)
        self.next_btn = BigButton("", "next", object_name=f"{object_name}Next",
                                  role="secondary", beside=True, icon_px=40, parent=self)
        self.page_label = QLabel(self)
        self.page_label.setObjectName(f"{object_name}Page")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prev_btn.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_btn.clicked.connect(lambda: self.show_page(self.page + 1))
        self.retranslate()

    # -- content ---------------------------------------------------------------------------------
    @property
    def items(self) -> list[BigButton]:
        """The tiles made so far, in order (with ``set_source``: the page on show)."""
        return [self._built[i] for i in sorted(self._built)]

    def set_items(self, items: list[BigButton]) -> None:
        self._clear()
        self._made_here = False
        self.count = len(items)
        self._built = dict(enumerate(items))
        self._make = items.__getitem__
        for b in items:
            self._adopt(b)
        self.page = 0
        self._place()

    def set_source(self, count: int, make: Callable[[int], BigButton],
                   tallest: int | None = None) -> None:
        """``count`` tiles; ``make(i)`` builds tile ``i`` when its page is first shown."""
        self._clear()
        self._made_here = True
        self.count, self._make = count, make
        if count and tallest is not None and 0 <= tallest < count:
            self._probe = make(tallest)
            # Only measured, never shown: it must not be found for the card it copies.
            self._probe.setObjectName(f"{self.objectName()}Probe")
            self._adopt(self._probe)
        self.page = 0
        self._place()

    def _clear(self) -> None:
        for old in [*self._built.values(), *([self._probe] if self._probe else [])]:
            old.hide()
            old.deleteLater()
        self._built, self._probe = {}, None

    def _adopt(self, b: BigButton) -> None:
        b.setParent(self)
        b.hide()

    def _tile(self, i: int) -> BigButton:
        b = self._built.get(i)
        if b is None:
            b = self._built[i] = self._make(i)
            self._adopt(b)
        return b

    def show_page(self, page: int) -> None:
        before = self.page
        self.page = max(0, min(page, self.pages - 1))
        self._place()
        if self.page != before:
            self.page_changed.emit(self.page)

    def visible_items(self) -> list[BigButton]:
        return [b for b in self.items if b.isVisibleTo(self)]

    def position(self) -> str:
        """"Trang 2/36" when there is more than one page (what voice mode reads), else ""."""
        return self.page_label.text() if self.pages > 1 else ""

    def retranslate(self) -> None:
        self.prev_btn.set_label(self.tr("Trang trước"), self.tr("Xem các lựa chọn trước."))
        self.next_btn.set_label(self.tr("Xem thêm"), self.tr("Xem các lựa chọn tiếp theo."))
        self._set_page_label()

    def _set_page_label(self) -> None:
        self.page_label.setText(self.tr("Trang {n}/{total}").replace("{n}", str(self.page + 1))
                                .replace("{total}", str(self.pages)))

    # -- geometry --------------------------------------------------------------------------------
    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        self._place()

    def _tile_height(self, width: int) -> int:
        measured = [self._probe] if self._probe is not None else []
        if not self._made_here:  # tiles given all at once: measure them all
            measured = self.items
        return max([theme.current_target()] +
                   [max(b.heightForWidth(width), b.minimumSizeHint().height())
                    for b in measured])

    def _place(self) -> None:
        n = self.count
        w, h = self.width(), self.height()
        if not n or w < 10 or h < 10:
            for b in (self.prev_btn, self.next_btn, self.page_label):
                b.hide()
            for b in self._built.values():
                b.hide()
            return
        cols = max(1, min(self.columns, n))
        cell_w = (w - (cols - 1) * SPACING) // cols
        need = self._tile_height(cell_w)
        rows_all = math.ceil(n / cols)
        rows_fit = max(1, (h + SPACING) // (need + SPACING))
        paged = rows_all > rows_fit
        bar_h = 0
        if paged:
            third = (w - 2 * SPACING) // 3
            bar_h = max(self.prev_btn.heightForWidth(third),
                        self.next_btn.heightForWidth(third), theme.current_target())
            rows_fit = max(1, (h - bar_h - SPACING + SPACING) // (need + SPACING))
        per_page = rows_fit * cols
        self.pages = max(1, math.ceil(n / per_page))
        self.page = min(self.page, self.pages - 1)
        on_page = range(self.page * per_page, min(n, (self.page + 1) * per_page))
        if self._made_here:  # a page turned: the tiles of the other pages go
            for i in [i for i in self._built if i not in on_page]:
                gone = self._built.pop(i)
                gone.hide()
                gone.deleteLater()
        shown = [self._tile(i) for i in on_page]
        rows = min(rows_fit, math.ceil(len(shown) / cols)) if shown else 1
        area_h = h - (bar_h + SPACING if paged else 0)
        row_h = min(MAX_TILE_HEIGHT, max(need, (area_h - (rows - 1) * SPACING) // rows))
        for i, b in self._built.items():
            if i not in on_page:
                b.hide()
        for i, b in enumerate(shown):
            r, c = divmod(i, cols)
            b.setGeometry(QRect(c * (cell_w + SPACING), r * (row_h + SPACING), cell_w, row_h))
            b.show()
        for x in (self.prev_btn, self.next_btn, self.page_label):
            x.setVisible(paged)
        if paged:
            third = (w - 2 * SPACING) // 3
            y = h - bar_h
            self.prev_btn.setGeometry(QRect(0, y, third, bar_h))
            self.page_label.setGeometry(QRect(third + SPACING, y, third, bar_h))
            self.next_btn.setGeometry(QRect(2 * (third + SPACING), y, third, bar_h))
            self.prev_btn.setEnabled(self.page > 0)
            self.next_btn.setEnabled(self.page < self.pages - 1)
        self._set_page_label()
