"""What the three report tabs share: number formats and :class:`ReportTab` (period picker,
status line, demo banner, running work off the GUI thread and dropping stale answers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk import numbers
from kiosk.errors import KioskError, user_message
from kiosk.reports.allowance import (
    vnd,
)
from kiosk.reports.periods import Period
from kiosk.store import Store
from ui import theme
from ui.ops import Latest, Op
from ui.screens.reports.period import PeriodPicker, ReportPeriod, period_text
from ui.state import KioskState
from ui.tasks import TaskRunner
from ui.widgets.target_button import TargetButton
from ui.widgets.text import label

# -- small pure helpers ----------------------------------------------------------------------

def fmt_dec(value: float, digits: int = 1) -> str:
    """Vietnamese decimal comma: 12,5 (and 12 rather than 12,0); the rule is kiosk.numbers."""
    return numbers.fmt_dec(value, digits, trim=True)


def money(amount: int) -> str:
    """"1.250.000 đ" that never breaks between the number and "đ"."""
    return vnd(amount).replace(" ", "\u00a0")


def fmt_pct(part: int, whole: int) -> str:
    return f"{fmt_dec(100 * part / whole, 0)}%" if whole else "0%"


class ReportTab(QWidget):
    """What the three tabs share: the period picker, a status line, a demo banner."""

    def __init__(self, name: str, state: KioskState, tasks: TaskRunner, store: Store,
                 model: ReportPeriod) -> None:
        super().__init__()
        self.setObjectName(name)
        self.name = name
        self.state, self.tasks, self.store, self.model = state, tasks, store, model
        self._requests = Latest()
        self.outer = QVBoxLayout(self)
        self.outer.setSpacing(10)
        self.picker = PeriodPicker(model, name, self, language=lambda: self.state.language)
        self.outer.addWidget(self.picker)
        line = QHBoxLayout()
        line.setSpacing(16)
        self.period_label = label(self, f"{name}PeriodLabel", wrap=True)
        self.period_label.setStyleSheet("font-weight: bold;")
        self.status = label(self, f"{name}Status", "muted", wrap=False)
        self.demo_banner = label(self, f"{name}DemoBanner", "warning", wrap=False)
        self.demo_banner.hide()
        line.addWidget(self.period_label, 1)
        line.addWidget(self.status, 0)
        line.addWidget(self.demo_banner, 0)
        self.outer.addLayout(line)
        self.error = label(self, f"{name}Error", "warning")
        self.error.hide()
        self.outer.addWidget(self.error)
        model.changed.connect(self._on_period_changed)
        state.look_changed.connect(self.restyle)
        state.language_changed.connect(lambda _lang: self.retranslate())
        state.actor_changed.connect(self._on_actor_changed)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.fit_targets()
        self.refresh()

    def fit_targets(self) -> None:
        """Every button at least the theme's touch target for this screen size.

        A BigButton's own size hint follows its words, and these rows do not stretch
        vertically, so the minimum comes from the window (the kiosk is full screen).
        """
        win = self.window()
        target = theme.target_px(theme.scale_for(win.width(), win.height()))
        for b in self.findChildren(TargetButton):
            b.set_min_target(target)
        for box in self.findChildren(QCheckBox):
            box.setMinimumHeight(target)

    def _on_period_changed(self, period: Period) -> None:
        self.period_label.setText(period_text(period, self.state.language))
        if self.isVisible():
            self.refresh()

    def _on_actor_changed(self, _actor: Any) -> None:
        if not self.state.is_staff:  # signed out or idle: nothing stays on screen
            self.reset()

    def content_changed(self) -> None:
        """The content arrived after start-up (or a pack renamed tutorials): figures on show
        name the tutorials again; a hidden tab refreshes when it is shown."""
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Start the background work for the period on screen (subclasses)."""

    def retranslate(self) -> None:
        self.picker.retranslate()
        self.demo_banner.setText(QCoreApplication.translate("StaffReports",
                                                            "Có dữ liệu mẫu (demo)"))
        self.demo_banner.setToolTip(QCoreApplication.translate(
            "StaffReports", "Số liệu có dữ liệu mẫu dùng để tập huấn: không dùng để báo cáo "
                            "chính thức."))
        self.demo_banner.setAccessibleDescription(self.demo_banner.toolTip())
        self.period_label.setText(period_text(self.model.period, self.state.language))

    def restyle(self) -> None:
        self.picker.apply_palette(theme.palette(self.state.high_contrast))

    def reset(self) -> None:
        self._requests.cancel()
        self.status.clear()
        self.error.hide()
        self.demo_banner.hide()

    def _start(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run ``work`` on the db lane; drop the answer if another request came since."""
        self.status.setText(QCoreApplication.translate("StaffReports", "Đang tính…"))
        self.error.hide()

        def ok(value: Any) -> None:
            self.status.clear()
            done(value)

        def problem(exc: KioskError) -> None:
            self.status.clear()
            self.show_error(user_message(exc, self.state.language))

        Op(work).on("db").success(ok).problem(problem).latest_only(self._requests) \
            .run(self.tasks)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
