"""Idle reset gives the next visitor the help point's own defaults (gui-review item 6).

After a tourist taps English, bigger text and high contrast, the next elderly visitor must find
the kiosk as the help point set it up in config.toml, not as the last visitor left it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.config import defaults
from kiosk.content.loader import load_catalogue
from kiosk.store import Store
from tests.conftest import SAMPLE_CONTENT
from ui import demo_kiosk
from ui.app import Kiosk, demo_config
from ui.navigator import ScreenId


def make_kiosk(qtbot, store: Store, data_dir: Path, **settings: object) -> Kiosk:
    k = demo_kiosk.make_kiosk(store, data_dir, size=(1366, 768),
                              config=demo_config(defaults()).replace(**settings),
                              catalogue=load_catalogue([SAMPLE_CONTENT]))
    qtbot.waitExposed(k.window)
    return k


@pytest.fixture
def english_large(qtbot, store: Store, data_dir: Path) -> Iterator[Kiosk]:
    k = make_kiosk(qtbot, store, data_dir, language="en", text_size=2, high_contrast=True)
    yield k
    k.shutdown()


@pytest.fixture
def plain(qtbot, store: Store, data_dir: Path) -> Iterator[Kiosk]:
    k = make_kiosk(qtbot, store, data_dir)
    yield k
    k.shutdown()


def time_out(qtbot, k: Kiosk) -> None:
    k.idle._tick.setInterval(20)
    k.idle.timeout_ms = 50
    k.idle.reset()
    with qtbot.waitSignal(k.idle.timed_out, timeout=5000):
        pass


def test_idle_reset_restores_the_help_points_defaults(qtbot, plain: Kiosk) -> None:
    k = plain
    click = Qt.MouseButton.LeftButton
    qtbot.mouseClick(k.window.lang_btn, click)
    qtbot.mouseClick(k.window.size_btn, click)
    qtbot.mouseClick(k.window.contrast_btn, click)
    qtbot.mouseClick(k.window.speaker_btn, click)
    assert (k.state.language, k.state.text_size, k.state.high_contrast, k.state.voice_on) == (
        "en", 2, True, True)
    k.nav.go_to(ScreenId.CATALOGUE)
    time_out(qtbot, k)
    assert (k.state.language, k.state.text_size, k.state.high_contrast, k.state.voice_on) == (
        "vi", 1, False, False)
    assert k.nav.current_id is ScreenId.HOME
    assert k.window.home_btn.text() == "Màn hình chính"
    assert k.screens[ScreenId.HOME].tiles["learn"].text() == "Học từng bước"


def test_idle_reset_restores_english_when_config_says_english(qtbot,
                                                               english_large: Kiosk) -> None:
    k = english_large
    assert (k.state.language, k.state.text_size, k.state.high_contrast) == ("en", 2, True)
    qtbot.mouseClick(k.window.lang_btn, Qt.MouseButton.LeftButton)  # a visitor picks Vietnamese
    k.state.set_text_size(0)
    k.state.set_high_contrast(False)
    assert k.window.home_btn.text() == "Màn hình chính"
    k.nav.go_to(ScreenId.CATALOGUE)
    time_out(qtbot, k)
    assert (k.state.language, k.state.text_size, k.state.high_contrast) == ("en", 2, True)
    assert k.window.home_btn.text() == "Home"
    assert k.screens[ScreenId.HOME].tiles["learn"].text() == "Learn step by step"


def test_settings_saved_by_staff_are_the_new_defaults(qtbot, plain: Kiosk) -> None:
    plain.config.values.update(language="en")  # what the settings tab does after saving
    plain.nav.go_to(ScreenId.CATALOGUE)
    time_out(qtbot, plain)
    assert plain.state.language == "en"


@pytest.fixture
def voice_first(qtbot, store: Store, data_dir: Path) -> Iterator[Kiosk]:
    k = make_kiosk(qtbot, store, data_dir, voice_mode=True)
    yield k
    k.shutdown()


def test_a_help_point_may_start_every_visit_in_voice_mode(qtbot, voice_first: Kiosk) -> None:
    # config.toml `voice_mode = true` (a help point used by blind people): every new visitor
    # starts with voice on, even after the last one turned it off.
    k = voice_first
    assert k.state.voice_on
    assert not k.idle._is_at_rest() or k.nav.current_id is ScreenId.HOME
    qtbot.mouseClick(k.window.speaker_btn, Qt.MouseButton.LeftButton)
    assert not k.state.voice_on
    k.nav.go_to(ScreenId.CATALOGUE)
    time_out(qtbot, k)
    assert k.state.voice_on
    assert k.nav.current_id is ScreenId.HOME
    assert k.idle._is_at_rest()  # home with the help point's own voice mode: nothing to reset
