"""Cơ Tu chosen in config: the recorded phrase plays first, then the Vietnamese voice speaks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.auth import AuthService
from kiosk.config import defaults
from kiosk.content.loader import load_catalogue
from kiosk.store import Store
from tests.conftest import SAMPLE_CONTENT
from ui.app import Kiosk, build, demo_config, ensure_demo_members
from ui.navigator import ScreenId
from ui.speech import FakeSpeaker
from ui.tasks import SyncTaskRunner


def _kiosk(store: Store, data_dir: Path, phrase_language: str) -> Kiosk:
    ensure_demo_members(AuthService(store))
    return build(store=store, config=demo_config(defaults()).replace(
                     phrase_language=phrase_language), data_dir=data_dir,
                 catalogue=load_catalogue([SAMPLE_CONTENT]), speaker=FakeSpeaker(),
                 tasks=SyncTaskRunner(), kiosk_mode=True, screen_size=(1920, 1080))


@pytest.fixture
def co_tu(qtbot, store: Store, data_dir: Path) -> Iterator[Kiosk]:
    k = _kiosk(store, data_dir, "ktv")
    yield k
    k.window.allow_close = True
    k.shutdown()


def test_greeting_plays_the_co_tu_recording_then_speaks(co_tu: Kiosk) -> None:
    speaker = co_tu.speaker
    assert isinstance(speaker, FakeSpeaker)
    co_tu.state.set_voice(True)
    co_tu.nav.go_to(ScreenId.CATALOGUE)
    co_tu.nav.go_to(ScreenId.HOME)
    recordings = speaker.texts("recording")
    assert recordings and recordings[-1] == "greeting.placeholder.wav"
    assert speaker.texts()[-1]  # and the Vietnamese words after it


def test_without_the_setting_no_recording_is_played(qtbot, store: Store,
                                                    data_dir: Path) -> None:
    k = _kiosk(store, data_dir, "")
    try:
        k.state.set_voice(True)
        k.nav.go_to(ScreenId.CATALOGUE)
        k.nav.go_to(ScreenId.HOME)
        assert isinstance(k.speaker, FakeSpeaker)
        assert k.speaker.texts("recording") == []
    finally:
        k.window.allow_close = True
        k.shutdown()


def test_unknown_phrase_language_is_refused_by_config() -> None:
    with pytest.raises(ValueError, match="ktv"):
        defaults().replace(phrase_language="xyz")
