"""The Speaker: what the GUI calls to say something, on top of the speech worker thread.

Two channels: *narration* (tutorial steps, screen announcements, touched controls) is cut off
by the next narration or by navigation; *announcements* (queue calls) wait behind each other,
are never cut off, and pause narration, which resumes afterwards. Audio is a WAV file either
synthesised by :class:`kiosk.speech.worker.SpeechWorker` or pre-recorded for a step, played
with QtMultimedia. With no engine or voice, ``available`` is False and ``unavailable_reason``
says why in plain Vietnamese; the chime still plays.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QSoundEffect

from kiosk.paths import resource_path
from kiosk.speech.worker import SpeechWorker

log = logging.getLogger(__name__)


@dataclass
class _Item:
    channel: str  # "narration" | "announce" | "chime"
    text: str
    lang: str
    audio: Path | None = None


class Speaker(QObject):
    """Speaks texts; ``spoken`` is emitted with every text handed over (for tests and logs)."""

    spoken = Signal(str, str)  # (text, channel)
    speaking_changed = Signal(bool)
    failed = Signal(str)
    _wav_ready = Signal(object, int)  # (path, ticket): from the worker thread
    _wav_failed = Signal(str, int)

    def __init__(self, worker: SpeechWorker | None, lang: str = "vi",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.lang = lang
        self._announcements: deque[_Item] = deque()
        self._narration: _Item | None = None
        self._resume_at = 0
        self._playing: _Item | None = None
        self._ticket = 0
        self._audio_out = QAudioOutput(self)
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._audio_out)
        self._player.mediaStatusChanged.connect(self._on_player_status)
        self._player.errorOccurred.connect(self._on_player_error)
        self._chime = QSoundEffect(self)
        chime = resource_path("sounds", "chime.wav")
        if chime.exists():
            self._chime.setSource(QUrl.fromLocalFile(str(chime)))
        self._wav_ready.connect(self._on_wav_ready)
        self._wav_failed.connect(self._on_wav_failed)

    # -- state ---------------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self.worker is not None and self.worker.unavailable_reason is None

    @property
    def unavailable_reason(self) -> str:
        if self.worker is None:
            return "Máy này chưa có bộ đọc."
        return self.worker.unavailable_reason or ""

    @property
    def speaking(self) -> bool:
        return self._playing is not None or bool(self._announcements) or \
            self._narration is not None

    # -- API -------------------------------------------------------------------------------------
    def say(self, text: str, lang: str | None = None, audio: Path | None = None) -> None:
        """Narrate ``text`` now, cutting off any earlier narration."""
        if not text.strip() and audio is None:
            return
        self.spoken.emit(text, "narration")
        self.stop_narration()
        self._narration = _Item("narration", text, lang or self.lang, audio)
        self._resume_at = 0
        if not self._announcements and self._playing is None:
            self._start(self._narration)

    def announce(self, text: str, lang: str | None = None, chime: bool = True) -> None:
        """Queue a call ("Mời số A năm, đến bàn số một"); never cut off by the next one."""
        self.spoken.emit(text, "announce")
        if chime:
            self._chime.play()
        self._announcements.append(_Item("announce", text, lang or self.lang))
        if self._playing is not None and self._playing.channel == "narration":
            self._resume_at = self._player.position()
            self._ticket += 1
            self._player.stop()
            self._playing = None
        if self._playing is None:
            self._next()

    def stop_narration(self) -> None:
        """Navigation, Home and idle reset: silence narration at once; calls keep going."""
        if self.worker is not None:
            self.worker.flush()
        self._narration = None
        if self._playing is not None and self._playing.channel == "narration":
            self._ticket += 1
            self._player.stop()
            self._playing = None
            self.speaking_changed.emit(False)

    # -- internals ----------------------------------------------------------------------------
    def _next(self) -> None:
        if self._announcements:
            self._start(self._announcements[0])
        elif self._narration is not None:
            self._start(self._narration)
        else:
            self.speaking_changed.emit(False)

    def _start(self, item: _Item) -> None:
        self._ticket += 1
        ticket = self._ticket
        self._playing = item
        self.speaking_changed.emit(True)
        if item.audio is not None and item.audio.exists():
            self._play(item.audio)
            return
        if not self.available or self.worker is None:
            self._finish_item(item)
            self.failed.emit(self.unavailable_reason)
            return
        self.worker.request(item.text, item.lang,
                            lambda p, t=ticket: self._wav_ready.emit(p, t),
                            lambda e, t=ticket: self._wav_failed.emit(e, t))

    @Slot(object, int)
    def _on_wav_ready(self, path: Path, ticket: int) -> None:
        if ticket != self._ticket or self._playing is None:
            return
        if self._playing.channel == "narration" and self._resume_at:
            self._player.setPosition(self._resume_at)
        self._play(path)

    @Slot(str, int)
    def _on_wav_failed(self, message: str, ticket: int) -> None:
        if ticket != self._ticket or self._playing is None:
            return
        self.failed.emit(message)
        self._finish_item(self._playing)

    def _play(self, path: Path) -> None:
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._player.play()

    def _on_player_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia and self._playing is not None:
            self._finish_item(self._playing)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia and self._playing is not None:
            self._on_player_error(QMediaPlayer.Error.FormatError, "invalid media")

    def _on_player_error(self, _error: QMediaPlayer.Error, message: str) -> None:
        item = self._playing
        if item is None:
            return
        log.warning("audio playback failed: %s", message)
        if item.audio is not None and item.audio.exists():
            # A pre-recorded file that fails is replaced by text-to-speech.
            self._playing = None
            item.audio = None
            self._start(item)
            return
        self._finish_item(item)

    def _finish_item(self, item: _Item) -> None:
        self._playing = None
        if item.channel == "announce" and self._announcements and \
                self._announcements[0] is item:
            self._announcements.popleft()
        elif item.channel == "narration":
            self._narration = None
            self._resume_at = 0
        self._next()

    def shutdown(self) -> None:
        self._player.stop()
        if self.worker is not None:
            self.worker.stop()


class FakeSpeaker(QObject):
    """Records what would be said; used by UI tests (real speech is tested separately)."""

    spoken = Signal(str, str)
    speaking_changed = Signal(bool)
    failed = Signal(str)

    def __init__(self, available: bool = True) -> None:
        super().__init__()
        self.lang = "vi"
        self.history: list[tuple[str, str]] = []
        self.speaking = False
        self._available = available
        self.unavailable_reason = "" if available else "Máy này chưa có giọng đọc tiếng Việt."

    @property
    def available(self) -> bool:
        return self._available

    def say(self, text: str, lang: str | None = None, audio: Path | None = None) -> None:
        self.history.append((text, "narration"))
        self.spoken.emit(text, "narration")

    def announce(self, text: str, lang: str | None = None, chime: bool = True) -> None:
        self.history.append((text, "announce"))
        self.spoken.emit(text, "announce")

    def stop_narration(self) -> None:
        self.history.append(("", "stop"))

    def shutdown(self) -> None:
        pass

    def texts(self, channel: str = "narration") -> list[str]:
        return [t for t, c in self.history if c == channel]
