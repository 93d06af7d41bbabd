"""Tiles in pages instead of a scroll area: every tile on a page is whole on screen.

A citizen does not know that a list scrolls; a half-cut second row of cards (the VNeID list at
1366×768) hides choices. ``PagedGrid`` places as many whole rows as the space allows and, when
there are more tiles, shows "Trang trước" / "Xem thêm" with the page number between them.

Thread: GUI thread only.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QWidget

from ui import theme
from ui.widgets.big_button import BigButton

SPACING = 24
MAX_TILE_HEIGHT = 380


class PagedGrid(QWidget):
    """Lays out ``set_items`` buttons in ``columns`` columns, one screenful per page."""

    def __init__(self, object_name: str, columns: int = 3,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.columns = columns
        self.items: list[BigButton] = []
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
    def set_items(self, items: list[BigButton]) -> None:
        for old in self.items:
            old.hide()
            old.deleteLater()
        self.items = list(items)
        for b in self.items:
            b.setParent(self)
            b.hide()
        self.page = 0
        self._place()

    def show_page(self, page: int) -> None:
        self.page = max(0, min(page, self.pages - 1))
        self._place()

    def visible_items(self) -> list[BigButton]:
        return [b for b in self.items if b.isVisibleTo(self)]

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
        return max([theme.current_target()] +
                   [max(b.heightForWidth(width), b.minimumSizeHint().height())
                    for b in self.items])

    def _place(self) -> None:
        n = len(self.items)
        w, h = self.width(), self.height()
        if not n or w < 10 or h < 10:
            for b in (self.prev_btn, self.next_btn, self.page_label):
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
        shown = self.items[self.page * per_page:(self.page + 1) * per_page]
        rows = min(rows_fit, math.ceil(len(shown) / cols)) if shown else 1
        area_h = h - (bar_h + SPACING if paged else 0)
        row_h = min(MAX_TILE_HEIGHT, max(need, (area_h - (rows - 1) * SPACING) // rows))
        for b in self.items:
            if b not in shown:
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
