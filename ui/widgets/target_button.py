"""A big button that never shrinks below the touch target, even in a row that does not stretch."""

from __future__ import annotations

from PySide6.QtCore import QSize

from ui.widgets.big_button import BigButton


class TargetButton(BigButton):
    """A BigButton that never shrinks below the touch target, even in a row that does not
    stretch (BigButton's own height follows its words; see
    :meth:`ui.screens.reports.base.ReportTab.fit_targets`)."""

    min_target = 0

    def set_min_target(self, px: int) -> None:
        self.min_target = px
        self.setMinimumSize(max(self.minimumWidth(), px), max(self.minimumHeight(), px))
        self.updateGeometry()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return max(super().heightForWidth(width), self.min_target)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return super().sizeHint().expandedTo(QSize(self.min_target, self.min_target))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return super().minimumSizeHint().expandedTo(QSize(self.min_target, self.min_target))
