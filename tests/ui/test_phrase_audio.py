"""Cơ Tu chosen in config: the recorded phrases play where the kiosk says those things (the
greeting, a queue number and "please wait", "ask a volunteer"), the Vietnamese voice speaks
around them; staff choose the phrase language in the settings tab."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from kiosk.config import defaults, load_config
from tests.ui.conftest import MakeKiosk
from ui.app import Kiosk, demo_config
from ui.navigator import ScreenId
from ui.speech import FakeSpeaker


def co_tu(make_kiosk: MakeKiosk, phrase_language: str = "ktv", **overrides) -> Kiosk:
    k = make_kiosk(config=demo_config(defaults()).replace(phrase_language=phrase_language),
                   **overrides)
    k.state.set_voice(True)
    return k


def said(k: Kiosk) -> list[tuple[str, str]]:
    """What the fake player was handed, in order: ("greeting.placeholder.wav", "recording")
    and ("Số của bạn là…", "narration")."""
    assert isinstance(k.speaker, FakeSpeaker)
    return [(t, c) for t, c in k.speaker.history if c in ("recording", "narration")]


def click(qtbot, w: QWidget) -> None:
    qtbot.mouseClick(w, Qt.MouseButton.LeftButton)


def touch(qtbot, w: QWidget) -> None:
    """Voice mode: the first touch reads the button aloud, the second one acts."""
    click(qtbot, w)
    click(qtbot, w)


def test_greeting_plays_the_co_tu_recording_then_speaks(make_kiosk: MakeKiosk) -> None:
    k = co_tu(make_kiosk)
    k.nav.go_to(ScreenId.CATALOGUE)
    k.nav.go_to(ScreenId.HOME)
    last = said(k)[-2:]
    assert last[0] == ("greeting.placeholder.wav", "recording")
    assert last[1][1] == "narration" and last[1][0]  # the Vietnamese words after it


def test_a_queue_number_is_framed_by_your_number_is_and_please_wait(
        qtbot, make_kiosk: MakeKiosk) -> None:
    k = co_tu(make_kiosk)
    touch(qtbot, k.screens[ScreenId.HOME].tiles["ticket"])
    touch(qtbot, k.screens[ScreenId.TAKE_TICKET].tiles["vneid"])
    assert k.nav.current_id is ScreenId.TICKET
    first, words, after = said(k)[-3:]
    assert first == ("your_number_is.placeholder.wav", "recording")
    assert words[0].startswith("Số của bạn là")  # the number in Vietnamese
    assert after == ("please_wait.placeholder.wav", "recording")


def test_ask_a_volunteer_plays_its_phrase_before_the_number(qtbot,
                                                            make_kiosk: MakeKiosk) -> None:
    k = co_tu(make_kiosk)
    k.nav.go_to(ScreenId.STEP, tutorial_id="sample-basic", step=1)
    touch(qtbot, k.screens[ScreenId.STEP].ask_btn)  # "Hỏi tình nguyện viên"
    assert k.nav.current_id is ScreenId.TICKET
    first, words, after = said(k)[-3:]
    assert first == ("ask_volunteer.placeholder.wav", "recording")
    assert "D001" in k.screens[ScreenId.TICKET].number.text()
    assert words[0].startswith("Số của bạn là")
    assert after == ("please_wait.placeholder.wav", "recording")


def test_ask_a_volunteer_without_a_queue_plays_its_phrase(qtbot,
                                                          make_kiosk: MakeKiosk) -> None:
    k = co_tu(make_kiosk, features=[])
    k.nav.go_to(ScreenId.STEP, tutorial_id="sample-basic", step=1)
    touch(qtbot, k.screens[ScreenId.STEP].ask_btn)
    first, words = said(k)[-2:]
    assert first == ("ask_volunteer.placeholder.wav", "recording")
    assert "tình nguyện viên sẽ giúp bạn" in words[0]


def test_without_the_setting_no_recording_is_played(qtbot, make_kiosk: MakeKiosk) -> None:
    k = co_tu(make_kiosk, phrase_language="")
    k.nav.go_to(ScreenId.CATALOGUE)
    k.nav.go_to(ScreenId.HOME)
    touch(qtbot, k.screens[ScreenId.HOME].tiles["ticket"])
    touch(qtbot, k.screens[ScreenId.TAKE_TICKET].tiles["vneid"])
    assert k.nav.current_id is ScreenId.TICKET
    assert [c for _t, c in said(k)] and all(c == "narration" for _t, c in said(k))


def test_staff_choose_co_tu_in_settings_and_see_it_is_placeholders(
        qtbot, make_kiosk: MakeKiosk, data_dir: Path) -> None:
    k = make_kiosk(staff=True)
    settings = k.screens[ScreenId.STAFF].settings
    combo = settings.findChild(QComboBox, "setting_phrase_language")
    assert combo is not None and combo.currentData() == ""  # off by default
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert any("Cơ Tu (ktv)" in t for t in texts), texts
    # said under the choice, where it is read whole (in the choice it was cut in its box)
    note = settings.phrase_note
    assert not note.isHidden() and "Cơ Tu (ktv) còn BẢN TẠM, chưa phải lời Cơ Tu" in note.text()
    combo.setCurrentIndex(combo.findData("ktv"))
    click(qtbot, settings.save_btn)
    assert load_config(data_dir)[0].phrase_language == "ktv"
    combo.setCurrentIndex(combo.findData(""))
    click(qtbot, settings.save_btn)
    assert load_config(data_dir)[0].phrase_language == ""


def test_unknown_phrase_language_is_refused_by_config() -> None:
    with pytest.raises(ValueError, match="ktv"):
        defaults().replace(phrase_language="xyz")


def test_the_real_speaker_plays_recording_words_then_the_closing_recording(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtMultimedia import QMediaPlayer

    from tests.ui.test_speaker_no_audio import InstantWorker, SilentPlayer, _silence
    from ui.speech import Speaker

    words = _silence(tmp_path / "words.wav", 0.2)
    first, wait = _silence(tmp_path / "first.wav", 0.2), _silence(tmp_path / "wait.wav", 0.2)
    speaker = Speaker(InstantWorker(words), "vi",  # type: ignore[arg-type]
                      audio_outputs=lambda: ["loa"])
    player = SilentPlayer()
    monkeypatch.setattr(speaker, "_build_player", lambda: setattr(speaker, "_player", player))
    speaker.say("Số của bạn là A một", audio=first, then_text=True, after=wait)
    for _ in range(3):  # the backend reports the end of each part
        speaker._on_player_status(QMediaPlayer.MediaStatus.EndOfMedia)
    assert [Path(p).name for p in player.played] == ["first.wav", "words.wav", "wait.wav"]
    assert not speaker.speaking
    speaker.shutdown()
