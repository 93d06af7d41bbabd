"""Simple bar charts drawn with QPainter: no QtCharts, readable at kiosk text sizes.

Two shapes, both used by the staff reports:

* ``BarChart(orientation="horizontal")`` — one row per item: the Vietnamese label on the left,
  the bar, then the value. When a label would take more than half the width,
  every label moves onto its own line above its bar instead of being cut short (the full
  list is also in the tooltip and the accessible description). Bars may be *stacked* by
  series (age band × gender), with a legend on top.
* ``BarChart(orientation="vertical")`` — columns along a time axis (the daily trend); the
  axis labels are thinned out so they never overlap, and values are written above the
  columns when there is room.

Colours come from a :class:`ui.theme.Palette` given to :meth:`BarChart.apply_palette` (the
screen passes the palette in force, high contrast included); until then the widget's own
QPalette is used. The chart's height follows its rows and the font, so it sits in a
scrolling page without a scroll bar of its own. An empty chart says "Chưa có dữ liệu".

Thread: GUI thread only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk import numbers


def fmt_int(n: int) -> str:
    """Vietnamese thousands separator: 1.250 (the rule is kiosk.numbers)."""
    return numbers.fmt_int(n)


@dataclass(frozen=True)
class Bar:
    """One row (or column): its label, one value per series, and the text shown beside it.

    ``value_text`` defaults to the total; ``axis_label`` (vertical charts) is the short text
    under the column when it differs from ``label`` (e.g. "05/03" for "Thứ Năm 05/03/2026").
    """

    label: str
    values: tuple[int, ...]
    value_text: str | None = None
    axis_label: str | None = None

    @property
    def total(self) -> int:
        return sum(self.values)

    @property
    def shown_value(self) -> str:
        return self.value_text if self.value_text is not None else fmt_int(self.total)


class BarChart(QWidget):
    """A horizontal (rows) or vertical (columns) bar chart; see the module docstring."""

    def __init__(self, object_name: str, accessible_name: str = "", *,
                 orientation: str = "horizontal", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if orientation not in ("horizontal", "vertical"):
            raise ValueError(f"unknown orientation {orientation!r}")
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.orientation = orientation
        self.bars: tuple[Bar, ...] = ()
        self.series: tuple[str, ...] = ()
        self.empty_text = QCoreApplication.translate("BarChart", "Chưa có dữ liệu")
        self._colours: dict[str, Any] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    # -- data --------------------------------------------------------------------------------
    def set_bars(self, bars: Sequence[Bar | tuple[str, int]], series: Sequence[str] = ()
                 ) -> None:
        """Rows (or columns) to draw; ``(label, count)`` pairs are accepted for one series.

        ``series`` names the stacked parts (legend), in the order of each bar's ``values``.
        """
        self.bars = tuple(b if isinstance(b, Bar) else Bar(b[0], (int(b[1]),)) for b in bars)
        self.series = tuple(series)
        self._describe()
        self._fit()
        self.update()

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self._describe()
        self.update()

    @property
    def is_empty(self) -> bool:
        return not self.bars or all(b.total == 0 for b in self.bars)

    def _describe(self) -> None:
        """Everything the chart says, as text (tooltip and screen readers)."""
        if self.is_empty:
            text = self.empty_text
        else:
            lines = [f"{b.label}: {b.shown_value}" for b in self.bars]
            if self.orientation == "vertical" and len(lines) > 40:
                lines = [f"{b.label}: {b.shown_value}" for b in self.bars if b.total]
            text = "\n".join(lines)
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    # -- colours -----------------------------------------------------------------------------
    def apply_palette(self, p: Any | None) -> None:
        """Use a :class:`ui.theme.Palette` (None: fall back to the widget's QPalette)."""
        if p is None:
            self._colours = {}
        else:
            series: list[str] = []
            for c in (p.primary, p.focus, p.tip_text, p.danger, p.text, p.muted):
                if c.lower() not in (s.lower() for s in series):
                    series.append(c)
            self._colours = {"bar": QColor(p.primary), "text": QColor(p.text),
                             "muted": QColor(p.muted), "series": [QColor(c) for c in series]}
        self.update()

    def _colour(self, key: str) -> QColor:
        if key in self._colours:
            return self._colours[key]  # type: ignore[no-any-return]
        pal = self.palette()
        return {"bar": pal.color(QPalette.ColorRole.Highlight),
                "text": pal.color(QPalette.ColorRole.WindowText),
                "muted": pal.color(QPalette.ColorRole.Mid)}[key]

    def _series_colour(self, i: int) -> QColor:
        colours = self._colours.get("series")
        if colours:
            return colours[i % len(colours)]  # type: ignore[no-any-return]
        base = self._colour("bar")
        return base.lighter(100 + 45 * i) if i else base

    # -- size --------------------------------------------------------------------------------
    def _metrics(self) -> tuple[QFontMetrics, int, int]:
        fm = QFontMetrics(self.font())
        line = fm.height()
        return fm, line, round(line * 1.5)

    def _legend_height(self) -> int:
        _fm, line, _row = self._metrics()
        return round(line * 1.5) if len(self.series) > 1 and not self.is_empty else 0

    def _labels_above(self, width: int) -> bool:
        """Long labels go on their own line above the bar instead of being cut short."""
        fm, _line, _row = self._metrics()
        widest = max((fm.horizontalAdvance(b.label) for b in self.bars), default=0) + 4
        return widest > width * 0.5

    def height_for(self, width: int) -> int:
        """The height this chart needs at ``width`` (rows × line height, legend, axis)."""
        _fm, line, row = self._metrics()
        if self.is_empty:
            return round(line * 2)
        if self.orientation == "vertical":
            return round(line * 9)
        per_row = row + (round(line * 1.1) if self._labels_above(width) else 0)
        return self._legend_height() + per_row * len(self.bars) + 4

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        width = self.width() if self.width() > 100 else 640
        return QSize(640 if self.orientation == "vertical" else 480, self.height_for(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(240, self.height_for(max(240, self.width())))

    def _fit(self) -> None:
        need = self.height_for(max(240, self.width()))
        if need != self.minimumHeight():
            self.setMinimumHeight(need)
        self.updateGeometry()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
        super().changeEvent(event)

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self.font())
        try:
            if self.is_empty:
                self._paint_empty(painter)
            elif self.orientation == "vertical":
                self._paint_columns(painter)
            else:
                self._paint_rows(painter)
        finally:
            painter.end()

    def _paint_empty(self, painter: QPainter) -> None:
        painter.setPen(self._colour("muted"))
        painter.drawText(QRectF(self.rect()), int(Qt.AlignmentFlag.AlignLeft
                                                  | Qt.AlignmentFlag.AlignVCenter),
                         self.empty_text)

    def _paint_legend(self, painter: QPainter, top: float) -> None:
        fm, line, _row = self._metrics()
        x = 0.0
        box = line * 0.7
        for i, name in enumerate(self.series):
            painter.fillRect(QRectF(x, top + (line - box) / 2, box, box), self._series_colour(i))
            x += box + 8
            painter.setPen(self._colour("text"))
            painter.drawText(QRectF(x, top, fm.horizontalAdvance(name) + 4, line),
                             int(Qt.AlignmentFlag.AlignVCenter), name)
            x += fm.horizontalAdvance(name) + 28

    def _paint_rows(self, painter: QPainter) -> None:
        fm, line, row = self._metrics()
        width = self.width()
        gap = max(8, line // 3)
        legend = self._legend_height()
        if legend:
            self._paint_legend(painter, 0)
        above = self._labels_above(width)
        label_line = round(line * 1.1) if above else 0
        label_w = width if above else max(fm.horizontalAdvance(b.label) for b in self.bars) + 4
        value_w = max(fm.horizontalAdvance(b.shown_value) for b in self.bars) + 4
        bar_x = 0 if above else label_w + gap
        bar_room = max(10, width - bar_x - gap - value_w)
        top_total = max(b.total for b in self.bars) or 1
        bar_h = round(line * 0.85)
        text = self._colour("text")
        align_left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i, b in enumerate(self.bars):
            y = legend + i * (row + label_line)
            painter.setPen(text)
            label = fm.elidedText(b.label, Qt.TextElideMode.ElideRight, label_w)
            if above:
                painter.drawText(QRectF(0, y, width, label_line),
                                 int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                                 label)
                y += label_line
            else:
                painter.drawText(QRectF(0, y, label_w, row), align_left, label)
            x = float(bar_x)
            bar_y = y + (row - bar_h) / 2
            for s, v in enumerate(b.values):
                if v <= 0:
                    continue
                w = max(2.0, bar_room * v / top_total)
                colour = self._series_colour(s) if len(b.values) > 1 else self._colour("bar")
                painter.fillRect(QRectF(x, bar_y, w, bar_h), colour)
                x += w
            painter.setPen(text)
            painter.drawText(QRectF(x + gap, y, value_w, row), align_left, b.shown_value)

    def _paint_columns(self, painter: QPainter) -> None:
        fm, line, _row = self._metrics()
        width, height = self.width(), self.height()
        n = len(self.bars)
        top_total = max(b.total for b in self.bars) or 1
        axis_w = fm.horizontalAdvance(fmt_int(top_total)) + 12
        plot_x, plot_top = float(axis_w), float(line) * 1.2
        plot_w = max(10.0, width - plot_x - 4)
        plot_bottom = float(height - line * 1.4)
        plot_h = max(10.0, plot_bottom - plot_top)
        slot = plot_w / n
        bar_w = max(1.0, slot * 0.72)
        text, muted = self._colour("text"), self._colour("muted")

        # Guide line at the largest value, with its number on the axis.
        painter.setPen(muted)
        painter.drawLine(round(plot_x), round(plot_top), round(plot_x + plot_w), round(plot_top))
        painter.drawLine(round(plot_x), round(plot_bottom), round(plot_x + plot_w),
                         round(plot_bottom))
        painter.setPen(text)
        painter.drawText(QRectF(0, plot_top - line / 2, axis_w - 8, line),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         fmt_int(top_total))
        painter.drawText(QRectF(0, plot_bottom - line / 2, axis_w - 8, line),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), "0")

        show_values = all(fm.horizontalAdvance(b.shown_value) <= slot - 2 for b in self.bars)
        for i, b in enumerate(self.bars):
            x = plot_x + i * slot + (slot - bar_w) / 2
            y = plot_bottom
            for s, v in enumerate(b.values):
                if v <= 0:
                    continue
                h = max(2.0, plot_h * v / top_total)
                colour = self._series_colour(s) if len(b.values) > 1 else self._colour("bar")
                painter.fillRect(QRectF(x, y - h, bar_w, h), colour)
                y -= h
            if show_values and b.total:
                painter.setPen(text)
                painter.drawText(QRectF(plot_x + i * slot, y - line, slot, line),
                                 int(Qt.AlignmentFlag.AlignHCenter
                                     | Qt.AlignmentFlag.AlignBottom), b.shown_value)

        # Axis labels: as many as fit without touching, always including the first one.
        labels = [b.axis_label if b.axis_label is not None else b.label for b in self.bars]
        label_w = max(fm.horizontalAdvance(t) for t in labels) + 16
        step = max(1, math.ceil(label_w / slot))
        painter.setPen(text)
        last_right = -1.0
        for i in range(0, n, step):
            cx = plot_x + i * slot + slot / 2
            rect = QRectF(cx - label_w / 2, plot_bottom + 2, label_w, line * 1.3)
            if rect.right() > width:
                rect.moveRight(width)
            if rect.left() < last_right:
                continue  # pushed left by the edge onto its neighbour: leave it out
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignHCenter
                                       | Qt.AlignmentFlag.AlignTop), labels[i])
            last_right = rect.right()
