"""Icons from ``resources/images/icons``, recoloured for the palette in force.

The SVGs are drawn in one ink colour (#1f2937); high contrast swaps it for white so an icon is
never dark-on-dark. Rendered once per (name, colour, size) and cached.

With a cache folder (:func:`use_disk_cache`: the kiosk's ``cache/icons``) every rendered icon
is also kept there as a PNG named after what it was drawn from (icon, colour, size and a
checksum of the recoloured SVG, so an edited icon is drawn again). A restarted kiosk then
paints its bars and Home from those files without loading QtSvg or parsing an SVG: about a
tenth of the time to the first paint (issue #18, docs/benchmarks.md). GUI thread only.
"""

from __future__ import annotations

import logging
import os
import zlib
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPixmap

from kiosk.paths import resource_path

log = logging.getLogger(__name__)

INK = "#1f2937"

_disk: list[Path] = []  # the cache folder, when one is set


def use_disk_cache(folder: Path | None) -> None:
    """Keep rendered icons as PNG files in ``folder`` (None: in memory only)."""
    _disk[:] = [folder] if folder is not None else []


def _svg_text(name: str) -> str:
    path = resource_path("images", "icons", f"{name}.svg")
    if not path.exists():
        path = resource_path("images", "icons", "help.svg")
    return path.read_text(encoding="utf-8")


def _render(svg: str, size: int) -> QPixmap:
    from PySide6.QtCore import QByteArray, QRectF
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgRenderer  # only when an icon is not in the disk cache

    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pm = QPixmap(QSize(size, size))
    pm.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pm)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pm


def _cached_file(name: str, colour: str, size: int, svg: str) -> Path | None:
    if not _disk:
        return None
    checksum = zlib.crc32(svg.encode("utf-8"))
    safe_colour = "".join(ch for ch in colour if ch.isalnum())
    return _disk[0] / f"{name}-{safe_colour}-{size}-{checksum:08x}.png"


def _keep(pm: QPixmap, path: Path) -> None:
    """Write ``pm`` to ``path`` whole or not at all; a cache that cannot be written (a full
    or read-only disk) only means the icon is drawn again next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Named per process: a second start that paints before it finds the one-kiosk lock
        # taken may draw the same icon into the same folder at the same moment.
        part = path.with_suffix(f".{os.getpid()}.part")
        if pm.save(str(part), "PNG"):
            os.replace(part, path)
        else:
            part.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("icon cache not written: %s", exc)


@lru_cache(maxsize=512)
def pixmap(name: str, colour: str = INK, size: int = 64) -> QPixmap:
    svg = _svg_text(name).replace(INK, colour)
    cached = _cached_file(name, colour, size, svg)
    if cached is not None and cached.is_file():
        pm = QPixmap(str(cached))
        if not pm.isNull() and pm.width() == size and pm.height() == size:
            return pm
    pm = _render(svg, size)
    if cached is not None:
        _keep(pm, cached)
    return pm


def icon(name: str, colour: str = INK, size: int = 64) -> QIcon:
    return QIcon(pixmap(name, colour, size))
