"""Framed boxes with a heading: a plain card, a big-number card, a chart card."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.bar_chart import BarChart
from ui.widgets.text import label


class Card(QFrame):
    """A framed box with a heading (QFrame#Card in the theme)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.setProperty("cardName", name)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 16, 12)
        self.heading = label(self, f"{name}Heading")
        self.heading.setStyleSheet("font-weight: bold;")
        self.body.addWidget(self.heading)


class StatCard(Card):
    """One key figure: the number big on the left, what it counts and a detail beside it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.body.removeWidget(self.heading)
        row = QHBoxLayout()
        row.setSpacing(14)
        self.value = label(self, f"{name}Value", "title", wrap=False)
        self.value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.heading)
        self.detail = label(self, f"{name}Detail", "muted")
        words.addWidget(self.detail)
        words.addStretch(1)
        row.addWidget(self.value, 0)
        row.addLayout(words, 1)
        self.body.addLayout(row)
        self.body.addStretch(1)

    def show_value(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setAccessibleName(f"{self.heading.text()}: {value}")


class ChartCard(Card):
    def __init__(self, name: str, orientation: str = "horizontal",
                 parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.chart = BarChart(f"{name}Chart", orientation=orientation, parent=self)
        self.body.addWidget(self.chart)
        self.body.addStretch(1)

    def set_title(self, text: str) -> None:
        self.heading.setText(text)
        self.chart.setAccessibleName(text)
