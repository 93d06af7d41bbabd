"""A number or short code as large as the space the layout gives it, readable across the room
(the queue number on the ticket screen, a resume code)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class FittedNumber(QLabel):
    """The ticket number as large as the space the layout gives it (readable across the
    room). It never asks for space itself, so its size cannot push the window past the
    screen. Only the size is set here; the colours stay with the theme."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(240, 96)  # a constant: the font follows the size, never the reverse

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(160, 72)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        # A longer text ("A002 ƯT" after "A001") needs a smaller font at the same size.
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        chars = max(4, len(self.text()))
        px = max(48, min(int(self.height() * 0.8), int(self.width() * 1.15 / chars)))
        self.setStyleSheet(f"font-size: {px}px;")
