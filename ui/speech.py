"""The Speaker: what the GUI calls to say something, on top of the speech worker thread.

Two channels: *narration* (tutorial steps, screen announcements, touched controls) is cut off
by the next narration or by navigation; *announcements* (queue calls) wait behind each other,
are never cut off, and pause narration, which resumes afterwards. Audio is a WAV file either
synthesised by :class:`kiosk.speech.worker.SpeechWorker` or pre-recorded for a step, played
with QtMultimedia. With no engine or voice, ``available`` is False and ``unavailable_reason``
says why in plain Vietnamese; the chime still plays.

Playback never holds the kiosk up. QtMultimedia is loaded on first use (not at start-up), and
a PC with no audio output (no sound card, no PulseAudio/PipeWire) is detected before anything
is played: Qt's FFmpeg backend would otherwise "play" each WAV silently in real time, so a
queue call or a narration would keep the speaker busy for as long as the text lasts and every
announcement behind it would wait. With no output, ``available`` is False, ``failed`` says so
once per request and the kiosk carries on. Every playback also has a watchdog (the WAV's
length plus a margin): if the backend never reports the end, the item is finished anyway.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.paths import resource_path

if TYPE_CHECKING:
    # The worker (and its engine, wave, queue) is made by ui.app.build only for a real
    # speaker; the home screen's first paint does not need it (issue #18).
    from kiosk.speech.worker import SpeechWorker

log = logging.getLogger(__name__)

NO_AUDIO_OUTPUT = ("Máy này không phát được âm thanh (chưa có loa hoặc thiết bị âm thanh). "
                   "Phần đọc to tạm thời không dùng được; mọi chức năng khác vẫn dùng bình "
                   "thường. Nhờ cán bộ cắm loa rồi bật lại.")
# How long past a WAV's own length a playback may run before it is given up.
WATCHDOG_MARGIN_MS = 2000


def system_audio_outputs() -> Sequence[Any]:
    """The audio outputs Qt sees (loads QtMultimedia: call it after the first paint)."""
    from PySide6.QtMultimedia import QMediaDevices

    return QMediaDevices.audioOutputs()


@dataclass
class _Item:
    channel: str  # "narration" | "announce" | "chime"
    text: str
    lang: str
    audio: Path | None = None
    # Say ``text`` with the voice after the recording (a recorded phrase in a language no
    # engine speaks, e.g. Cơ Tu "your number is…", then the number in Vietnamese).
    then_text: bool = False
    # A recording played after the words (Cơ Tu "please wait" after the number).
    after: Path | None = None
    after_phase: bool = False  # the words are said; only ``after`` is left


class Speaker(QObject):
    """Speaks texts; ``spoken`` is emitted with every text handed over (for tests and logs)."""

    spoken = Signal(str, str)  # (text, channel)
    speaking_changed = Signal(bool)
    failed = Signal(str)
    _wav_ready = Signal(object, int)  # (path, ticket): from the worker thread
    _wav_failed = Signal(str, int)

    def __init__(self, worker: SpeechWorker | Callable[[], SpeechWorker] | None,
                 lang: str = "vi", parent: QObject | None = None,
                 audio_outputs: Callable[[], Sequence[Any]] = system_audio_outputs) -> None:
        """``worker`` may be a function that makes it: called the first time it is needed
        (``start`` after the first paint, or a text said before then)."""
        super().__init__(parent)
        self._make_worker = worker if callable(worker) else None
        self._worker = None if callable(worker) else worker
        self.lang = lang
        self._announcements: deque[_Item] = deque()
        self._narration: _Item | None = None
        self._resume_at = 0
        self._playing: _Item | None = None
        self._ticket = 0
        self._audio_outputs = audio_outputs
        self._has_output: bool | None = None  # unknown until multimedia is started
        self._player: Any = None  # QMediaPlayer, created by start_multimedia()
        self._chime: Any = None
        self._devices: Any = None
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_watchdog)
        self._wav_ready.connect(self._on_wav_ready)
        self._wav_failed.connect(self._on_wav_failed)

    @property
    def worker(self) -> SpeechWorker | None:
        if self._make_worker is not None:
            make, self._make_worker = self._make_worker, None
            self._worker = make()
        return self._worker

    def start(self) -> None:
        """After the first paint: start the speech thread and the multimedia backend."""
        if self.worker is not None:
            self.worker.start(wait=False)
        self.start_multimedia()

    def start_multimedia(self) -> None:
        """Load QtMultimedia and look for an audio output; idempotent.

        Called on first use, or by the composition root just after the first paint, so
        start-up never pays for FFmpeg and the audio backends.
        """
        if self._has_output is not None:
            return
        self._has_output = self._count_outputs()
        if self._has_output:
            self._build_player()
        else:
            log.warning("no audio output device: speech and chime are off")
        if self._audio_outputs is system_audio_outputs:
            from PySide6.QtMultimedia import QMediaDevices

            # A loudspeaker plugged in later turns speech on without a restart.
            self._devices = QMediaDevices(self)
            self._devices.audioOutputsChanged.connect(self._on_outputs_changed)

    def _count_outputs(self) -> bool:
        try:
            return bool(self._audio_outputs())
        except Exception as exc:  # no multimedia is no sound, never a crash
            log.warning("audio outputs unknown: %s", exc)
            return False

    def _build_player(self) -> None:
        if self._player is not None:
            return
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QSoundEffect

        self._audio_out = QAudioOutput(self)
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._audio_out)
        self._player.mediaStatusChanged.connect(self._on_player_status)
        self._player.errorOccurred.connect(self._on_player_error)
        self._chime = QSoundEffect(self)
        chime = resource_path("sounds", "chime.wav")
        if chime.exists():
            from PySide6.QtCore import QUrl

            self._chime.setSource(QUrl.fromLocalFile(str(chime)))

    def _on_outputs_changed(self) -> None:
        self._has_output = self._count_outputs()
        if self._has_output:
            self._build_player()
            if self._devices is not None:
                self._audio_out.setDevice(self._devices.defaultAudioOutput())
        elif self._playing is not None:
            self._give_up_playback("audio output removed")

    @property
    def has_audio_output(self) -> bool:
        self.start_multimedia()
        return bool(self._has_output)

    # -- state ---------------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self.worker is not None and self.worker.unavailable_reason is None and \
            self.has_audio_output

    @property
    def unavailable_reason(self) -> str:
        if self.worker is None:
            return "Máy này chưa có bộ đọc."
        if self.worker.unavailable_reason:
            return self.worker.unavailable_reason
        return "" if self.has_audio_output else NO_AUDIO_OUTPUT

    @property
    def speaking(self) -> bool:
        return self._playing is not None or bool(self._announcements) or \
            self._narration is not None

    # -- API -------------------------------------------------------------------------------------
    def say(self, text: str, lang: str | None = None, audio: Path | None = None,
            then_text: bool = False, after: Path | None = None) -> None:
        """Narrate ``text`` now, cutting off any earlier narration.

        With ``audio`` the recording is played instead of ``text`` (which is the fallback if
        the file cannot be played); with ``then_text`` too, ``text`` is said after it. The
        ``after`` recording is played last (skipped, never replaced by ``text``, if it fails).
        """
        if not text.strip() and audio is None:
            return
        self.spoken.emit(text, "narration")
        self.stop_narration()
        self._narration = _Item("narration", text, lang or self.lang, audio, then_text, after)
        self._resume_at = 0
        if not self._announcements and self._playing is None:
            self._start(self._narration)

    def announce(self, text: str, lang: str | None = None, chime: bool = True) -> None:
        """Queue a call ("Mời số A năm, đến bàn số một"); never cut off by the next one."""
        self.spoken.emit(text, "announce")
        if chime and self.has_audio_output and self._chime is not None:
            self._chime.play()
        self._announcements.append(_Item("announce", text, lang or self.lang))
        if self._playing is not None and self._playing.channel == "narration":
            self._resume_at = self._player.position() if self._player is not None else 0
            self._ticket += 1
            self._stop_player()
            self._playing = None
        if self._playing is None:
            self._next()

    def stop_narration(self) -> None:
        """Navigation, Home and idle reset: silence narration at once; calls keep going."""
        if self._worker is not None:  # a worker never made has nothing queued
            self._worker.flush()
        self._narration = None
        if self._playing is not None and self._playing.channel == "narration":
            self._ticket += 1
            self._stop_player()
            self._playing = None
            self.speaking_changed.emit(False)

    def _stop_player(self) -> None:
        self._watchdog.stop()
        if self._player is not None:
            self._player.stop()

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
        if not self.has_audio_output:
            # Nothing can be heard: say so and move on at once (never wait in silence).
            self._finish_item(item)
            self.failed.emit(self.unavailable_reason)
            return
        if item.audio is not None and item.audio.exists():
            self._play(item.audio)
            return
        if item.after_phase:  # the words were said; the last recording cannot be played
            self._finish_item(item)
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
        self._play(path, self._resume_at if self._playing.channel == "narration" else 0)

    @Slot(str, int)
    def _on_wav_failed(self, message: str, ticket: int) -> None:
        if ticket != self._ticket or self._playing is None:
            return
        self.failed.emit(message)
        self._finish_item(self._playing)

    def _play(self, path: Path, position_ms: int = 0) -> None:
        self.start_multimedia()
        if self._player is None:
            self._give_up_playback("no audio output")
            return
        from PySide6.QtCore import QUrl

        self._player.setSource(QUrl.fromLocalFile(str(path)))
        if position_ms:
            self._player.setPosition(position_ms)
        self._player.play()
        from kiosk.speech.engine import wav_duration

        left_ms = max(0, int(wav_duration(path) * 1000) - position_ms)
        self._watchdog.start(left_ms + WATCHDOG_MARGIN_MS)

    def _on_watchdog(self) -> None:
        """The backend never said the WAV ended (a stuck or silent sink): stop waiting."""
        if self._playing is not None:
            log.warning("audio playback did not finish in time; going on without it")
            self._give_up_playback("playback timed out")

    def _give_up_playback(self, why: str) -> None:
        item = self._playing
        if item is None:
            return
        self._ticket += 1
        self._stop_player()
        self.failed.emit(self.unavailable_reason or NO_AUDIO_OUTPUT)
        log.info("playback given up: %s", why)
        self._finish_item(item)

    def _on_player_status(self, status: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status == QMediaPlayer.MediaStatus.EndOfMedia and self._playing is not None:
            self._watchdog.stop()
            item = self._playing
            if item.audio is not None and item.then_text and item.text.strip():
                item.audio, item.then_text = None, False  # the recording is done: now the text
                self._playing = None
                self._start(item)
                return
            if item.after is not None:  # the words are done: now the closing recording
                item.audio, item.after, item.after_phase = item.after, None, True
                self._playing = None
                self._start(item)
                return
            self._finish_item(item)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia and self._playing is not None:
            self._on_player_error(QMediaPlayer.Error.FormatError, "invalid media")

    def _on_player_error(self, _error: Any, message: str) -> None:
        item = self._playing
        if item is None:
            return
        self._watchdog.stop()
        log.warning("audio playback failed: %s", message)
        if item.audio is not None and item.audio.exists() and not item.after_phase:
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
        self._stop_player()
        if self._worker is not None:
            self._worker.stop()


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

    def say(self, text: str, lang: str | None = None, audio: Path | None = None,
            then_text: bool = False, after: Path | None = None) -> None:
        if audio is not None:
            self.history.append((audio.name, "recording"))
        self.history.append((text, "narration"))
        if after is not None:
            self.history.append((after.name, "recording"))
        self.spoken.emit(text, "narration")

    def announce(self, text: str, lang: str | None = None, chime: bool = True) -> None:
        self.history.append((text, "announce"))
        self.spoken.emit(text, "announce")

    def stop_narration(self) -> None:
        self.history.append(("", "stop"))

    def start(self) -> None:
        pass

    def shutdown(self) -> None:
        pass

    def texts(self, channel: str = "narration") -> list[str]:
        return [t for t, c in self.history if c == channel]
