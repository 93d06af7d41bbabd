"""A step's picture, scaled to the space it has; a calm placeholder when it cannot load."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

log = logging.getLogger(__name__)


def render(path: Path | None, size: QSize, placeholder_text: str) -> tuple[QPixmap, bool]:
    """Render ``path`` into a pixmap of at most ``size``; (pixmap, ok)."""
    pm = QPixmap(size)
    pm.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pm)
    ok = False
    try:
        if path is not None and path.suffix.lower() == ".svg" and path.exists():
            renderer = QSvgRenderer(str(path))
            if renderer.isValid():
                view = renderer.viewBoxF()
                ratio = view.width() / view.height() if view.height() else 4 / 3
                w = min(size.width(), size.height() * ratio)
                h = w / ratio
                renderer.render(painter, QRectF((size.width() - w) / 2, (size.height() - h) / 2,
                                                w, h))
                ok = True
        elif path is not None and path.exists():
            img = QPixmap(str(path))
            if not img.isNull():
                scaled = img.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                    Qt.TransformationMode.SmoothTransformation)
                painter.drawPixmap((size.width() - scaled.width()) // 2,
                                   (size.height() - scaled.height()) // 2, scaled)
                ok = True
        if not ok:
            log.warning("step image could not be shown: %s", path.name if path else "(none)")
            painter.fillRect(pm.rect(), QColor("#dfe6ee"))
            painter.setPen(QColor("#374151"))
            font = QFont("Noto Sans", 20)
            painter.setFont(font)
            painter.drawText(pm.rect(), Qt.AlignmentFlag.AlignCenter, placeholder_text)
    finally:
        painter.end()
    return pm, ok


class StepImage(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepImage")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 180)
        self._path: Path | None = None
        self.placeholder_text = "Không có hình"
        self.loaded_ok = False

    def set_image(self, path: Path | None, description: str) -> None:
        self._path = path
        self.setAccessibleName(description)
        self._update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        # Never the pixmap's size: the picture follows the space it gets, and a hint that
        # grew with each render would make layouts (and this widget) resize without end.
        return QSize(480, 360)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(240, 180)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        self._update()

    def _update(self) -> None:
        size = self.size()
        if size.width() < 10 or size.height() < 10:
            return
        key = (self._path, size.width(), size.height(), self.placeholder_text)
        if key == getattr(self, "_rendered", None):
            return
        self._rendered = key
        pm, self.loaded_ok = render(self._path, size, self.placeholder_text)
        self.setPixmap(pm)
