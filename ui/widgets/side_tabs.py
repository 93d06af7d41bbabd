"""Tabs as a list down the left side: every tab's name in view at 1366×768.

A QTabWidget with eleven staff tabs hid "Hàng đợi" and "Thôn/tổ dân phố" behind two tiny
scroll arrows at both screen sizes. ``SideTabs`` keeps the QTabWidget calls the staff screen
and its tests use (``addTab``, ``count``, ``tabText``, ``widget``, ``setCurrentIndex``,
``currentIndex``, ``currentWidget``) with a list of names on the left and the pages on the
right.

Thread: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)


class _NameList(QListWidget):
    """The names, each row as tall as its words; never asks to scroll sideways."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        width = max([self.sizeHintForColumn(0)] + [0]) + 2 * self.frameWidth() + 24
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self.sizeHint().width(), 120)


class SideTabs(QWidget):
    currentChanged = Signal(int)  # noqa: N815 - the QTabWidget name

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.names = _NameList(self)
        self.names.setObjectName(f"{object_name}List")
        self.names.setFrameShape(QFrame.Shape.NoFrame)
        self.names.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.names.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.names.setWordWrap(True)
        self.names.setSpacing(0)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName(f"{object_name}Pages")
        row.addWidget(self.names, 0)
        row.addWidget(self.pages, 1)
        self.names.currentRowChanged.connect(self._on_row)

    # -- the QTabWidget calls ---------------------------------------------------------------
    def addTab(self, widget: QWidget, label: str) -> int:  # noqa: N802 - QTabWidget API
        item = QListWidgetItem(label.replace("&&", "&"))
        self.names.addItem(item)
        index = self.pages.addWidget(widget)
        if self.names.currentRow() < 0:
            self.names.setCurrentRow(0)
        self.names.updateGeometry()
        return index

    def count(self) -> int:
        return self.pages.count()

    def tabText(self, index: int) -> str:  # noqa: N802 - QTabWidget API
        item = self.names.item(index)
        return item.text() if item is not None else ""

    def setTabText(self, index: int, label: str) -> None:  # noqa: N802 - QTabWidget API
        item = self.names.item(index)
        if item is not None:
            item.setText(label.replace("&&", "&"))
            self.names.updateGeometry()

    def widget(self, index: int) -> QWidget | None:
        return self.pages.widget(index)

    def indexOf(self, widget: QWidget) -> int:  # noqa: N802 - QTabWidget API
        return self.pages.indexOf(widget)

    def currentIndex(self) -> int:  # noqa: N802 - QTabWidget API
        return self.pages.currentIndex()

    def currentWidget(self) -> QWidget | None:  # noqa: N802 - QTabWidget API
        return self.pages.currentWidget()

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802 - QTabWidget API
        self.names.setCurrentRow(index)

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802 - QTabWidget API
        self.setCurrentIndex(self.pages.indexOf(widget))

    def _on_row(self, row: int) -> None:
        if 0 <= row < self.pages.count():
            self.pages.setCurrentIndex(row)
            self.currentChanged.emit(row)

    def all_names_in_view(self) -> bool:
        """True when every name shows whole without scrolling the list."""
        view = self.names.viewport().rect()
        return all(view.contains(self.names.visualItemRect(self.names.item(i)))
                   for i in range(self.names.count()))
