"""The layout rule, measured on a live window (docs/accessibility.md, "Reflow").

On every citizen and volunteer screen:

1. every visible interactive widget (button, text field, list, combo box) lies entirely inside
   the window and inside the visible viewport of every scroll area around it, so nobody has to
   scroll to reach an action;
2. every visible label with words lies inside the window and its scroll areas too, unless it
   sits in a scroll area marked ``reading`` (long reading text may scroll; actions never);
3. no text is clipped: a label's required size (``heightForWidth`` for wrapped text, the size
   hint for one line) fits the size it is shown at, and a drop-down (not editable) shows each
   of its options whole in its box (:func:`_combo_clip`);
4. no two actions lie on top of each other (a layout squeezed below its minimum piles them).

Staff tabs are long forms and reports: they may scroll down, never sideways.
``problems(window, screen, may_scroll_down=True)`` lets a widget lie below (or above) the
visible part of a scroll area that scrolls down, an action as long as it is no taller than
that part (so scrolling shows it whole), a label however tall (it is read by scrolling);
:func:`sideways_scroll_bars` names every horizontal scroll bar on show.

:func:`problems` returns one human sentence per breach, naming the widget's objectName and
the overlap in pixels. Call it after the event loop has laid the window out.

Thread: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView,
               QPlainTextEdit, QTextEdit, QTabBar)
TOLERANCE_PX = 2  # rounding of fractional font metrics


def mark_reading(area: QAbstractScrollArea) -> None:
    """Allow ``area`` to scroll: it holds long reading text only, never an action."""
    area.setProperty("reading", True)


def _rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(QWidget.mapTo(widget, window, QPoint(0, 0)), QWidget.size(widget))


def _outside(inner: QRect, outer: QRect, downwards: bool = False,
             tall_ok: bool = False) -> int:
    """How many pixels of ``inner`` stick out of ``outer`` on its worst side (0 = inside).
    ``downwards``: ``outer`` scrolls down, so only the sides count, and (unless ``tall_ok``,
    for reading text) a height that scrolling could never show whole."""
    if downwards:
        return max(0, outer.left() - inner.left(), inner.right() - outer.right(),
                   0 if tall_ok else inner.height() - outer.height())
    return max(0, outer.left() - inner.left(), outer.top() - inner.top(),
               inner.right() - outer.right(), inner.bottom() - outer.bottom())


def _scrolls_down(viewport: QWidget) -> bool:
    """``viewport`` is the visible part of a scroll area that can scroll down."""
    from PySide6.QtCore import Qt  # not at import: screens import mark_reading (ui.first_paint)

    area = viewport.parentWidget()
    return isinstance(area, QAbstractScrollArea) and area.viewport() is viewport and \
        area.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def _read_only_view(widget: QWidget) -> bool:
    """A table nobody can focus, select in or edit (``ui.widgets.tables.FitTable``: as tall
    as its rows, the page scrolls): it is read like long text, so on a staff tab it may run
    below the visible part; a table a person works in is held like any other action."""
    if not isinstance(widget, QAbstractItemView):
        return False
    from PySide6.QtCore import Qt  # not at import (ui.first_paint)

    return (widget.focusPolicy() == Qt.FocusPolicy.NoFocus
            and widget.selectionMode() == QAbstractItemView.SelectionMode.NoSelection
            and widget.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers)


def _is_shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisible() and widget.window() is window and widget.width() > 0 \
        and widget.height() > 0


def _inside_scroll_bar(widget: QWidget) -> bool:
    p = widget.parentWidget()
    while p is not None:
        if isinstance(p, QScrollBar | QTabBar | QAbstractItemView):
            return True
        p = p.parentWidget()
    return False


def _clipping_ancestors(widget: QWidget, window: QWidget) -> list[tuple[QWidget, bool]]:
    """Every ancestor up to the window, with whether it is a reading scroll area's viewport."""
    out: list[tuple[QWidget, bool]] = []
    p = widget.parentWidget()
    while p is not None and p is not window:
        area = p.parentWidget()
        reading = isinstance(area, QAbstractScrollArea) and area.viewport() is p and \
            bool(area.property("reading"))
        out.append((p, reading))
        p = p.parentWidget()
    return out


def _where(widget: QWidget, window: QWidget, allow_reading: bool,
           may_scroll_down: bool = False) -> tuple[int, str]:
    rect = _rect_in(widget, window)
    chain = _clipping_ancestors(widget, window)
    if allow_reading:
        for i, (ancestor, reading) in enumerate(chain):
            if reading:  # inside long reading text: it may scroll; its viewport may not
                rect = _rect_in(ancestor, window)
                chain = chain[i + 1:]
                break
    # From the innermost area that scrolls down outwards, only the sides count.
    down = next((i for i, (a, _r) in enumerate(chain) if _scrolls_down(a)), None) \
        if may_scroll_down else None
    worst, what = _outside(rect, window.rect(), down is not None, allow_reading), "the window"
    for i, (ancestor, _reading) in enumerate(chain):
        over = _outside(rect, _rect_in(ancestor, window), down is not None and i >= down,
                        allow_reading)
        if over > worst:
            worst = over
            area = ancestor.parentWidget()
            if isinstance(area, QAbstractScrollArea) and area.viewport() is ancestor:
                what = f"the visible part of scroll area {area.objectName() or '?'}"
            else:
                what = f"its container {ancestor.objectName() or type(ancestor).__name__}"
    return worst, what


