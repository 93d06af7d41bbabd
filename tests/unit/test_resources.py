"""Bundled resources: fonts with their licence, icons and step pictures that parse, sounds."""

from __future__ import annotations

import wave
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.paths import resource_path

ICONS = sorted(resource_path("images", "icons").glob("*.svg"))
PICTURES = sorted(resource_path("tutorials").glob("*/images/*.svg"))


def test_bundled_font_and_licence() -> None:
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        assert resource_path("fonts", name).stat().st_size > 100_000
    assert "SIL OPEN FONT LICENSE" in resource_path("fonts", "OFL.txt").read_text().upper()


@pytest.mark.parametrize("path", ICONS + PICTURES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_svg_is_well_formed(path: Path) -> None:
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")


def test_no_step_picture_embeds_bitmaps_or_scripts() -> None:
    bad = [p for p in PICTURES if any(tag in p.read_text(encoding="utf-8")
                                      for tag in ("<image", "<script", "xlink:href=\"http"))]
    assert bad == []


def test_chime_is_a_short_wav() -> None:
    with wave.open(str(resource_path("sounds", "chime.wav"))) as w:
        seconds = w.getnframes() / w.getframerate()
    assert 0.3 < seconds < 2.0
