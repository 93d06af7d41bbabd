"""Small label helpers every screen uses: an object name and an accessible name in one call.

Moved out of the reports screens so other screens stop writing their own copies.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QLabel,
    QWidget,
)


def named(widget: Any, name: str, accessible: str) -> Any:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


def label(parent: QWidget, name: str, role: str = "", wrap: bool = True) -> QLabel:
    lab = QLabel(parent)
    lab.setObjectName(name)
    if role:
        lab.setProperty("role", role)
    lab.setWordWrap(wrap)
    return lab