def _label_clip(label: QLabel) -> int:
    """Pixels of text that do not fit the label as shown (0 = all words visible)."""
    if not label.text() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return 0
    if type(label).__name__ in ("ElidedLabel", "FittedNumber"):
        return 0  # ends with "…" by design / sizes its font to the space it gets
    cr = label.contentsRect()
    if label.wordWrap():
        return max(0, label.heightForWidth(label.width()) - label.height())
    hint = label.sizeHint()
    margins = label.width() - cr.width()
    return max(0, hint.width() - margins - cr.width() - 4,
               hint.height() - (label.height() - cr.height()) - cr.height() - 4)


def _combo_clip(combo: QComboBox) -> tuple[int, str]:
    """Pixels of the longest option that do not fit the box's text area, and that option
    (a drop-down shows one option at a time: each one chosen must read whole; the home-visit
    form's cut "Tài khoản định dan…" at the largest text). Editable boxes scroll their text."""
    if combo.isEditable() or not combo.count():
        return 0, ""
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    metrics = combo.fontMetrics()
    worst, text = 0, ""
    for i in range(combo.count()):
        over = metrics.horizontalAdvance(combo.itemText(i)) - field.width()
        if over > worst:
            worst, text = over, combo.itemText(i)
    return worst, text


def _in_overlay(widget: QWidget) -> bool:
    p: QWidget | None = widget
    while p is not None:
        if p.objectName() == "Overlay":
            return True
        p = p.parentWidget()
    return False


def _visible_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` not clipped away by its ancestors (scroll viewports too)."""
    rect = _rect_in(widget, window)
    for ancestor, _reading in _clipping_ancestors(widget, window):
        rect = rect.intersected(_rect_in(ancestor, window))
    return rect


def _overlaps(widgets: list[QWidget], window: QWidget, screen: str) -> list[str]:
    """Two actions on top of each other (a squeezed layout piles them up)."""
    found = []
    rects = [(w, _visible_rect(w, window)) for w in widgets if not _in_overlay(w)]
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1:]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            both = ra.intersected(rb)
            if both.width() > TOLERANCE_PX and both.height() > TOLERANCE_PX:
                found.append(f"{screen}: {a.objectName() or type(a).__name__} and "
                             f"{b.objectName() or type(b).__name__} overlap by "
                             f"{both.width()}×{both.height()}px")
    return found


def problems(window: QWidget, screen: str, may_scroll_down: bool = False) -> list[str]:
    """Every breach of the layout rule on ``window`` as it is shown now (staff tabs:
    ``may_scroll_down``, see the module's docstring)."""
    found: list[str] = []
    actions: list[QWidget] = []
    for w in window.findChildren(QWidget):
        if not _is_shown(w, window):
            continue
        name = w.objectName() or type(w).__name__
        if isinstance(w, INTERACTIVE) and not _inside_scroll_bar(w):
            actions.append(w)
            over, what = _where(w, window, _read_only_view(w), may_scroll_down)
            if over > TOLERANCE_PX:
                found.append(f"{screen}: {name} ({type(w).__name__}) is {over}px outside "
                             f"{what}")
        elif isinstance(w, QLabel) and w.text() and not _inside_scroll_bar(w) \
                and not isinstance(w.parentWidget(), QAbstractButton):
            over, what = _where(w, window, True, may_scroll_down)
            if over > TOLERANCE_PX:
                found.append(f"{screen}: label {name} is {over}px outside {what}")
        if isinstance(w, QComboBox):
            clip, option = _combo_clip(w)
            if clip > TOLERANCE_PX:
                found.append(f"{screen}: combo box {name} cuts {clip}px of its option "
                             f"{option[:30]!r}")
        if isinstance(w, QLabel) and not _inside_scroll_bar(w):
            clip = _label_clip(w)
            if clip > TOLERANCE_PX:
                owner = w.parentWidget()
                if isinstance(owner, QAbstractButton):
                    name = f"the words of {owner.objectName()}"
                found.append(f"{screen}: label {name} cuts {clip}px of its text "
                             f"({w.text()[:30]!r})")
    return found + _overlaps(actions, window, screen)


def sideways_scroll_bars(window: QWidget, screen: str) -> list[str]:
    """A horizontal scroll bar on show: part of a form or a report is off to the side."""
    found = []
    for area in window.findChildren(QAbstractScrollArea):
        bar = area.horizontalScrollBar()
        if _is_shown(area, window) and bar.isVisible() and bar.maximum() > 0:
            found.append(f"{screen}: scroll area {area.objectName() or type(area).__name__} "
                         f"scrolls {bar.maximum()}px sideways")
    return found


def _signature(window: QWidget) -> tuple[tuple[int, int, int, int, bool], ...]:
    return tuple((*_rect_in(w, window).getRect(), w.isVisible())
                 for w in window.findChildren(QWidget))


class Steady:
    """A ``qtbot.waitUntil`` condition: true once no widget has moved for two checks."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.before: object = None
        self.steady = 0

    def __call__(self) -> bool:
        now = _signature(self.window)
        self.steady = self.steady + 1 if now == self.before else 0
        self.before = now
        return self.steady >= 2


def settle(window: QWidget, rounds: int = 60) -> bool:
    """Run the event loop until no widget moves any more (layouts settle over a few passes
    because word-wrapped labels change their minimum heights after a resize). True when
    settled."""
    from PySide6.QtCore import QCoreApplication, QEvent

    before = None
    steady = 0
    for _ in range(rounds):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        now = _signature(window)
        steady = steady + 1 if now == before else 0
        if steady >= 2:
            return True
        before = now
    return False
