"""The one speech thread: a command queue in front of one engine.

The GUI never waits for speech. ``request()`` returns at once; the worker synthesises the WAV
(cached by text, voice and rate) and calls ``on_ready(path)`` or ``on_error(message)`` from the
worker thread, so the UI must marshal the callback to its own thread (ui/speech.py does).
``flush()`` drops everything queued and makes any job in progress report nothing: navigation,
Home and idle reset call it so an old step is never read after the citizen moved on.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.speech.engine import SpeechEngine, SpeechUnavailable, VoiceInfo, pick_voice

if TYPE_CHECKING:  # num2words is loaded with the first text spoken, not at start-up
    from kiosk.speech.pronounce import Pronouncer

log = logging.getLogger(__name__)

ReadyFn = Callable[[Path], None]
ErrorFn = Callable[[str], None]


@dataclass
class _Job:
    text: str
    lang: str
    generation: int
    on_ready: ReadyFn
    on_error: ErrorFn


_STOP = object()


class SpeechWorker:
    def __init__(self, engine_factory: Callable[[], SpeechEngine], cache_dir: Path,
                 pronouncer: Pronouncer | Callable[[], Pronouncer], rate: int = 150,
                 voice: str = "") -> None:
        self._factory = engine_factory
        self._cache = cache_dir
        # A callable is asked the first time a text is spoken (the kiosk's pronunciation
        # list comes with the content, which is loaded after the first paint).
        self._pronouncer_source = pronouncer
        self._pronouncer_made: Pronouncer | None = (
            None if callable(pronouncer) else pronouncer)
        self.rate = rate
        self.voice = voice
        self._queue: queue.Queue[object] = queue.Queue()
        self._generation = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="speech-worker", daemon=True)
        self._engine: SpeechEngine | None = None
        self._ready = threading.Event()
        self.unavailable_reason: str | None = None
        self._voices: list[VoiceInfo] = []

    def start(self, wait: bool = True) -> None:
        """Start the speech thread (once); ``wait`` for the engine to be ready (up to 30 s).

        The kiosk starts it without waiting, after the home screen's first paint: loading
        the engine is not something a citizen should wait for at start-up.
        """
        if not self._thread.is_alive() and self._thread.ident is None:
            self._thread.start()
        if wait:
            self._ready.wait(timeout=30)

    def request(self, text: str, lang: str, on_ready: ReadyFn, on_error: ErrorFn) -> None:
        with self._lock:
            gen = self._generation
        self._queue.put(_Job(text, lang, gen, on_ready, on_error))

    def flush(self) -> None:
        """Forget every queued job and silence the one in progress."""
        with self._lock:
            self._generation += 1
        try:
            while True:
                self._queue.get_nowait()
        except queue.Empty:
            pass

    def stop(self) -> None:
        self.flush()
        self._queue.put(_STOP)
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    @property
    def _pronouncer(self) -> Pronouncer:
        if self._pronouncer_made is None:
            source = self._pronouncer_source
            assert callable(source)
            self._pronouncer_made = source()
        return self._pronouncer_made

    def speakable(self, text: str, lang: str) -> str:
        return self._pronouncer.apply(text, lang)

    def voices(self) -> list[VoiceInfo]:
        return list(self._voices)

    def _current(self, gen: int) -> bool:
        with self._lock:
            return gen == self._generation

    def _run(self) -> None:
        try:
            self._engine = self._factory()
            self._voices = list(self._engine.voices())
            if not self._voices:
                self.unavailable_reason = getattr(self._engine, "reason",
                                                  "Máy này chưa có giọng đọc.")
        except Exception as exc:  # the kiosk works without a voice
            log.warning("speech engine failed to start: %s", exc)
            self.unavailable_reason = str(exc)
        finally:
            self._ready.set()
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            assert isinstance(item, _Job)
            if not self._current(item.generation):
                continue
            try:
                path = self._synthesize(item.text, item.lang)
            except SpeechUnavailable as exc:
                if self._current(item.generation):
                    item.on_error(str(exc))
                continue
            except Exception as exc:
                log.exception("speech synthesis failed")
                if self._current(item.generation):
                    item.on_error(f"Không đọc được câu này ({type(exc).__name__}).")
                continue
            if self._current(item.generation):
                item.on_ready(path)

    def _synthesize(self, text: str, lang: str) -> Path:
        if self._engine is None:
            raise SpeechUnavailable(self.unavailable_reason or "Máy này chưa có bộ đọc.",
                                    en="This computer has no speech engine.")
        voice = pick_voice(self._voices, lang, self.voice)
        spoken = self.speakable(text, lang)
        import hashlib  # with the first text spoken, after the first paint

        key = hashlib.sha256(f"{voice.id}|{self.rate}|{spoken}".encode()).hexdigest()[:24]
        path = self._cache / f"{key}.wav"
        if path.exists() and path.stat().st_size > 1000:
            return path
        return self._engine.synthesize(spoken, path, voice.id, self.rate)
