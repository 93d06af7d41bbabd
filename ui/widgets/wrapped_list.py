"""A list whose long rows wrap at its width instead of running off to the side.

Staff tabs may scroll down but never sideways (tests/ui/test_layout_rule.py): a list of
tutorial titles or member names wider than its box scrolled sideways on its own, and Qt's
word wrap measured a row beside its own small tick box, not the style sheet's bigger one.
GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)


class WrappedRows(QStyledItemDelegate):
    """A row as tall as its words wrapped at the width they are painted in. Qt measures the
    words beside its own small tick box, not the style sheet's 28 px one, so a title that
    only just fitted was measured a line short and painted cut ("Cài đặt VNeID an …")."""

    SAFETY_PX = 12  # the gaps around the tick box; a line too many beats words cut

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = self.view.style()
        opt.rect = QRect(0, 0, self.view.viewport().width(), hint.height())
        left = 0
        if opt.features & QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator:
            left = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt,
                                        self.view).right() + 1 + self.SAFETY_PX
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, opt, self.view) + 1
        width = max(1, opt.rect.width() - left - 2 * margin)
        words = opt.fontMetrics.boundingRect(QRect(0, 0, width, 100_000),
                                             int(Qt.TextFlag.TextWordWrap), opt.text)
        return QSize(min(hint.width(), opt.rect.width()),
                     max(hint.height(), words.height() + 2 * margin))


def wrap_rows(view: QListView) -> None:
    """Rows wrap at ``view``'s width and are measured again when it changes; no sideways
    scroll bar."""
    view.setWordWrap(True)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setItemDelegate(WrappedRows(view))
