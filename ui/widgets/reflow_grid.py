"""A grid that puts its cards in as many columns as fit the width, and reflows on resize."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QGridLayout,
    QWidget,
)


class ReflowGrid(QWidget):
    """Cards in as many columns as fit (at least ``min_chars`` average characters wide)."""

    def __init__(self, min_chars: int, max_columns: int = 4,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_chars, self.max_columns = min_chars, max_columns
        self.items: list[QWidget] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(16)
        self.columns = 0

    def add(self, widget: QWidget) -> None:
        widget.setParent(self)
        self.items.append(widget)
        self._relayout(force=True)

    def _wanted_columns(self) -> int:
        per = max(1, self.fontMetrics().averageCharWidth() * self.min_chars)
        n = len(self.items) or 1
        cols = max(1, min(self.max_columns, n, self.width() // per))
        rows = -(-n // cols)
        return -(-n // rows)  # as few columns as give the same rows: 9 cards → 3×3, not 4+4+1

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._relayout()

    def _relayout(self, force: bool = False) -> None:
        cols = self._wanted_columns()
        if cols == self.columns and not force:
            return
        self.columns = cols
        for w in self.items:
            self.grid.removeWidget(w)
        for i, w in enumerate(self.items):
            self.grid.addWidget(w, i // cols, i % cols)
        for c in range(self.max_columns):
            self.grid.setColumnStretch(c, 1 if c < cols else 0)
