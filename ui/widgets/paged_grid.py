"""Tiles in pages instead of a scroll area: every tile on a page is whole on screen.

A citizen does not know that a list scrolls; a half-cut second row of cards (the VNeID list at
1366×768) hides choices. ``PagedGrid`` places as many whole rows as the space allows and, when
there are more tiles, shows "Trang trước" / "Xem thêm" with the page number between them.
Tiles may be made page by page (``set_source``): a long list costs one page of tiles.

Rows: every tile of a row has the same height (the row's tallest words), and the space left on
a page evens the rows out (shorter rows grow first). One tall card ("Tập thử: …" on four
lines at 1920×1080 with the largest text) no longer sets the height of every row of every page,
which had left one row per page and a band of empty space above the page buttons.

Thread: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from ui import theme
from ui.widgets.big_button import BigButton

SPACING = 24
# Between the last row and the page buttons: a row of three-line cards fits twice above them
# at 1920×1080 with the largest text (with 24 px it missed by 9 px and every page held one).
BAR_GAP = 12
MAX_TILE_HEIGHT = 380
# Up to this many tiles each one's words are measured (about 60 µs a tile); a longer list
# (a category of hundreds, found by the volunteer's search box anyway) takes every row as
# tall as its longest words, so a category of 1,500 still opens in one page's time.
MEASURE_EACH_MAX = 120


def plan_pages(row_needs: list[int], room: int, spacing: int = SPACING) -> list[range]:
    """Rows per page, in order: each page takes whole rows while their heights (and the
    spacing between them) fit ``room``; a row taller than ``room`` gets a page of its own."""
    pages: list[range] = []
    start, used = 0, 0
    for r, need in enumerate(row_needs):
        if r > start and used + spacing + need > room:
            pages.append(range(start, r))
            start, used = r, 0
        used = need if r == start else used + spacing + need
    if row_needs:
        pages.append(range(start, len(row_needs)))
    return pages


def even_rows(needs: list[int], room: int, spacing: int = SPACING,
              cap: int = MAX_TILE_HEIGHT) -> list[int]:
    """Row heights for one page: each at least its need; the room left goes to the shortest
    rows first (as even as the room allows), no row grown past ``cap``."""
    if not needs:
        return []
    left = room - sum(needs) - spacing * (len(needs) - 1)
    heights = list(needs)
    if left <= 0:
        return heights
    # Water filling: find the level L with sum(max(need, min(L, cap)) - need) == left.
    level = min(needs)
    for top in sorted({*needs, cap}):
        if top <= level:
            continue
        lower = [n for n in needs if n <= level]
        cost = (top - level) * len(lower)
        if cost >= left or top >= cap:
            level += min(left, cost) // max(1, len(lower))
            break
        left -= cost
        level = top
    level = min(level, cap)
    return [max(n, level) for n in needs]


class PagedGrid(QWidget):
    """Lays out tiles in ``columns`` columns, one screenful per page.

    ``set_source(count, make, words)``: only the tiles of the page on show are made
    (``make(i)``), so a category of 427 tutorials costs one page of cards, not 427 (issue #18
    item 6). The tile with the most words is made once, never shown, and each tile's height
    is measured on it with that tile's ``words`` (the tiles of one source differ only in
    their words), so the pages are planned, and their count is true, before any is made.
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
        self._words: list[str] = []
        self._heights: tuple[object, list[int]] = ((), [])  # (what they were measured at, …)
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
                   words: list[str] | None = None) -> None:
        """``count`` tiles; ``make(i)`` builds tile ``i`` when its page is first shown;
        ``words[i]`` is what tile ``i`` says (its height is measured from them)."""
        self._clear()
        self._made_here = True
        self.count, self._make = count, make
        self._words = list(words or [])
        if count and len(self._words) == count:
            longest = max(range(count), key=lambda i: len(self._words[i]))
            self._probe = make(longest)
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
        self._heights = ((), [])

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

    def _tile_heights(self, width: int) -> list[int]:
        """Each tile's height at ``width`` (kept until the width, the words or the look
        change)."""
        floor = theme.current_target()
        if not self._made_here:  # tiles given all at once: measure them all
            return [max(floor, b.heightForWidth(width), b.minimumSizeHint().height())
                    for b in self.items]
        probe = self._probe
        if probe is None:
            return [floor] * self.count
        key = (width, probe.font().toString(), theme.current_padding(), self._words)
        if self._heights[0] == key:
            return self._heights[1]
        keep = probe.text()

        def measure(text: str) -> int:
            probe.set_label(text)
            return max(floor, probe.heightForWidth(width), probe.minimumSizeHint().height())

        if self.count <= MEASURE_EACH_MAX:
            seen: dict[str, int] = {}
            for text in self._words:
                if text not in seen:
                    seen[text] = measure(text)
            heights = [seen[text] for text in self._words]
        else:
            heights = [measure(keep)] * self.count
        probe.set_label(keep)
        self._heights = (key, heights)
        return heights

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
        heights = self._tile_heights(cell_w)
        row_needs = [max(heights[r:r + cols]) for r in range(0, n, cols)]
        paged = sum(row_needs) + SPACING * (len(row_needs) - 1) > h
        bar_h = 0
        if paged:
            third = (w - 2 * SPACING) // 3
            bar_h = max(self.prev_btn.heightForWidth(third),
                        self.next_btn.heightForWidth(third), theme.current_target())
        area_h = h - (bar_h + BAR_GAP if paged else 0)
        plan = plan_pages(row_needs, area_h)
        self.pages = len(plan)
        self.page = min(self.page, self.pages - 1)
        rows = plan[self.page]
        on_page = range(rows.start * cols, min(n, rows.stop * cols))
        if self._made_here:  # a page turned: the tiles of the other pages go
            for i in [i for i in self._built if i not in on_page]:
                gone = self._built.pop(i)
                gone.hide()
                gone.deleteLater()
        shown = [self._tile(i) for i in on_page]
        row_h = even_rows([row_needs[r] for r in rows], area_h)
        for i, b in self._built.items():
            if i not in on_page:
                b.hide()
        y = 0
        for r, height in enumerate(row_h):
            for c, b in enumerate(shown[r * cols:(r + 1) * cols]):
                b.setGeometry(QRect(c * (cell_w + SPACING), y, cell_w, height))
                b.show()
            y += height + SPACING
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
