"""Staff tabs for reports: "Báo cáo" (dashboard), "Hỗ trợ kinh phí" (allowance), "Xuất dữ liệu".

The figures, the allowance and the files all come from the Qt-free ``kiosk.reports`` package,
the same code ``help-kiosk export`` runs, so the screen, the spreadsheets and the printed
report never disagree. This module only chooses a period, runs the work off the GUI thread
and shows the result:

* figures and the allowance are computed on the ``db`` lane (``Đang tính…`` meanwhile); an
  answer for a period the staff member has already left is dropped;
* exports run on the ``print`` lane; the export's ``progress(done, total)`` callback is
  emitted from that thread on a relay signal, which Qt queues to the progress bar;
* every expected failure (a period back to front, a rule that overlaps, a USB drive pulled
  out) arrives as a kiosk exception with a Vietnamese message and is shown as it is.

The three tabs share one :class:`ReportPeriod`, so choosing "Tháng trước" on one tab shows
last month on the others too. Nothing personal is shown: the dashboard counts, the
allowance lists team members only. Contacts can be exported (staff only, off by default).

Thread: GUI thread, except the ``work`` closures handed to the task runner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.files import OutputError, unique_path
from kiosk.reports.allowance import (
    Allowance,
    CapPeriod,
    PolicyRuleInfo,
    add_rule,
    compute_allowance,
    list_rules,
    vnd,
)
from kiosk.reports.export_csv import ExportResult, export_csv
from kiosk.reports.figures import CountRow, Figures, compute_figures
from kiosk.reports.periods import Period, PeriodError, PeriodKind, fmt_day, for_kind, month_end
from kiosk.store import Store
from ui import theme
from ui.state import KioskState
from ui.tasks import TaskRunner
from ui.widgets.bar_chart import Bar, BarChart, fmt_int
from ui.widgets.big_button import BigButton

log = logging.getLogger(__name__)

VI_LOCALE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


# -- small pure helpers ----------------------------------------------------------------------

def fmt_dec(value: float, digits: int = 1) -> str:
    """Vietnamese decimal comma: 12,5 (and 12 rather than 12,0)."""
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def money(amount: int) -> str:
    """"1.250.000 đ" that never breaks between the number and "đ"."""
    return vnd(amount).replace(" ", "\u00a0")


def fmt_pct(part: int, whole: int) -> str:
    return f"{fmt_dec(100 * part / whole, 0)}%" if whole else "0%"


def report_file_name(what: str, fmt: str, period: Period, contacts: bool = False) -> str:
    """``bao-cao-2026-11.xlsx``, ``ban-ghi-2026.csv``, ``kinh-phi-2026-03-05.pdf`` …

    The stem says what is inside; a file with contacts says so too (``-lien-he``), so
    nobody hands it on by mistake.
    """
    stem = {"records": "ban-ghi", "summary": "bao-cao", "allowance": "kinh-phi",
            "all": "bao-cao"}[what]
    s, e = period.start, period.end
    if s == e:
        part = s.isoformat()
    elif s.day == 1 and e == month_end(s):
        part = f"{s:%Y-%m}"
    elif s == date(s.year, 1, 1) and e == date(s.year, 12, 31):
        part = str(s.year)
    else:
        part = period.slug
    return f"{stem}-{part}{'-lien-he' if contacts else ''}.{fmt}"


def top_rows(rows: Sequence[CountRow], limit: int, other_label: str) -> list[CountRow]:
    """The ``limit`` largest rows, the rest summed into one "other" row."""
    if len(rows) <= limit:
        return list(rows)
    rest = rows[limit - 1:]
    return [*rows[:limit - 1], CountRow("", other_label.replace("{n}", str(len(rest))),
                                        sum(r.count for r in rest))]


def daily_bars(f: Figures) -> tuple[list[Bar], bool]:
    """Columns for the trend: one per day, or one per month for periods over two months."""
    if f.period.days <= 62:
        return [Bar(fmt_day(d.day), (d.count,), axis_label=d.day.strftime("%d/%m"))
                for d in f.daily], False
    months: dict[tuple[int, int], int] = {}
    for d in f.daily:
        key = (d.day.year, d.day.month)
        months[key] = months.get(key, 0) + d.count
    many_years = len({y for y, _m in months}) > 1
    month = QCoreApplication.translate("StaffReports", "Tháng {m}/{y}")
    return [Bar(month.replace("{m}", str(m)).replace("{y}", str(y)), (n,),
                axis_label=f"{m}/{y % 100:02d}" if many_years else f"T{m}")
            for (y, m), n in months.items()], True


def _named(widget: Any, name: str, accessible: str) -> Any:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


def _label(parent: QWidget, name: str, role: str = "", wrap: bool = True) -> QLabel:
    lab = QLabel(parent)
    lab.setObjectName(name)
    if role:
        lab.setProperty("role", role)
    lab.setWordWrap(wrap)
    return lab


def _date_edit(parent: QWidget, name: str, accessible: str) -> QDateEdit:
    edit = _named(QDateEdit(parent), name, accessible)
    edit.setLocale(VI_LOCALE)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


class FitTable(QTableWidget):
    """A read-only table exactly as tall as its rows: the page scrolls, never the table.

    Rows wrap long names in the stretching first column, so the height is worked out again
    whenever the width changes.
    """

    def __init__(self, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(0, columns, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def fit(self) -> None:
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth() + 2
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.resizeRowsToContents()
        self.fit()


def _table(parent: QWidget, name: str, accessible: str, columns: int) -> FitTable:
    return _named(FitTable(columns, parent), name, accessible)


def _fill_table(t: FitTable, rows: Sequence[Sequence[str]], bold_last: bool = False
                ) -> None:
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            if bold_last and r == len(rows) - 1:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            t.setItem(r, c, item)
    t.resizeRowsToContents()
    t.fit()


class TargetButton(BigButton):
    """A BigButton that never shrinks below the touch target, even in a row that does not
    stretch (BigButton's own height follows its words; see :meth:`_TabBase.fit_targets`)."""

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


class Card(QFrame):
    """A framed box with a heading (QFrame#Card in the theme)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.setProperty("cardName", name)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 16, 12)
        self.heading = _label(self, f"{name}Heading")
        self.heading.setStyleSheet("font-weight: bold;")
        self.body.addWidget(self.heading)


class StatCard(Card):
    """One key figure: the number big on the left, what it counts and a detail beside it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.body.removeWidget(self.heading)
        row = QHBoxLayout()
        row.setSpacing(14)
        self.value = _label(self, f"{name}Value", "title", wrap=False)
        self.value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.heading)
        self.detail = _label(self, f"{name}Detail", "muted")
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


