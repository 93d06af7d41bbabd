"""The report period the three tabs share (:class:`ReportPeriod`) and its picker.

Choosing "Tháng trước" on one tab shows last month on the others too. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import Clock
from kiosk.reports.periods import Period, PeriodError, PeriodKind, fmt_day, for_kind
from ui import theme
from ui.widgets.big_button import BigButton
from ui.widgets.target_button import TargetButton
from ui.widgets.text import label, named

VI_LOCALE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def date_edit(parent: QWidget, name: str, accessible: str) -> QDateEdit:
    edit = named(QDateEdit(parent), name, accessible)
    edit.setLocale(VI_LOCALE)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


PERIOD_BUTTONS: tuple[tuple[PeriodKind, str], ...] = (
    (PeriodKind.TODAY, "Today"), (PeriodKind.THIS_WEEK, "Week"),
    (PeriodKind.THIS_MONTH, "Month"), (PeriodKind.LAST_MONTH, "LastMonth"),
    (PeriodKind.THIS_YEAR, "Year"), (PeriodKind.CUSTOM, "Custom"))


# -- the period, shared by the three tabs ----------------------------------------------------

class ReportPeriod(QObject):
    """The period the staff member is looking at; ``changed`` carries the new Period."""

    changed = Signal(object)

    def __init__(self, clock: Clock, kind: PeriodKind = PeriodKind.THIS_MONTH) -> None:
        super().__init__()
        self.clock = clock
        self.kind = kind
        self._custom: Period | None = None

    @property
    def period(self) -> Period:
        """Worked out again on each call: "this month" moves on at midnight."""
        if self.kind is PeriodKind.CUSTOM and self._custom is not None:
            return self._custom
        return for_kind(self.kind, self.clock)

    def choose(self, kind: PeriodKind, start: date | None = None,
               end: date | None = None) -> Period:
        """Switch period; raises :class:`PeriodError` (Vietnamese) for a bad custom range."""
        p = for_kind(kind, self.clock, start, end)
        self.kind = kind
        self._custom = p if kind is PeriodKind.CUSTOM else None
        self.changed.emit(p)
        return p

    def reset(self) -> None:
        self.kind, self._custom = PeriodKind.THIS_MONTH, None
        self.changed.emit(self.period)


class PeriodPicker(QWidget):
    """Big toggle buttons for the period, and two dates for a custom one."""

    def __init__(self, model: ReportPeriod, prefix: str, parent: QWidget | None = None,
                 language: Callable[[], str] = lambda: "vi") -> None:
        super().__init__(parent)
        self.model, self.prefix, self.language = model, prefix, language
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        row = QHBoxLayout()
        row.setSpacing(10)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[PeriodKind, BigButton] = {}
        for kind, suffix in PERIOD_BUTTONS:
            b = TargetButton("", object_name=f"{prefix}Period{suffix}", role="secondary",
                             beside=True, parent=self)
            b.setCheckable(True)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.clicked.connect(lambda _=False, k=kind: self._on_button(k))
            self.group.addButton(b)
            self.buttons[kind] = b
            row.addWidget(b)
        outer.addLayout(row)
        self.custom_row = QWidget(self)
        custom = QHBoxLayout(self.custom_row)
        custom.setContentsMargins(0, 0, 0, 0)
        custom.setSpacing(12)
        self.from_label = label(self.custom_row, f"{prefix}FromLabel", wrap=False)
        self.from_edit = date_edit(self.custom_row, f"{prefix}From", "Từ ngày")
        self.to_label = label(self.custom_row, f"{prefix}ToLabel", wrap=False)
        self.to_edit = date_edit(self.custom_row, f"{prefix}To", "Đến ngày")
        self.apply_btn = TargetButton("", "done", object_name=f"{prefix}PeriodApply", beside=True,
                                      icon_px=32, parent=self.custom_row)
        self.apply_btn.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.apply_btn.clicked.connect(self.apply_custom)
        for w in (self.from_label, self.from_edit, self.to_label, self.to_edit):
            custom.addWidget(w)
        custom.addWidget(self.apply_btn)
        custom.addStretch(1)
        outer.addWidget(self.custom_row)
        self.error = label(self, f"{prefix}PeriodError", "warning")
        self.error.hide()
        outer.addWidget(self.error)
        model.changed.connect(self._sync)
        self.retranslate()
        self._sync(model.period)

    def retranslate(self) -> None:
        words = {PeriodKind.TODAY: self.tr("Hôm nay"), PeriodKind.THIS_WEEK: self.tr("Tuần này"),
                 PeriodKind.THIS_MONTH: self.tr("Tháng này"),
                 PeriodKind.LAST_MONTH: self.tr("Tháng trước"),
                 PeriodKind.THIS_YEAR: self.tr("Năm nay"),
                 PeriodKind.CUSTOM: self.tr("Chọn ngày…")}
        for kind, b in self.buttons.items():
            b.set_label(words[kind], self.tr("Xem số liệu của kỳ này."))
        self.from_label.setText(self.tr("Từ ngày"))
        self.to_label.setText(self.tr("đến ngày"))
        self.from_edit.setAccessibleName(self.tr("Từ ngày"))
        self.to_edit.setAccessibleName(self.tr("Đến ngày"))
        self.apply_btn.set_label(self.tr("Xem"), self.tr("Xem số liệu từ ngày đến ngày đã chọn."))

    def _on_button(self, kind: PeriodKind) -> None:
        if kind is PeriodKind.CUSTOM:
            # Start from what is on screen now; the dates are then changed and applied.
            current = self.model.period
            self._choose(kind, current.start, current.end)
        else:
            self._choose(kind)

    def apply_custom(self) -> None:
        self._choose(PeriodKind.CUSTOM, self.from_edit.date().toPython(),
                     self.to_edit.date().toPython())

    def _choose(self, kind: PeriodKind, start: date | None = None,
                end: date | None = None) -> None:
        try:
            self.model.choose(kind, start, end)
        except PeriodError as exc:
            self.error.setText(exc.message(self.language()))
            self.error.show()

    def _sync(self, period: Period) -> None:
        kind = self.model.kind
        b = self.buttons[kind]
        if not b.isChecked():
            b.setChecked(True)
        self.custom_row.setVisible(kind is PeriodKind.CUSTOM)
        for edit, day in ((self.from_edit, period.start), (self.to_edit, period.end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self.error.hide()

    def apply_palette(self, p: theme.Palette) -> None:
        for b in (*self.buttons.values(), self.apply_btn):
            b.apply_palette(p)


def period_text(period: Period, lang: str = "vi") -> str:
    """"Tháng 3/2026 (01/03/2026 – 31/03/2026)"; a custom range is already spelt out."""
    label = period.label_in(lang)
    if fmt_day(period.start) in label:
        return label
    return f"{label} ({fmt_day(period.start)} – {fmt_day(period.end)})"
