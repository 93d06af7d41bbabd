"""Playback never holds the kiosk up: no audio output, or a backend that never says "ended".

Found by ``benchmarks/run.py --quick`` sitting in the speech section on a PC with no sound
device: Qt's FFmpeg backend "plays" a WAV silently in real time when there is no output, so
every queue call waited behind the previous one for as long as the text lasted.
"""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import MakeKiosk
from ui import speech
from ui.speech import NO_AUDIO_OUTPUT, Speaker


def _silence(path: Path, seconds: float) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(b"\0\0" * int(22050 * seconds))
    return path


class InstantWorker:
    """Synthesises at once: every text becomes the same long WAV."""

    unavailable_reason: str | None = None
    started = False

    def __init__(self, wav: Path) -> None:
        self.wav = wav
        self.requests: list[str] = []

    def request(self, text: str, lang: str, on_ready: Any, on_error: Any) -> None:
        self.requests.append(text)
        on_ready(self.wav)

    def flush(self) -> None:
        pass

    def start(self, wait: bool = True) -> None:
        self.started = True

    def stop(self) -> None:
        pass


class SilentPlayer:
    """A media player whose backend never reports the end of the media (a stuck sink)."""

    def __init__(self) -> None:
        self.played: list[str] = []

    def setSource(self, url: Any) -> None:  # noqa: N802 - Qt's names
        self.played.append(url.toLocalFile())

    def setPosition(self, ms: int) -> None:  # noqa: N802
        pass

    def position(self) -> int:
        return 0

    def play(self) -> None:
        pass

    def stop(self) -> None:
        pass


def test_with_no_audio_output_calls_never_wait_and_voice_says_it_is_unavailable(
        qtbot, tmp_path: Path) -> None:
    worker = InstantWorker(_silence(tmp_path / "long.wav", 20.0))
    speaker = Speaker(worker, "vi", audio_outputs=lambda: [])  # type: ignore[arg-type]
    failures: list[str] = []
    speaker.failed.connect(failures.append)
    speaker.announce("Mời số A một đến bàn số một")
    speaker.announce("Mời số A hai đến bàn số hai")
    speaker.say("Bước một: mở ứng dụng")
    qtbot.waitUntil(lambda: not speaker.speaking, timeout=2000)
    assert not speaker.available
    assert speaker.unavailable_reason == NO_AUDIO_OUTPUT
    assert failures and all(f == NO_AUDIO_OUTPUT for f in failures)
    speaker.shutdown()


def test_playback_that_never_ends_is_given_up_after_its_length(qtbot, tmp_path: Path,
                                                               monkeypatch) -> None:
    monkeypatch.setattr(speech, "WATCHDOG_MARGIN_MS", 100)
    worker = InstantWorker(_silence(tmp_path / "short.wav", 0.2))
    speaker = Speaker(worker, "vi", audio_outputs=lambda: ["loa"])  # type: ignore[arg-type]
    player = SilentPlayer()
    monkeypatch.setattr(speaker, "_build_player", lambda: setattr(speaker, "_player", player))
    speaker.announce("Mời số A một đến bàn số một", chime=False)
    speaker.announce("Mời số A hai đến bàn số hai", chime=False)
    assert speaker.speaking
    qtbot.waitUntil(lambda: not speaker.speaking, timeout=3000)
    assert len(player.played) == 2  # the second call was played after the first gave up
    speaker.shutdown()


@pytest.fixture
def silent_kiosk(make_kiosk: MakeKiosk, tmp_path: Path) -> Any:
    worker = InstantWorker(_silence(tmp_path / "long.wav", 20.0))
    return make_kiosk(speaker=Speaker(worker, "vi",  # type: ignore[arg-type]
                                      audio_outputs=lambda: []))


def test_kiosk_without_sound_turns_voice_on_and_tells_the_citizen_once(qtbot,
                                                                       silent_kiosk: Any
                                                                       ) -> None:
    from PySide6.QtWidgets import QMessageBox

    def messages() -> list[str]:
        return [b.text() for b in silent_kiosk.window.findChildren(QMessageBox)
                if b.isVisible()]

    qtbot.mouseClick(silent_kiosk.window.speaker_btn, Qt.MouseButton.LeftButton)
    assert silent_kiosk.state.voice_on
    qtbot.waitUntil(lambda: NO_AUDIO_OUTPUT in messages(), timeout=2000)
    assert not silent_kiosk.speaker.speaking
    tile = silent_kiosk.screens[next(iter(silent_kiosk.screens))]
    assert tile.isVisible()  # the kiosk carries on: still on a working screen
    silent_kiosk.speaker.say("Một câu nữa")
    assert messages().count(NO_AUDIO_OUTPUT) == 1  # told once, not on every sentence


def test_speech_starts_only_after_the_home_screen_is_painted(qtbot, make_kiosk: MakeKiosk,
                                                            tmp_path: Path) -> None:
    from ui.app import after_first_paint

    worker = InstantWorker(_silence(tmp_path / "w.wav", 0.1))
    outputs: list[str] = []

    def audio_outputs() -> list[str]:
        outputs.append("asked")
        return []

    k = make_kiosk(show=False, speaker=Speaker(worker, "vi",  # type: ignore[arg-type]
                                               audio_outputs=audio_outputs))
    assert not worker.started and not outputs  # nothing of speech before the first paint
    after_first_paint(k, k.speaker.start)
    k.window.resize(1920, 1080)
    k.window.show()
    qtbot.waitUntil(lambda: worker.started and outputs == ["asked"], timeout=5000)