PERIOD_BUTTONS: tuple[tuple[PeriodKind, str], ...] = (
    (PeriodKind.TODAY, "Today"), (PeriodKind.THIS_WEEK, "Week"),
    (PeriodKind.THIS_MONTH, "Month"), (PeriodKind.LAST_MONTH, "LastMonth"),
    (PeriodKind.THIS_YEAR, "Year"), (PeriodKind.CUSTOM, "Custom"))


class PeriodPicker(QWidget):
    """Big toggle buttons for the period, and two dates for a custom one."""

    def __init__(self, model: ReportPeriod, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.prefix = model, prefix
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
        self.from_label = _label(self.custom_row, f"{prefix}FromLabel", wrap=False)
        self.from_edit = _date_edit(self.custom_row, f"{prefix}From", "Từ ngày")
        self.to_label = _label(self.custom_row, f"{prefix}ToLabel", wrap=False)
        self.to_edit = _date_edit(self.custom_row, f"{prefix}To", "Đến ngày")
        self.apply_btn = TargetButton("", "done", object_name=f"{prefix}PeriodApply", beside=True,
                                      icon_px=32, parent=self.custom_row)
        self.apply_btn.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.apply_btn.clicked.connect(self.apply_custom)
        for w in (self.from_label, self.from_edit, self.to_label, self.to_edit):
            custom.addWidget(w)
        custom.addWidget(self.apply_btn)
        custom.addStretch(1)
        outer.addWidget(self.custom_row)
        self.error = _label(self, f"{prefix}PeriodError", "warning")
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
            self.error.setText(str(exc))
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


def period_text(period: Period) -> str:
    """"Tháng 3/2026 (01/03/2026 – 31/03/2026)"; a custom range is already spelt out."""
    if fmt_day(period.start) in period.label:
        return period.label
    return f"{period.label} ({fmt_day(period.start)} – {fmt_day(period.end)})"


class _TabBase(QWidget):
    """What the three tabs share: the period picker, a status line, a demo banner."""

    def __init__(self, name: str, state: KioskState, tasks: TaskRunner, store: Store,
                 model: ReportPeriod) -> None:
        super().__init__()
        self.setObjectName(name)
        self.name = name
        self.state, self.tasks, self.store, self.model = state, tasks, store, model
        self._request = 0
        self.outer = QVBoxLayout(self)
        self.outer.setSpacing(10)
        self.picker = PeriodPicker(model, name, self)
        self.outer.addWidget(self.picker)
        line = QHBoxLayout()
        line.setSpacing(16)
        self.period_label = _label(self, f"{name}PeriodLabel", wrap=True)
        self.period_label.setStyleSheet("font-weight: bold;")
        self.status = _label(self, f"{name}Status", "muted", wrap=False)
        self.demo_banner = _label(self, f"{name}DemoBanner", "warning", wrap=False)
        self.demo_banner.hide()
        line.addWidget(self.period_label, 1)
        line.addWidget(self.status, 0)
        line.addWidget(self.demo_banner, 0)
        self.outer.addLayout(line)
        self.error = _label(self, f"{name}Error", "warning")
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
        self.period_label.setText(period_text(period))
        if self.isVisible():
            self.refresh()

    def _on_actor_changed(self, _actor: Any) -> None:
        if not self.state.is_staff:  # signed out or idle: nothing stays on screen
            self.reset()

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
        self.period_label.setText(period_text(self.model.period))

    def restyle(self) -> None:
        self.picker.apply_palette(theme.palette(self.state.high_contrast))

    def reset(self) -> None:
        self._request += 1
        self.status.clear()
        self.error.hide()
        self.demo_banner.hide()

    def _start(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run ``work`` on the db lane; drop the answer if another request came since."""
        self._request += 1
        ticket = self._request
        self.status.setText(QCoreApplication.translate("StaffReports", "Đang tính…"))
        self.error.hide()

        def ok(value: Any) -> None:
            if ticket == self._request:
                self.status.clear()
                done(value)

        def fail(exc: BaseException) -> None:
            if ticket != self._request:
                return
            self.status.clear()
            if isinstance(exc, KioskError):
                self.show_error(str(exc))
            else:
                raise exc  # the error funnel logs it and shows a calm message

        self.tasks.run_in_background(work, ok, fail, lane="db")

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


# -- tab 1: the dashboard --------------------------------------------------------------------

CARDS = ("Citizens", "Tickets", "MedianWait", "P90Wait", "NoShows", "TutorialsOpened",
         "TutorialsFinished", "Printed", "Satisfaction")
CHARTS = ("Service", "Outcome", "Channel", "Village", "AgeGender", "Volunteer",
          "SatisfactionChart", "PrintedChart")


class ReportsTab(_TabBase):
    """"Báo cáo": key figures and charts for the chosen period."""

    def __init__(self, state: KioskState, tasks: TaskRunner, store: Store,
                 model: ReportPeriod, titles: Mapping[str, str] | None = None) -> None:
        super().__init__("reports", state, tasks, store, model)
        self.titles = dict(titles or {})
        self.figures: Figures | None = None
        self.empty = _label(self, "reportsEmpty", "tip")
        self.empty.hide()
        self.outer.addWidget(self.empty)

        page = QWidget(self)
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 0, 8, 0)
        body.setSpacing(16)
        self.cards_grid = ReflowGrid(24, max_columns=5, parent=page)
        self.cards: dict[str, StatCard] = {}
        for key in CARDS:
            card = StatCard(f"reports{key}", page)
            self.cards[key] = card
            self.cards_grid.add(card)
        body.addWidget(self.cards_grid)
        self.daily = ChartCard("reportsDaily", "vertical", page)
        body.addWidget(self.daily)
        self.charts_grid = ReflowGrid(34, max_columns=2, parent=page)
        self.charts: dict[str, ChartCard] = {}
        for key in CHARTS:
            card = ChartCard(f"reports{key}", parent=page)
            self.charts[key] = card
            self.charts_grid.add(card)
        body.addWidget(self.charts_grid)
        self.tutorials = Card("reportsTutorials", page)
        self.tutorial_table = _table(self.tutorials, "reportsTutorialTable",
                                     "Bài hướng dẫn", 5)
        self.tutorials.body.addWidget(self.tutorial_table)
        self.tutorials_empty = _label(self.tutorials, "reportsTutorialsEmpty", "muted")
        self.tutorials.body.addWidget(self.tutorials_empty)
        body.addWidget(self.tutorials)
        body.addStretch(1)
        self.page = page
        self.outer.addWidget(page, 1)
        self.retranslate()
        self.restyle()
        self.show_figures(None)

    @property
    def citizens_label(self) -> QLabel:
        """The "citizens helped" number on screen."""
        return self.cards["Citizens"].value

    def retranslate(self) -> None:
        super().retranslate()
        headings = {
            "Citizens": self.tr("Lượt người dân được hỗ trợ"),
            "Tickets": self.tr("Số thứ tự đã phát"),
            "MedianWait": self.tr("Thời gian chờ (trung vị)"),
            "P90Wait": self.tr("9/10 người chờ không quá"),
            "NoShows": self.tr("Vắng mặt khi gọi số"),
            "TutorialsOpened": self.tr("Lượt mở bài hướng dẫn"),
            "TutorialsFinished": self.tr("Lượt học hết bài"),
            "Printed": self.tr("Tờ hướng dẫn đã in"),
            "Satisfaction": self.tr("Mức hài lòng trung bình"),
        }
        for key, text in headings.items():
            self.cards[key].heading.setText(text)
        self.daily.set_title(self.tr("Số lượt hỗ trợ theo ngày"))
        titles = {
            "Service": self.tr("Theo dịch vụ"), "Outcome": self.tr("Theo kết quả"),
            "Channel": self.tr("Theo hình thức (tại điểm hỗ trợ / đến tận nhà)"),
            "Village": self.tr("Theo thôn/tổ dân phố"),
            "AgeGender": self.tr("Theo độ tuổi và giới tính"),
            "Volunteer": self.tr("Theo thành viên tổ"),
            "SatisfactionChart": self.tr("Người dân đánh giá"),
            "PrintedChart": self.tr("Tờ hướng dẫn đã in, theo bài"),
        }
        for key, text in titles.items():
            self.charts[key].set_title(text)
        self.tutorials.heading.setText(self.tr("Bài hướng dẫn trên kiosk"))
        self.tutorial_table.setHorizontalHeaderLabels([
            self.tr("Bài"), self.tr("Lượt mở"), self.tr("Học hết"), self.tr("Tỉ lệ"),
            self.tr("Hay dừng ở")])
        self.empty.setText(self.tr("Chưa có dữ liệu cho kỳ này. Hãy chọn kỳ khác, hoặc ghi "
                                   "lại các lượt hỗ trợ trên kiosk."))
        self.tutorials_empty.setText(self.tr("Chưa có dữ liệu"))
        empty = self.tr("Chưa có dữ liệu")
        for card in (self.daily, *self.charts.values()):
            card.chart.set_empty_text(empty)
        if self.figures is not None:
            self.show_figures(self.figures)

    def restyle(self) -> None:
        super().restyle()
        p = theme.palette(self.state.high_contrast)
        for card in (self.daily, *self.charts.values()):
            card.chart.apply_palette(p)

    def refresh(self) -> None:
        if not self.state.is_staff:
            return
        actor, store, period, titles = self.state.actor, self.store, self.model.period, \
            self.titles
        self.period_label.setText(period_text(period))
        self._start(lambda: compute_figures(actor, store, period, titles), self.show_figures)

    def reset(self) -> None:
        super().reset()
        self.show_figures(None)

    # -- showing -----------------------------------------------------------------------------
    def show_figures(self, f: Figures | None) -> None:
        self.figures = f
        if f is None:
            for card in self.cards.values():
                card.show_value("—")
            for card in (self.daily, *self.charts.values()):
                card.chart.set_bars([])
            self._fill_tutorials(None)
            self.empty.hide()
            return
        self.period_label.setText(period_text(f.period))
        q = f.queue
        opened = sum(t.opened for t in f.tutorials)
        finished = sum(t.finished for t in f.tutorials)
        minutes = self.tr("{n} phút")
        no_data = self.tr("chưa có số liệu")

        def wait(value: float | None) -> tuple[str, str]:
            if value is None:
                return "—", no_data
            return minutes.replace("{n}", fmt_dec(value)), ""

        c = self.cards
        c["Citizens"].show_value(
            fmt_int(f.citizens_helped),
            self.tr("trong đó {n} bản ghi mẫu").replace("{n}", fmt_int(f.demo_records))
            if 0 < f.demo_records < f.citizens_helped else "")  # all demo: the banner says so
        c["Tickets"].show_value(fmt_int(q.tickets), self.tr("đã phục vụ xong {n}").replace(
            "{n}", fmt_int(q.served)) if q.tickets else "")
        c["MedianWait"].show_value(*wait(q.median_wait_minutes))
        c["P90Wait"].show_value(*wait(q.p90_wait_minutes))
        c["NoShows"].show_value(fmt_int(q.no_shows), self.tr("{p} số đã phát").replace(
            "{p}", fmt_pct(q.no_shows, q.tickets)) if q.tickets else "")
        c["TutorialsOpened"].show_value(fmt_int(opened))
        c["TutorialsFinished"].show_value(
            fmt_int(finished), self.tr("tỉ lệ học hết {p}").replace(
                "{p}", fmt_pct(finished, opened)) if opened else "")
        c["Printed"].show_value(fmt_int(f.printed_sheets))
        s = f.satisfaction
        c["Satisfaction"].show_value(
            f"{fmt_dec(s.average)}/5" if s.average is not None else "—",
            self.tr("{n} người trả lời").replace("{n}", fmt_int(s.answered)) if s.answered
            else no_data)

        bars, by_month = daily_bars(f)
        self.daily.set_title(self.tr("Số lượt hỗ trợ theo tháng") if by_month
                             else self.tr("Số lượt hỗ trợ theo ngày"))
        self.daily.chart.set_bars(bars)
        total = f.citizens_helped

        def with_share(rows: Sequence[CountRow]) -> list[Bar]:
            return [Bar(r.label, (r.count,), f"{fmt_int(r.count)} ({fmt_pct(r.count, total)})")
                    for r in rows]

        ch = self.charts
        ch["Service"].chart.set_bars(with_share(f.by_service))
        ch["Outcome"].chart.set_bars(with_share(f.by_outcome))
        ch["Channel"].chart.set_bars(with_share(f.by_channel))
        ch["Village"].chart.set_bars(with_share(top_rows(
            f.by_village, 10, self.tr("Các thôn/tổ khác ({n})"))))
        genders = f.genders
        ch["AgeGender"].chart.set_bars(
            [Bar(label, tuple(f.age_gender_count(key, g) for g, _l in genders))
             for key, label in f.age_bands], [label for _g, label in genders])
        ch["Volunteer"].chart.set_bars([Bar(r.label, (r.count,)) for r in f.by_volunteer])
        ch["SatisfactionChart"].chart.set_bars(
            [Bar(self._rating_label(r.key), (r.count,),
                 f"{fmt_int(r.count)} ({fmt_pct(r.count, s.answered)})")
             for r in sorted(s.distribution, key=lambda r: -int(r.key))])
        ch["PrintedChart"].chart.set_bars([Bar(r.label, (r.count,))
                                           for r in f.printed_by_tutorial])
        self._fill_tutorials(f)
        self.demo_banner.setVisible(f.includes_demo)
        nothing = (f.citizens_helped == 0 and q.tickets == 0 and not f.tutorials
                   and f.printed_sheets == 0)
        self.empty.setVisible(nothing)

    def _rating_label(self, key: str) -> str:
        words = {5: self.tr("Rất hài lòng"), 4: self.tr("Hài lòng"), 3: self.tr("Bình thường"),
                 2: self.tr("Mức 2"), 1: self.tr("Chưa hài lòng")}
        try:
            return words.get(int(key), key)
        except ValueError:
            return key

    def _fill_tutorials(self, f: Figures | None) -> None:
        tutorials = f.tutorials if f is not None else ()
        step = self.tr("bước {n}")
        rows = [[t.title, fmt_int(t.opened), fmt_int(t.finished),
                 fmt_pct(t.finished, t.opened),
                 step.replace("{n}", str(t.stop_step)) if t.stop_step is not None else "—"]
                for t in tutorials]
        _fill_table(self.tutorial_table, rows)
        self.tutorial_table.setVisible(bool(rows))
        self.tutorials_empty.setVisible(not rows)


# -- tab 2: the allowance --------------------------------------------------------------------

class AllowanceTab(_TabBase):
    """"Hỗ trợ kinh phí": per member active days and amount, the cap, the rules."""

    def __init__(self, state: KioskState, tasks: TaskRunner, store: Store,
                 model: ReportPeriod) -> None:
        super().__init__("allowance", state, tasks, store, model)
        self.allowance: Allowance | None = None
        self.rules: tuple[PolicyRuleInfo, ...] = ()
        page = QWidget(self)
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 0, 8, 0)
        body.setSpacing(16)
        self.grid = ReflowGrid(40, max_columns=2, parent=page)

        # Left: the amounts.
        self.amounts = Card("allowanceAmounts", page)
        self.total = _label(self.amounts, "allowanceTotal", "title")
        self.total_detail = _label(self.amounts, "allowanceTotalDetail", "muted")
        self.remaining = _label(self.amounts, "allowanceRemaining", "tip")
        self.table = _table(self.amounts, "allowanceTable", "Kinh phí theo thành viên", 4)
        self.table_empty = _label(self.amounts, "allowanceEmpty", "muted")
        self.no_rule = _label(self.amounts, "allowanceNoRule", "warning")
        self.capped = _label(self.amounts, "allowanceCapped", "muted")
        self.caps_heading = _label(self.amounts, "allowanceCapsHeading")
        self.caps_heading.setStyleSheet("font-weight: bold;")
        self.caps_table = _table(self.amounts, "allowanceCaps", "Mức tối đa theo kỳ", 4)
        for w in (self.total, self.total_detail, self.remaining, self.table, self.table_empty,
                  self.no_rule, self.capped, self.caps_heading, self.caps_table):
            self.amounts.body.addWidget(w)
        self.amounts.body.addStretch(1)
        self.grid.add(self.amounts)

        # Right: the rules and the form for a new one.
        self.rules_card = Card("allowanceRules", page)
        self.rules_box = QVBoxLayout()
        self.rules_box.setSpacing(8)
        self.rules_card.body.addLayout(self.rules_box)
        self.form_heading = _label(self.rules_card, "ruleFormHeading")
        self.form_heading.setStyleSheet("font-weight: bold;")
        self.rules_card.body.addWidget(self.form_heading)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.rule_name = _named(QLineEdit(self.rules_card), "ruleName", "Tên quy định")
        self.rule_from = _date_edit(self.rules_card, "ruleValidFrom", "Có hiệu lực từ ngày")
        self.rule_to = _date_edit(self.rules_card, "ruleValidTo", "Hết hiệu lực ngày")
        self.rule_open = _named(QCheckBox(self.rules_card), "ruleNoEnd",
                                "Chưa có ngày hết hiệu lực")
        self.rule_open.setProperty("role", "secondary")
        self.rule_open.setStyleSheet("QCheckBox::indicator { width: 32px; height: 32px; }")
        self.rule_open.toggled.connect(lambda on: self.rule_to.setEnabled(not on))
        self.rule_rate = self._money_spin("ruleDailyRate", "Mức hỗ trợ mỗi người mỗi ngày")
        self.rule_cap = self._money_spin("ruleCap", "Mức tối đa cho cả tổ")
        self.rule_period = _named(QComboBox(self.rules_card), "ruleCapPeriod",
                                  "Kỳ tính mức tối đa")
        self.rule_period.addItem("", CapPeriod.MONTH.value)
        self.rule_period.addItem("", CapPeriod.YEAR.value)
        self.rule_source = _named(QLineEdit(self.rules_card), "ruleSource",
                                  "Nguồn (số văn bản, đường dẫn)")
        self.form_labels = [QLabel(self.rules_card) for _ in range(7)]
        for lab, field in zip(self.form_labels, (
                self.rule_name, self.rule_from, self.rule_to, self.rule_rate, self.rule_cap,
                self.rule_period, self.rule_source), strict=True):
            lab.setWordWrap(True)
            form.addRow(lab, field)
            if field is self.rule_to:
                form.addRow(self.rule_open)
        self.rules_card.body.addLayout(form)
        self.add_btn = TargetButton("", "done", object_name="ruleAdd", beside=True, icon_px=40,
                                    parent=self.rules_card)
        self.add_btn.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add_btn.clicked.connect(self.add_rule)
        self.rules_card.body.addWidget(self.add_btn)
        self.rule_message = _label(self.rules_card, "ruleMessage", "warning")
        self.rule_message.hide()
        self.rules_card.body.addWidget(self.rule_message)
        self.rules_card.body.addStretch(1)
        self.grid.add(self.rules_card)
        body.addWidget(self.grid)
        body.addStretch(1)
        self.page = page
        self.outer.addWidget(page, 1)
        self._clear_form()
        self.retranslate()
        self.restyle()
        self.show_allowance(None)

    def _money_spin(self, name: str, accessible: str) -> QSpinBox:
        spin = _named(QSpinBox(self.rules_card), name, accessible)
        spin.setLocale(VI_LOCALE)
        spin.setGroupSeparatorShown(True)
        spin.setRange(0, 2_000_000_000)
        spin.setSingleStep(10_000)
        spin.setSuffix(" đ")
        return spin

    def retranslate(self) -> None:
        super().retranslate()
        self.amounts.heading.setText(self.tr("Kinh phí hỗ trợ trong kỳ"))
        self.rules_card.heading.setText(self.tr("Quy định về mức hỗ trợ (mới nhất trước)"))
        self.form_heading.setText(self.tr("Thêm quy định mới"))
        self.table.setHorizontalHeaderLabels([self.tr("Thành viên"), self.tr("Số ngày"),
                                              self.tr("Theo mức"), self.tr("Được nhận")])
        self.caps_heading.setText(self.tr("Mức tối đa của tổ theo từng kỳ"))
        self.caps_table.setHorizontalHeaderLabels([self.tr("Kỳ"), self.tr("Mức tối đa"),
                                                   self.tr("Đã dùng"), self.tr("Còn lại")])
        self.table_empty.setText(self.tr("Chưa có dữ liệu: chưa thành viên nào có ngày hoạt "
                                         "động trong kỳ này."))
        for lab, text in zip(self.form_labels, (
                self.tr("Tên quy định"), self.tr("Có hiệu lực từ"), self.tr("Hết hiệu lực"),
                self.tr("Mỗi người mỗi ngày"), self.tr("Tối đa cho cả tổ"),
                self.tr("Tính mức tối đa theo"), self.tr("Nguồn (văn bản)")), strict=True):
            lab.setText(text)
        self.rule_open.setText(self.tr("Chưa có ngày hết hiệu lực"))
        self.rule_period.setItemText(0, self.tr("Từng tháng"))
        self.rule_period.setItemText(1, self.tr("Từng năm"))
        self.add_btn.set_label(self.tr("Thêm quy định"),
                               self.tr("Lưu quy định mới; số tiền được tính lại ngay."))
        if self.allowance is not None:
            self.show_allowance(self.allowance)
        self._show_rules()

    def restyle(self) -> None:
        super().restyle()
        self.add_btn.apply_palette(theme.palette(self.state.high_contrast))

    def refresh(self) -> None:
        if not self.state.is_staff:
            return
        actor, store, period = self.state.actor, self.store, self.model.period
        self.period_label.setText(period_text(period))
        self._start(lambda: (compute_allowance(actor, store, period), list_rules(store)),
                    self._on_computed)

    def _on_computed(self, value: tuple[Allowance, tuple[PolicyRuleInfo, ...]]) -> None:
        self.rules = value[1]
        self.show_allowance(value[0])
        self._show_rules()

    def reset(self) -> None:
        super().reset()
        self.rules = ()
        self._show_rules()
        self.show_allowance(None)
        self._clear_form()

    # -- showing -----------------------------------------------------------------------------
    def show_allowance(self, a: Allowance | None) -> None:
        self.allowance = a
        if a is None:
            self.total.setText("—")
            for w in (self.total_detail, self.remaining, self.no_rule, self.capped,
                      self.caps_heading, self.caps_table, self.table):
                w.hide()
            self.table_empty.show()
            return
        self.period_label.setText(period_text(a.period))
        self.total.setText(self.tr("Tổng được nhận: {v}").replace("{v}", money(a.paid_total_vnd)))
        detail = (self.tr("{n} thành viên, {d} ngày hoạt động; theo mức ngày là {due}.")
                  .replace("{n}", fmt_int(len(a.volunteers)))
                  .replace("{d}", fmt_int(len(a.lines)))
                  .replace("{due}", money(a.due_total_vnd)))
        if a.due_total_vnd > a.paid_total_vnd:
            detail += " " + self.tr("Phần vượt mức tối đa của tổ không được tính.")
        self.total_detail.setText(detail)
        self.total_detail.show()
        if a.current is not None:
            cur = a.current
            self.remaining.setText(
                self.tr("Còn lại trong {label}: {left} (đã dùng {used} / tối đa {cap}).")
                .replace("{label}", cur.label.lower() if cur.label[:1] in "TN" else cur.label)
                .replace("{left}", money(cur.remaining_vnd)).replace("{used}", money(cur.used_vnd))
                .replace("{cap}", money(cur.cap_vnd)))
            self.remaining.show()
        else:
            self.remaining.hide()
        rows = [[v.name, fmt_int(v.active_days), money(v.due_vnd), money(v.paid_vnd)]
                for v in a.volunteers]
        if rows:
            rows.append([self.tr("Cả tổ"), fmt_int(sum(v.active_days for v in a.volunteers)),
                         money(a.due_total_vnd), money(a.paid_total_vnd)])
        _fill_table(self.table, rows, bold_last=True)
        self.table.setVisible(bool(rows))
        self.table_empty.setVisible(not rows)
        if a.days_without_rule:
            days = ", ".join(fmt_day(d) for d in a.days_without_rule[:10])
            more = len(a.days_without_rule) - 10
            if more > 0:
                days += " " + self.tr("và {n} ngày khác").replace("{n}", str(more))
            self.no_rule.setText(self.tr("{n} ngày hoạt động không có quy định nào (0 đ): "
                                         "{days}. Hãy thêm quy định cho những ngày này nếu "
                                         "có.").replace("{n}", str(len(a.days_without_rule)))
                                 .replace("{days}", days))
            self.no_rule.show()
        else:
            self.no_rule.hide()
        if a.capped_days:
            self.capped.setText(self.tr("Đã chạm mức tối đa từ ngày {d}.").replace(
                "{d}", fmt_day(a.capped_days[0])))
            self.capped.show()
        else:
            self.capped.hide()
        caps = [[c.label, money(c.cap_vnd), money(c.used_vnd), money(c.remaining_vnd)]
                for c in a.cap_uses]
        _fill_table(self.caps_table, caps)
        for w in (self.caps_heading, self.caps_table):
            w.setVisible(len(caps) > 1)
        self.demo_banner.setVisible(a.includes_demo)

    def _show_rules(self) -> None:
        while self.rules_box.count():
            item = self.rules_box.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        if not self.rules:
            return
        used = {r.id for r in self.allowance.rules} if self.allowance is not None else set()
        for r in reversed(self.rules):
            lab = _label(self.rules_card, f"allowanceRule{r.id}")
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text = f"<b>{_esc(r.name)}</b>"
            if r.id in used:
                text += " — " + _esc(self.tr("áp dụng cho kỳ này"))
            text += f"<br>{_esc(r.validity_label)} · {_esc(r.summary)}"
            if r.source:
                # The source can be a long note; the start names the document, the rest is
                # in the tooltip and the exported XLSX/PDF.
                short = r.source if len(r.source) <= 110 else r.source[:109].rstrip() + "…"
                text += "<br><i>" + _esc(self.tr("Nguồn: {s}").replace("{s}", short)) + "</i>"
                lab.setToolTip(r.source)
            lab.setText(text)
            lab.setAccessibleName(f"{r.name}: {r.validity_label}, {r.summary}")
            self.rules_box.addWidget(lab)

    # -- adding a rule -----------------------------------------------------------------------
    def _clear_form(self) -> None:
        self.rule_name.clear()
        self.rule_source.clear()
        today = self.model.period.end
        self.rule_from.setDate(QDate(today.year + 1, 1, 1))
        self.rule_to.setDate(QDate(today.year + 1, 12, 31))
        self.rule_open.setChecked(False)
        self.rule_rate.setValue(50_000)
        self.rule_cap.setValue(300_000)
        self.rule_period.setCurrentIndex(0)
        self.rule_message.hide()

    def add_rule(self) -> None:
        actor, store = self.state.actor, self.store
        values = {
            "name": self.rule_name.text(),
            "valid_from": self.rule_from.date().toPython(),
            "valid_to": None if self.rule_open.isChecked() else self.rule_to.date().toPython(),
            "daily_rate_vnd": self.rule_rate.value(), "cap_vnd": self.rule_cap.value(),
            "cap_period": self.rule_period.currentData(), "source": self.rule_source.text(),
        }

        def ok(rule: PolicyRuleInfo) -> None:
            self._rule_message(self.tr("Đã thêm quy định “{name}”. Số tiền đã được tính "
                                       "lại.").replace("{name}", rule.name), "tip")
            self.rule_name.clear()
            self.rule_source.clear()
            self.refresh()

        def fail(exc: BaseException) -> None:
            if isinstance(exc, KioskError):
                self._rule_message(str(exc), "warning")
            else:
                raise exc

        self.rule_message.hide()
        self.tasks.run_in_background(lambda: add_rule(actor, store, **values), ok, fail,
                                     lane="db")

    def _rule_message(self, text: str, role: str) -> None:
        self.rule_message.setText(text)
        self.rule_message.setProperty("role", role)
        self.rule_message.style().unpolish(self.rule_message)
        self.rule_message.style().polish(self.rule_message)
        self.rule_message.show()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- tab 3: exports --------------------------------------------------------------------------

class _ProgressRelay(QObject):
    """Lives on the GUI thread; ``changed`` emitted from the print lane arrives queued."""

    changed = Signal(int, int)  # done, total


FORMATS = (("csv", "CSV"), ("xlsx", "Excel (XLSX)"), ("pdf", "PDF"))
WHATS = ("records", "summary", "allowance", "all")


class ExportTab(_TabBase):
    """"Xuất dữ liệu": format, content, where to, contacts or not; progress; the path."""

    def __init__(self, state: KioskState, tasks: TaskRunner, store: Store,
                 model: ReportPeriod, config: Config, titles: Mapping[str, str] | None = None,
                 save_targets: Callable[[], list[Path]] | None = None) -> None:
        super().__init__("export", state, tasks, store, model)
        self.config = config
        self.titles = dict(titles or {})
        if save_targets is None:
            from ui.printing import save_targets as default_targets

            save_targets = default_targets
        self._targets_fn = save_targets
        self.targets: list[Path] = []
        self.usb: set[Path] = set()
        self.folder: Path | None = None
        self.exporting = False
        self.last_result: ExportResult | None = None
        self._relay = _ProgressRelay(self)
        self._relay.changed.connect(self._on_progress)

        page = QWidget(self)
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 0, 8, 0)
        body.setSpacing(12)
        self.format_label = _label(page, "exportFormatLabel")
        body.addWidget(self.format_label)
        self.format_group, self.format_buttons, row = self._toggles(
            page, [(key, f"exportFormat{key.capitalize()}") for key, _t in FORMATS])
        body.addLayout(row)
        self.what_label = _label(page, "exportWhatLabel")
        body.addWidget(self.what_label)
        self.what_group, self.what_buttons, row = self._toggles(
            page, [(key, f"exportWhat{key.capitalize()}") for key in WHATS])
        body.addLayout(row)
        self.where_label = _label(page, "exportWhereLabel")
        body.addWidget(self.where_label)
        self.targets_grid = ReflowGrid(20, max_columns=4, parent=page)
        body.addWidget(self.targets_grid)
        self.target_group = QButtonGroup(self)
        self.target_group.setExclusive(True)
        self.target_buttons: list[BigButton] = []
        tools = QHBoxLayout()
        self.rescan_btn = TargetButton("", "repeat", object_name="exportRescan", role="secondary",
                                       beside=True, icon_px=32, parent=page)
        self.browse_btn = TargetButton("", "document", object_name="exportBrowse",
                                       role="secondary", beside=True, icon_px=32, parent=page)
        for b in (self.rescan_btn, self.browse_btn):
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            tools.addWidget(b)
        body.addLayout(tools)
        self.folder_label = _label(page, "exportFolder", "muted")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body.addWidget(self.folder_label)
        self.contacts = _named(QCheckBox(page), "exportContacts", "Kèm thông tin liên hệ")
        self.contacts.setProperty("role", "secondary")
        self.contacts.setStyleSheet("QCheckBox::indicator { width: 32px; height: 32px; }")
        body.addWidget(self.contacts)
        self.contacts_note = _label(page, "exportContactsNote", "muted")
        body.addWidget(self.contacts_note)
        self.file_label = _label(page, "exportFileName", "muted")
        body.addWidget(self.file_label)
        action = QHBoxLayout()
        action.setSpacing(16)
        self.export_btn = TargetButton("", "print", object_name="exportRun", beside=True,
                                       icon_px=40, parent=page)
        self.export_btn.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.progress = _named(QProgressBar(page), "exportProgress", "Tiến độ xuất tệp")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        action.addWidget(self.export_btn, 1)
        action.addWidget(self.progress, 1)
        body.addLayout(action)
        self.result = _label(page, "exportResult", "tip")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        body.addWidget(self.result)
        body.addStretch(1)
        self.page = page
        self.outer.addWidget(page, 1)

        self.format_buttons["csv"].setChecked(True)
        self.what_buttons["records"].setChecked(True)
        self.format_group.buttonClicked.connect(lambda _b: self._on_format())
        self.what_group.buttonClicked.connect(lambda _b: self._update_choices())
        self.contacts.toggled.connect(lambda _on: self._update_choices())
        self.rescan_btn.clicked.connect(self.load_targets)
        self.browse_btn.clicked.connect(self._browse)
        self.export_btn.clicked.connect(self.export)
        self.retranslate()
        self.restyle()
        self._update_choices()

    def _toggles(self, page: QWidget, keys: list[tuple[str, str]]
                 ) -> tuple[QButtonGroup, dict[str, BigButton], QHBoxLayout]:
        group = QButtonGroup(self)
        group.setExclusive(True)
        buttons: dict[str, BigButton] = {}
        row = QHBoxLayout()
        row.setSpacing(10)
        for key, name in keys:
            b = TargetButton("", object_name=name, role="secondary", beside=True, parent=page)
            b.setCheckable(True)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setProperty("choice", key)
            group.addButton(b)
            buttons[key] = b
            row.addWidget(b)
        return group, buttons, row

    # -- strings -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        super().retranslate()
        self.format_label.setText(self.tr("1. Định dạng tệp"))
        self.what_label.setText(self.tr("2. Nội dung"))
        self.where_label.setText(self.tr("3. Lưu vào (USB trước, hoặc thư mục Tài liệu)"))
        for key, text in FORMATS:
            self.format_buttons[key].set_label(text, self.tr("Chọn định dạng tệp."))
        whats = {"records": self.tr("Bản ghi"), "summary": self.tr("Tổng hợp"),
                 "allowance": self.tr("Kinh phí hỗ trợ"), "all": self.tr("Cả ba (một tệp)")}
        for key, text in whats.items():
            self.what_buttons[key].set_label(text, self.tr("Chọn nội dung cần xuất."))
        self.rescan_btn.set_label(self.tr("Tìm lại USB"),
                                  self.tr("Tìm lại các USB vừa cắm vào máy."))
        self.browse_btn.set_label(self.tr("Chọn thư mục…"),
                                  self.tr("Chọn một thư mục khác để lưu tệp."))
        self.contacts.setText(self.tr("Kèm thông tin liên hệ"))
        self.export_btn.set_label(self.tr("Đang xuất…") if self.exporting else self.tr("Xuất"),
                                  self.tr("Ghi tệp vào nơi đã chọn."))
        self._make_target_buttons()
        self._update_choices()

    def restyle(self) -> None:
        super().restyle()
        p = theme.palette(self.state.high_contrast)
        for b in (*self.format_buttons.values(), *self.what_buttons.values(),
                  *self.target_buttons, self.rescan_btn, self.browse_btn, self.export_btn):
            b.apply_palette(p)

    # -- choices -----------------------------------------------------------------------------
    @property
    def fmt(self) -> str:
        b = self.format_group.checkedButton()
        return str(b.property("choice")) if b is not None else "csv"

    @property
    def what(self) -> str:
        b = self.what_group.checkedButton()
        return str(b.property("choice")) if b is not None else "records"

    def set_choice(self, fmt: str, what: str) -> None:
        self.format_buttons[fmt].setChecked(True)
        self._on_format()
        self.what_buttons[what].setChecked(True)
        self._update_choices()

    def _on_format(self) -> None:
        allowed = self._allowed_whats(self.fmt)
        if self.what not in allowed:
            self.what_buttons["summary" if self.fmt == "pdf" else "records"].setChecked(True)
        self._update_choices()

    @staticmethod
    def _allowed_whats(fmt: str) -> tuple[str, ...]:
        if fmt == "pdf":  # a printed report never lists citizens one by one
            return ("summary", "allowance")
        if fmt == "xlsx":
            return WHATS
        return ("records", "summary", "allowance")

    def _update_choices(self) -> None:
        allowed = self._allowed_whats(self.fmt)
        for key, b in self.what_buttons.items():
            b.setEnabled(key in allowed)
        contacts_ok = self.what in ("records", "all") and self.fmt in ("csv", "xlsx")
        if not contacts_ok and self.contacts.isChecked():
            self.contacts.setChecked(False)
        self.contacts.setEnabled(contacts_ok)
        if self.contacts.isChecked():
            self.contacts_note.setText(self.tr(
                "Tệp sẽ có tên, số điện thoại và ghi chú của người dân đã đồng ý. Chỉ đưa cho "
                "người có trách nhiệm, xóa khi không cần nữa."))
        elif contacts_ok:
            self.contacts_note.setText(self.tr("Không chọn: tệp không có tên hay số điện "
                                               "thoại của ai."))
        else:
            self.contacts_note.setText(self.tr("Tổng hợp, kinh phí và báo cáo PDF không bao "
                                               "giờ có thông tin liên hệ."))
        self._update_file_label()

    def _update_file_label(self) -> None:
        name = report_file_name(self.what, self.fmt, self.model.period, self.contacts.isChecked())
        self.file_label.setText(self.tr("Tên tệp: {name}").replace("{name}", name))
        if self.folder is None:
            self.folder_label.setText(self.tr("Chưa chọn nơi lưu."))
        else:
            usb = self.tr(" (USB)") if self.folder in self.usb else ""
            self.folder_label.setText(self.tr("Nơi lưu: {path}").replace(
                "{path}", str(self.folder)) + usb)

    def _on_period_changed(self, period: Period) -> None:
        self.period_label.setText(period_text(period))
        self._update_file_label()

    # -- where to ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.period_label.setText(period_text(self.model.period))
        self._update_file_label()
        self.load_targets()

    def load_targets(self) -> None:
        """Look for USB drives and Documents off the GUI thread (mounts can be slow)."""

        def fail(exc: BaseException) -> None:
            log.warning("no save targets: %s", type(exc).__name__)

        self.tasks.run_in_background(self._targets_fn, self._on_targets, fail, lane="default")

    def _on_targets(self, targets: list[Path]) -> None:
        self.targets = list(targets)
        self.usb = set(self.targets[:-1])  # save_targets lists USB drives first, then Documents
        self._make_target_buttons()
        if self.folder is None and self.targets:
            self.set_folder(self.targets[0])

    def _make_target_buttons(self) -> None:
        for b in self.target_buttons:
            self.target_group.removeButton(b)
            self.targets_grid.items.remove(b)
            self.targets_grid.grid.removeWidget(b)
            b.deleteLater()
        self.target_buttons = []
        p = theme.palette(self.state.high_contrast)
        for i, path in enumerate(self.targets):
            if path in self.usb:
                text, icon = self.tr("USB “{name}”").replace("{name}", path.name), "document"
            else:
                text, icon = self.tr("Thư mục Tài liệu"), "document"
            b = TargetButton(text, icon, object_name=f"exportTarget{i}", role="secondary",
                             beside=True, icon_px=32,
                             what_it_does=self.tr("Lưu tệp vào {path}.").replace(
                                 "{path}", str(path)))
            b.setCheckable(True)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setToolTip(str(path))
            b.setChecked(path == self.folder)
            b.clicked.connect(lambda _=False, path=path: self.set_folder(path))
            b.apply_palette(p)
            self.target_group.addButton(b)
            self.target_buttons.append(b)
            self.targets_grid.add(b)
        self.fit_targets()

    def set_folder(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.target_group.setExclusive(False)
        for b, path in zip(self.target_buttons, self.targets, strict=False):
            b.setChecked(path == self.folder)
        self.target_group.setExclusive(True)
        self._update_file_label()

    def _browse(self) -> None:
        start = str(self.folder) if self.folder else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục lưu tệp"), start)
        if folder:
            self.set_folder(Path(folder))

    # -- exporting ---------------------------------------------------------------------------
    def export(self) -> None:
        if self.exporting:
            return
        if self.folder is None:
            self.show_error(self.tr("Hãy chọn nơi lưu tệp (USB hoặc thư mục)."))
            return
        actor, store, cfg = self.state.actor, self.store, self.config
        period, fmt, what = self.model.period, self.fmt, self.what
        contacts, titles, folder = self.contacts.isChecked(), self.titles, self.folder
        name = report_file_name(what, fmt, period, contacts)
        usb = folder in self.usb
        usb_gone = self.tr("USB đã bị rút hoặc không còn ghi được. Hãy cắm lại USB rồi bấm "
                           "“Tìm lại USB”, hoặc chọn nơi lưu khác.")
        emit = self._relay.changed.emit

        def work() -> ExportResult:
            if not folder.is_dir():
                raise OutputError(usb_gone if usb else
                                  f"Thư mục “{folder}” không còn nữa. Hãy chọn nơi lưu khác.")
            path = unique_path(folder, name)
            if fmt == "csv":
                return export_csv(actor, store, period, path, what=what,
                                  include_contacts=contacts, progress=emit, titles=titles)
            if fmt == "xlsx":
                from kiosk.reports.export_xlsx import export_xlsx

                return export_xlsx(actor, store, period, path,
                                   what=None if what == "all" else what,
                                   include_contacts=contacts, progress=emit,
                                   help_point=cfg.help_point_name, commune=cfg.commune,
                                   titles=titles)
            from kiosk.reports.report_pdf import export_report_pdf

            return export_report_pdf(actor, store, period, path, what=what,
                                     help_point=cfg.help_point_name, commune=cfg.commune,
                                     village=cfg.village, titles=titles, progress=emit)

        def fail(exc: BaseException) -> None:
            self._set_exporting(False)
            self.progress.setValue(0)
            if usb and not folder.is_dir():
                self.show_error(usb_gone)
            elif isinstance(exc, KioskError):
                self.show_error(str(exc))
            else:
                log.error("export failed: %s", type(exc).__name__)
                self.show_error(self.tr("Không xuất được tệp. Hãy thử lại, hoặc chọn nơi lưu "
                                        "khác."))

        self._set_exporting(True)
        self.progress.setValue(0)
        self.error.hide()
        self.result.hide()
        self.tasks.run_in_background(work, self._on_exported, fail, lane="print")

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setValue(min(100, round(100 * done / total)))

    def _on_exported(self, r: ExportResult) -> None:
        self._set_exporting(False)
        self.progress.setValue(100)
        self.last_result = r
        text = (self.tr("Đã ghi tệp ({n} dòng):").replace("{n}", fmt_int(r.rows))
                + f"\n{r.path}")
        if r.includes_demo:
            text += "\n" + self.tr("Tệp có dữ liệu mẫu (demo) và được đánh dấu rõ.")
        self.result.setText(text)
        self.result.show()

    def _set_exporting(self, on: bool) -> None:
        self.exporting = on
        self.export_btn.setEnabled(not on)
        self.export_btn.set_label(self.tr("Đang xuất…") if on else self.tr("Xuất"),
                                  self.export_btn.what_it_does)

    def reset(self) -> None:
        super().reset()
        self.contacts.setChecked(False)
        self.result.hide()
        self.progress.setValue(0)
