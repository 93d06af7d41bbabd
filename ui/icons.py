"""Icons from ``resources/images/icons``, recoloured for the palette in force.

The SVGs are drawn in one ink colour (#1f2937); high contrast swaps it for white so an icon is
never dark-on-dark. Rendered once per (name, colour, size) and cached.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk.paths import resource_path

INK = "#1f2937"


@lru_cache(maxsize=512)
def pixmap(name: str, colour: str = INK, size: int = 64) -> QPixmap:
    path = resource_path("images", "icons", f"{name}.svg")
    if not path.exists():
        path = resource_path("images", "icons", "help.svg")
    data = path.read_text(encoding="utf-8").replace(INK, colour)
    renderer = QSvgRenderer(QByteArray(data.encode("utf-8")))
    pm = QPixmap(QSize(size, size))
    pm.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pm)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pm


def icon(name: str, colour: str = INK, size: int = 64) -> QIcon:
    return QIcon(pixmap(name, colour, size))
