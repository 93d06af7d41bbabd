"""Icons drawn once come back from the kiosk's cache folder as PNG files (issue #18 item 1:
a restarted kiosk paints its bars and Home without loading QtSvg), pixel for pixel, and an
icon whose drawing changed is drawn again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from ui import icons


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "cache" / "icons"
    icons.use_disk_cache(folder)
    icons.pixmap.cache_clear()
    yield folder
    icons.use_disk_cache(None)
    icons.pixmap.cache_clear()


def _argb(image: QImage) -> QImage:
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def test_an_icon_drawn_once_is_read_back_pixel_for_pixel(qapp, cache: Path,
                                                         monkeypatch) -> None:
    drawn = icons.pixmap("home", "#ffffff", 48).toImage()
    (png,) = cache.iterdir()
    assert png.name.startswith("home-ffffff-48-") and png.suffix == ".png"

    icons.pixmap.cache_clear()  # a new start: nothing in memory, the PNG on disk

    def no_drawing(*_a: object) -> None:
        raise AssertionError("drawn again instead of read from the cache")

    monkeypatch.setattr(icons, "_render", no_drawing)
    again = icons.pixmap("home", "#ffffff", 48)
    assert (again.width(), again.height()) == (48, 48)
    assert _argb(again.toImage()) == _argb(drawn)


def test_an_icon_whose_drawing_changed_is_drawn_again(qapp, cache: Path,
                                                      monkeypatch) -> None:
    icons.pixmap("home", "#ffffff", 48)
    icons.pixmap.cache_clear()
    original = icons._svg_text
    monkeypatch.setattr(icons, "_svg_text",
                        lambda name: original(name).replace('stroke-width="', 'stroke-width="1'))
    drawn: list[int] = []
    render = icons._render
    monkeypatch.setattr(icons, "_render", lambda svg, size: drawn.append(size) or render(svg, size))
    icons.pixmap("home", "#ffffff", 48)
    assert drawn == [48]
    assert len(list(cache.glob("home-ffffff-48-*.png"))) == 2


def test_a_broken_cache_file_is_drawn_again_and_replaced(qapp, cache: Path) -> None:
    first = icons.pixmap("back", "#0d47a1", 40).toImage()
    (path,) = cache.glob("back-*.png")
    path.write_bytes(b"not a png")
    icons.pixmap.cache_clear()
    assert _argb(icons.pixmap("back", "#0d47a1", 40).toImage()) == _argb(first)
    assert path.read_bytes().startswith(b"\x89PNG")


def test_a_cache_folder_that_cannot_be_written_still_gives_the_icon(qapp, tmp_path: Path
                                                                     ) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    icons.use_disk_cache(blocked / "icons")
    icons.pixmap.cache_clear()
    try:
        pm = icons.pixmap("lock", "#ffffff", 32)
    finally:
        icons.use_disk_cache(None)
        icons.pixmap.cache_clear()
    assert not pm.isNull() and pm.width() == 32
