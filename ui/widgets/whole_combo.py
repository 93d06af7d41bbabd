"""A drop-down whose options read whole: the list that opens is as wide as its longest
option (up to the screen's width) and wraps what is longer still, instead of cutting names
("Tài khoản định dan…") at the largest text.

Thread: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget


class WholeComboBox(QComboBox):
    """A QComboBox whose popup shows every option whole (see the module docstring).

    The box itself is sized by its layout; give it a row wide enough for its options (the
    layout rule test checks the shown text fits).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        view = self.view()
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setWordWrap(True)

    def popup_width(self) -> int:
        """The width that shows the longest option on one line, at most the screen's."""
        view = self.view()
        want = view.sizeHintForColumn(0) + 2 * view.frameWidth() + \
            view.verticalScrollBar().sizeHint().width()
        screen = self.screen()
        limit = screen.availableGeometry().width() if screen is not None else want
        return max(self.width(), min(want, limit))

    def showPopup(self) -> None:  # noqa: N802 - Qt API
        self.view().setMinimumWidth(self.popup_width())
        super().showPopup()
