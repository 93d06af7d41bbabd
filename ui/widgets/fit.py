"""Keep wrapped words visible: grow a widget's minimum height to what its width needs.

Qt lays out word-wrapping labels by their size hint and does not pass "height for width"
up through every layout, so on a small screen (1366×768) or with a long translation a second
line can be cut off. Watching resizes and raising the minimum height makes the layout give
the words the room they need (the picture shrinks instead).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class _Fit(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and isinstance(obj, QWidget):
            fit_height(obj)
        return False


_FILTER = _Fit()


def fit_height(widget: QWidget) -> None:
    if not widget.hasHeightForWidth():
        return
    need = widget.heightForWidth(widget.width())
    if need > 0 and need != widget.minimumHeight():
        widget.setMinimumHeight(need)


def keep_text_visible(*widgets: QWidget) -> None:
    for w in widgets:
        w.installEventFilter(_FILTER)
