"""Large icon-plus-words buttons: the only kind of button a citizen meets.

A QPushButton that lays out its own icon and a word-wrapping label, so long Vietnamese titles
wrap onto two lines instead of being cut to "Cài đặt V… an toàn" as QToolButton would.
"""

from __future__ import annotations

from typing import Any

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import icons, theme
from ui.first_paint import after_paint, qt_namespace_built, set_enum
from ui.widgets.fit import fit_height

# Each side of the words inside the border: the 3 px border and 2 px, so that the widths the
# words are measured at and laid out at are the same.
WORDS_INSET = theme.BORDER_PX + 2


class _FitLabel(QLabel):
    """Words on one line when there is room; wrapped at word boundaries when there is not.

    A plain word-wrapping QLabel asks for a narrow width and wraps "Quay lại" onto two lines
    even beside plenty of space; this one asks for its one-line width and only gives way
    down to its longest word.
    """

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        fm = self.fontMetrics()
        lines = self.text().split("\n") or [""]
        width = max(fm.horizontalAdvance(line) for line in lines) + 4
        return QSize(width, fm.lineSpacing() * len(lines) + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        fm = self.fontMetrics()
        words = self.text().split() or [""]
        return QSize(max(fm.horizontalAdvance(w) for w in words) + 4, fm.lineSpacing() + 4)


class BigButton(QPushButton):
    """A big target with an icon above (or beside) its words.

    ``spoken()`` is what voice mode says when the button is touched: its words plus what it
    does, both from the same translated strings the button shows.
    """

    def __init__(self, text: str, icon_name: str = "", *, object_name: str,
                 role: str = "", parent: QWidget | None = None, beside: bool = False,
                 icon_px: int = 64, what_it_does: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.icon_name = icon_name
        self.icon_px = icon_px
        self.what_it_does = what_it_does
        # When set, voice mode says this instead of the visible words (PIN digits: privacy).
        self.speak_as: str | None = None
        self._colour = icons.INK
        if role:
            self.setProperty("role", role)
        layout: QBoxLayout = QHBoxLayout(self) if beside else QVBoxLayout(self)
        # The words (and a picture beside them) stay inside the border: they were laid out
        # across the whole button while measured inside it, so a line that just fitted ran
        # under the border and the button was measured a line taller than it showed.
        layout.setContentsMargins(WORDS_INSET, 0, WORDS_INSET, 0)
        layout.setSpacing(8)
        self._icon = QLabel(self)
        set_enum(self._icon, "alignment", "AlignCenter")
        # Tiles wrap long titles; side-by-side buttons keep one line while there is room.
        self._label = _FitLabel(self) if beside else QLabel(self)
        self._label.setWordWrap(True)
        set_enum(self._label, "alignment", "AlignCenter")
        self._label_sheet = ""  # set by apply_palette below
        for child in (self._icon, self._label):
            child.setObjectName(f"{object_name}_part")
        # A touch or a pointer needs the window on screen: what only they need may wait
        # for the first paint (ui.first_paint).
        after_paint(self, self._take_pointer)
        if beside:
            # No spacers: the words get every pixel the icon leaves, and wrap only if short.
            layout.addWidget(self._icon, 0)
            layout.addWidget(self._label, 1)
        else:
            layout.addStretch(1)
            # Centred between two equal stretches laid out right to left, which puts an odd
            # pixel on the right exactly as AlignHCenter does, without Qt's namespace before
            # the first paint (ui.first_paint; tests/ui/test_big_button_layout.py).
            row = QHBoxLayout()
            row.setDirection(QBoxLayout.Direction.RightToLeft)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(0)
            row.addStretch(1)
            row.addWidget(self._icon)
            row.addStretch(1)
            layout.addLayout(row, 0)
            layout.addWidget(self._label, 0)
            layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # The focus ring (ui.theme) is for the keyboard: Tab reaches every big button, a tap
        # gives none of them focus, so no ring is left on the tapped button or moved on to
        # the next one when a screen changes (to a citizen a ringed button looks chosen).
        # The bars' buttons are big buttons too: this is their rule as well.
        set_enum(self, "focusPolicy", "TabFocus")
        self.set_label(text, what_it_does)
        self.apply_palette(theme.current())
        self.toggled.connect(lambda _on: self._restyle_label())

    def _take_pointer(self) -> None:
        """Presses go to the button, not to its icon or words; a hand over it."""
        qt = QtCore.Qt
        for child in (self._icon, self._label):
            child.setAttribute(qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setCursor(qt.CursorShape.PointingHandCursor)

    def _resize_due(self) -> bool:
        """Qt's WA_PendingResizeEvent: this button has not had a resize for its size yet."""
        if qt_namespace_built():
            return self.testAttribute(QtCore.Qt.WidgetAttribute.WA_PendingResizeEvent)
        # Before the first paint (ui.first_paint) the same answer without the flag: a shown
        # widget gets its resizes at once, and nothing has been shown and hidden yet.
        return not self.isVisible()

    # -- words -------------------------------------------------------------------------------
    def text(self) -> str:  # type: ignore[override]
        return self._label.text()

    def setText(self, text: str) -> None:  # type: ignore[override]  # noqa: N802 - Qt API
        self._label.setText(text)
        self._label.setVisible(bool(text))
        # New words (a language switch) may need another line at the same width: no resize
        # comes to raise the minimum height then, so ask now. Not while a resize is still
        # due (a button not shown yet): that resize asks, at the width it really gets.
        if not self._resize_due():
            fit_height(self)

    def set_label(self, text: str, what_it_does: str = "") -> None:
        self.setText(text)
        self.what_it_does = what_it_does or self.what_it_does
        if text:
            self.setAccessibleName(text.replace("\n", " "))
        self.setAccessibleDescription(self.what_it_does)

    def spoken(self) -> str:
        if self.speak_as is not None:
            return self.speak_as
        label = (self.text() or self.accessibleName()).replace("\n", " ").strip()
        return f"{label}. {self.what_it_does}" if self.what_it_does else label

    # -- icon ---------------------------------------------------------------------------------
    def setIcon(self, icon: QIcon) -> None:  # type: ignore[override]  # noqa: N802 - Qt API
        px = self.shown_icon_px
        self._icon.setPixmap(icon.pixmap(QSize(px, px)))
        self._icon.setVisible(not icon.isNull())

    @property
    def shown_icon_px(self) -> int:
        """The icon's size on this screen (``icon_px`` is for 1920×1080)."""
        return theme.icon_px(self.icon_px)

    def setIconSize(self, size: QSize) -> None:  # noqa: N802 - Qt API
        self.icon_px = size.width()
        self.recolour(self._colour)

    def apply_palette(self, p: Any) -> None:
        """Icon and word colours that stay readable on this button's background in ``p``."""
        role = self.property("role") or ""
        in_bar = self.parent() is not None and self.parent().objectName() in ("TopBar",
                                                                              "BottomBar")
        if not self.isEnabled():
            # Matches the style sheet's :disabled look (dashed border); on a bar the bar's
            # own ink, since the muted grey would not read on its dark blue.
            colour = p.on_bar if in_bar else p.muted
        elif self.isCheckable() and self.isChecked():
            colour = p.on_primary
        elif role == "tile":
            colour = p.icon
        elif role == "secondary" or in_bar:
            colour = p.on_secondary
        elif role == "danger":
            colour = p.on_danger
        else:
            colour = p.on_primary
        self._palette = p
        self.recolour(colour)
        sheet = f"color: {colour}; background: transparent; font-weight: bold;"
        if sheet != self._label_sheet:
            # A widget's own style sheet is parsed and the label re-polished on every set:
            # only when the colour changes (restyle() passes every button the same palette).
            self._label_sheet = sheet
            self._label.setStyleSheet(sheet)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        # Keep the words visible at the new width (what ui.widgets.fit's filter does for
        # other widgets; here without a Python call for every event the button gets).
        fit_height(self)
        super().resizeEvent(event)
        # The inner layout (icon + words) does not always follow a resize made by a minimum
        # height raised from heightForWidth; stale, it would cut the second line of words.
        layout = self.layout()
        if layout is not None and layout.geometry() != self.rect():
            layout.setGeometry(self.rect())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:
            self._restyle_label()

    def _restyle_label(self) -> None:
        p = getattr(self, "_palette", None)
        if p is not None:
            self.apply_palette(p)

    def recolour(self, colour: str) -> None:
        self._colour = colour
        if self.icon_name:
            self.setIcon(icons.icon(self.icon_name, colour, self.shown_icon_px))
        else:
            self._icon.hide()

    @staticmethod
    def _chrome() -> tuple[int, int]:
        """Width and height the style sheet's padding and border add around the words (not
        in the contents margins; sideways the border is, as the layout's WORDS_INSET); they
        follow the screen's scale."""
        around = 2 * (theme.current_padding() + theme.BORDER_PX) + 4
        return around - 2 * WORDS_INSET, around

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = self.layout().sizeHint() if self.layout() is not None else super().sizeHint()
        margins = self.contentsMargins()
        extra_w, extra_h = self._chrome()
        return QSize(hint.width() + margins.left() + margins.right() + extra_w,
                     hint.height() + margins.top() + margins.bottom() + extra_h)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        layout = self.layout()
        if layout is None:
            return super().minimumSizeHint()
        hint = layout.minimumSize()
        target = theme.current_target()
        extra_w, extra_h = self._chrome()
        return QSize(max(hint.width() + extra_w, target), max(hint.height() + extra_h, target))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        """Tall enough for the words wrapped at this width (so nothing is cut off)."""
        layout = self.layout()
        if layout is None:
            return super().heightForWidth(width)
        # The words are laid out across the button less the border (the layout's margins,
        # WORDS_INSET a side; the padding only centres them): wrapped at that width.
        _extra_w, extra_h = self._chrome()
        words = layout.totalHeightForWidth(max(1 + 2 * WORDS_INSET, width)) + extra_h
        return max(words, theme.current_target())
