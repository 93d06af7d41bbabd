"""A box to find a commune by typing: with or without Vietnamese marks, by current or former name.

Moved out of the places tab so any screen can use it. GUI thread only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QWidget,
)

from kiosk.places import (
    PlaceInfo,
)

# Below this width the list and the forms stack instead of standing side by side.

def fold(text: str) -> str:
    """Search key: no case, no tone marks or hats, đ as d ("Hải Vân" → "hai van")."""
    text = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


class PlaceSearchBox(QComboBox):
    """A combo box one can type into. The pop-up lists the units whose name contains the
    typed letters, with or without Vietnamese marks, then those that took in a former unit
    of that name, e.g. "hoa bac" → "phường Hải Vân (trước đây: xã Hòa Bắc)"."""

    chosen = Signal(int)  # place id, when a person picks a unit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(10)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.places: list[PlaceInfo] = []
        self._keys: list[tuple[str, tuple[str, ...]]] = []
        self.results = QStandardItemModel(self)
        self.finder = QCompleter(self.results, self)
        self.finder.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.finder.setMaxVisibleItems(8)
        self.finder.setWidget(self)
        self.finder.popup().setObjectName("spCommuneMatches")
        # Rows tall enough to touch; sizes only (the colours come from the theme).
        for view in (self.finder.popup(), self.view()):
            view.setStyleSheet("QAbstractItemView::item { padding: 10px 12px; }")
        edit = self.lineEdit()
        # The pop-up is driven from here, not by the line edit (its own completer would
        # fill in names inline and reopen the pop-up at the combo's narrow width).
        edit.setCompleter(None)
        edit.textEdited.connect(self._on_edit_text_edited)
        edit.returnPressed.connect(self.take_typed)
        self.finder.activated[QModelIndex].connect(self._on_finder_activated)
        self.activated.connect(self._on_self_activated)
        self._filling = False

    def set_places(self, places: Sequence[PlaceInfo], current_id: int | None) -> None:
        self._filling = True
        try:
            self.clear()
            self.places = list(places)
            self._keys = [(fold(p.label), tuple(fold(f) for f in p.former_names))
                          for p in self.places]
            for p in self.places:
                self.addItem(p.label, p.id)
            self.setCurrentIndex(self.findData(current_id) if current_id is not None else -1)
            self.results.clear()
        finally:
            self._filling = False

    def search_places(self, text: str) -> list[tuple[str, int]]:
        """(words for the pop-up, place id): current names first, then former names.

        The typed words must start words of the name, in a row: "hai" finds Hải Vân and
        An Hải but not Tam Thái; "hoa bac" finds xã Hòa Bắc but not phường Hòa Hiệp Bắc.
        """
        typed = fold(text).split()
        if not typed:
            return []

        def hit(key: str) -> bool:
            words = key.replace("(", " ").split()
            return any(all(w.startswith(t) for w, t in zip(words[i:], typed, strict=False))
                       for i in range(len(words) - len(typed) + 1))

        now, before = [], []
        for p, (label, former) in zip(self.places, self._keys, strict=True):
            if hit(label):
                now.append((p.label, p.id))
                continue
            hits = [name for name, k in zip(p.former_names, former, strict=True) if hit(k)]
            if hits:
                before.append((QCoreApplication.translate(
                    "StaffPlacesTab", "{unit} (trước đây: {names})").replace(
                    "{unit}", p.label).replace("{names}", ", ".join(hits)), p.id))
        return now + before

    def matches(self) -> list[str]:
        """What the pop-up offers for the words typed now."""
        return [self.results.item(r).text() for r in range(self.results.rowCount())]

    def _on_edit_text_edited(self, text: str) -> None:
        self.results.clear()
        for words, place_id in self.search_places(text):
            item = QStandardItem(words)
            item.setData(place_id, Qt.ItemDataRole.UserRole)
            self.results.appendRow(item)
        if self.results.rowCount():
            self._open_popup()
        else:
            self.finder.popup().hide()

    def _open_popup(self) -> None:
        """As wide as the longest line (up to the window's edge), so nothing is cut off."""
        fm = self.fontMetrics()
        popup = self.finder.popup()
        longest = max(fm.horizontalAdvance(self.results.item(r).text())
                      for r in range(self.results.rowCount()))
        want = longest + 24 + 2 * popup.frameWidth() + popup.verticalScrollBar().sizeHint().width()
        room = self.window().width() - self.mapTo(self.window(), QPoint(0, 0)).x() - 16
        width = max(self.width(), min(want, room))
        self.finder.complete(QRect(0, 0, width, self.height()))

    def _on_finder_activated(self, index: QModelIndex) -> None:
        place_id = index.data(Qt.ItemDataRole.UserRole)
        if place_id is not None:
            self._pick(self.findData(place_id))

    def _on_self_activated(self, index: int) -> None:
        self._pick(index)

    def take_typed(self) -> None:
        """Enter without using the pop-up: the exact name, else the first match, else undo."""
        text = self.currentText()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            found = self.search_places(text)
            index = self.findData(found[0][1]) if found else -1
        if index >= 0:
            self._pick(index)
        else:
            self.setEditText(self.itemText(self.currentIndex()))

    def _pick(self, index: int) -> None:
        if index < 0 or self._filling:
            return
        self.finder.popup().hide()
        self.setCurrentIndex(index)
        self.setEditText(self.itemText(index))
        self.chosen.emit(int(self.itemData(index)))

    def focusOutEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().focusOutEvent(event)
        if self.finder.popup().isVisible():
            return
        if self.findText(self.currentText(), Qt.MatchFlag.MatchExactly) < 0:
            self.setEditText(self.itemText(self.currentIndex()))
