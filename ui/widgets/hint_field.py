"""A one-line field that is never narrower than its hint (the placeholder text).

A plain QLineEdit may shrink to a few characters, so a layout that gives a field a small
share of a row cut its hint: the sync panel's pairing code showed "ABCD-EF" of "ABCD-EFGH" at
1366×768 with the largest text. This one asks for its hint's width in its own font (which
follows the text size) inside the border and padding the style sheet gives it. GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame

# QLineEdit keeps this many pixels between its contents rectangle and the text on each side.
_TEXT_MARGIN_PX = 2


class HintField(QLineEdit):
    """A QLineEdit whose minimum width shows its whole placeholder."""

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 - Qt API
        super().setPlaceholderText(text)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().minimumSizeHint()
        margins = self.textMargins()
        words = (self.fontMetrics().horizontalAdvance(self.placeholderText())
                 + 2 * _TEXT_MARGIN_PX + margins.left() + margins.right())
        opt = QStyleOptionFrame()
        self.initStyleOption(opt)
        whole = self.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, opt,
                                              QSize(words, hint.height()), self)
        return QSize(max(hint.width(), whole.width()), hint.height())
