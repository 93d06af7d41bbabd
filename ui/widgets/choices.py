"""Large toggle buttons in groups that wrap onto more rows instead of scrolling sideways.

``ChoiceGroup`` is a row of checkable BigButtons (one value, or any number of values) laid out
by ``FlowLayout``: equal cells that wrap when the width runs out, so a group of toggles looks
like one large segmented control. Used by the quick log and the staff screens.

Thread: GUI thread only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget

from ui.widgets.big_button import BigButton


class FlowLayout(QLayout):
    """Items that wrap onto more rows when the width runs out (no sideways scrolling).

    Each item gets the width its words need and the items of a row share the rest of the
    width, so a group of toggles looks like one large segmented control and takes as few rows
    (as little height) as its words allow.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 12) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt API
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt API
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt API
        super().setGeometry(rect)
        # The box layouts around ask heightForWidth (no scroll area holds the quick log any
        # more); a minimum height set from here would stick at a narrower width's value.
        self._arrange(rect, apply=True)

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (i.widget() and i.widget().isHidden())]

    def _cell(self) -> QSize:
        items = self._visible()
        if not items:
            return QSize(0, 0)
        return QSize(max(i.sizeHint().width() for i in items),
                     max(i.sizeHint().height() for i in items))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        cell = self._cell()
        n = len(self._visible())
        return QSize(n * cell.width() + max(0, n - 1) * self._spacing, cell.height())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt API
        return self._cell()

    def _arrange(self, rect: QRect, apply: bool) -> int:
        """Rows filled left to right, each item at least as wide as its words need, the
        spare width of a row shared out; a new row only when the next item does not fit."""
        items = self._visible()
        if not items:
            return 0
        cell = self._cell()
        sp = self._spacing
        width = max(1, rect.width())
        rows: list[list[tuple[QLayoutItem, int]]] = [[]]
        used = 0
        for item in items:
            hint = min(width, item.sizeHint().width())
            if rows[-1] and used + sp + hint > width:
                rows.append([])
                used = 0
            used += (sp if rows[-1] else 0) + hint
            rows[-1].append((item, hint))
        if apply:
            y = rect.y()
            for row in rows:
                spare = width - sum(h for _i, h in row) - sp * (len(row) - 1)
                extra = spare // len(row)
                x = rect.x()
                for item, hint in row:
                    item.setGeometry(QRect(x, y, hint + extra, cell.height()))
                    x += hint + extra + sp
                y += cell.height() + sp
        return len(rows) * cell.height() + (len(rows) - 1) * sp


def two_lines(text: str, limit: int = 18) -> str:
    """Break a long button label at the space nearest its middle (buttons do not wrap)."""
    if len(text) <= limit or " " not in text:
        return text
    middle = len(text) // 2
    spaces = [m.start() for m in re.finditer(" ", text)]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1:]


class ChoiceGroup(QWidget):
    """A row of large checkable buttons.

    ``exclusive``: one value at most (tap the chosen one again to clear it, unless
    ``required``); otherwise any number of values.
    """

    changed = Signal()

    def __init__(self, object_name: str, *, exclusive: bool = True, required: bool = False,
                 icon_px: int = 40, wrap: int = 18, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.wrap = wrap
        self.exclusive = exclusive
        self.required = required
        self.icon_px = icon_px
        self.buttons: dict[str, BigButton] = {}
        self.flow = FlowLayout(self)

    def set_choices(self, choices: Sequence[tuple[str, str, str, str]],
                    palette: Any = None) -> None:
        """(value, label, icon name, what it does) for each button, in order."""
        keep = self.values()
        for b in self.buttons.values():
            self.flow.removeWidget(b)
            b.deleteLater()
        self.buttons = {}
        for value, label, icon, does in choices:
            safe = re.sub(r"[^A-Za-z0-9]", "_", value) or "none"
            b = BigButton(two_lines(label, self.wrap), icon,
                          object_name=f"{self.objectName()}_{safe}", role="secondary",
                          beside=True, icon_px=self.icon_px, what_it_does=does)
            b.setAccessibleName(label)
            b.setCheckable(True)
            b.clicked.connect(lambda _c=False, v=value: self._on_clicked(v))
            self.buttons[value] = b
            self.flow.addWidget(b)
        self.set_values(keep)
        self.restyle(palette)

    def relabel(self, labels: dict[str, tuple[str, str]]) -> None:
        for value, (label, does) in labels.items():
            b = self.buttons.get(value)
            if b is not None:
                b.set_label(two_lines(label, self.wrap), does)
                b.setAccessibleName(label)

    def value(self) -> str:
        return next((v for v, b in self.buttons.items() if b.isChecked()), "")

    def values(self) -> tuple[str, ...]:
        return tuple(v for v, b in self.buttons.items() if b.isChecked())

    def set_value(self, value: str) -> None:
        self.set_values((value,) if value else ())

    def set_values(self, values: Iterable[str]) -> None:
        wanted = set(values)
        for v, b in self.buttons.items():
            b.setChecked(v in wanted)
        self.restyle()

    def clear(self) -> None:
        self.set_values(())

    def _on_clicked(self, value: str) -> None:
        b = self.buttons[value]
        if self.exclusive:
            if b.isChecked():
                for v, other in self.buttons.items():
                    if v != value:
                        other.setChecked(False)
            elif self.required:
                b.setChecked(True)
        self.restyle()
        self.changed.emit()

    def restyle(self, palette: Any = None) -> None:
        """Icons follow the checked state (white on the filled colour, ink otherwise)."""
        p = palette or self._palette
        if p is None:
            return
        self._palette = p
        for b in self.buttons.values():
            b.apply_palette(p)

    _palette: Any = None
