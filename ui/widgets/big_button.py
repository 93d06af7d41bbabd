"""Large icon-plus-words buttons: the only kind of button a citizen meets."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from ui import icons


class BigButton(QToolButton):
    """A big target with an icon above (or beside) its words.

    ``speech`` is what voice mode says when the button is touched (defaults to its text plus
    what it does); it is set from the same translated strings the button shows.
    """

    def __init__(self, text: str, icon_name: str = "", *, object_name: str,
                 role: str = "", parent: QWidget | None = None, beside: bool = False,
                 icon_px: int = 64, what_it_does: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.icon_name = icon_name
        self.icon_px = icon_px
        self.what_it_does = what_it_does
        if role:
            self.setProperty("role", role)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon if beside
                                else Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.set_label(text, what_it_does)
        self.recolour(icons.INK)

    def set_label(self, text: str, what_it_does: str = "") -> None:
        self.setText(text)
        self.what_it_does = what_it_does or self.what_it_does
        self.setAccessibleName(text.replace("\n", " "))
        self.setAccessibleDescription(self.what_it_does)

    def spoken(self) -> str:
        label = self.text().replace("\n", " ").strip()
        return f"{label}. {self.what_it_does}" if self.what_it_does else label

    def apply_palette(self, p: Any) -> None:
        """Icon ink that stays visible on this button's background in the palette ``p``."""
        role = self.property("role") or ""
        in_bar = self.parent() is not None and self.parent().objectName() in ("TopBar",
                                                                              "BottomBar")
        if role == "tile":
            colour = p.icon
        elif role == "secondary" or in_bar:
            colour = p.on_secondary
        elif role == "danger":
            colour = p.on_danger
        else:
            colour = p.on_primary
        if self.isCheckable() and self.isChecked():
            colour = p.on_primary
        self.recolour(colour)

    def recolour(self, colour: str) -> None:
        if self.icon_name:
            self.setIcon(icons.icon(self.icon_name, colour, self.icon_px))
            self.setIconSize(QSize(self.icon_px, self.icon_px))
