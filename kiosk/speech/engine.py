"""Speech engines behind one small interface, so a second Windows backend can be added.

The kiosk never asks an engine to play sound directly: it synthesises a WAV file and the UI
plays it (QtMultimedia), exactly like a pre-recorded step file. That keeps one playback path,
makes speech stoppable at once, and lets tests check real audio files.

Engines are thread-affine (pyttsx3 keeps a per-thread singleton and espeak is process-global):
create and use one only on the speech worker thread.

Windows note: the "Microsoft An" Vietnamese voice is a OneCore voice that SAPI5 (and so
pyttsx3) does not list unless its registry token is copied across (pyttsx3 issue #397). The
installer documents that step; :func:`pick_voice` reports plainly when no Vietnamese voice is
found, and a WinRT backend can implement :class:`SpeechEngine` later without touching callers.
"""

from __future__ import annotations

import logging
import os
import sys
import wave
from collections.abc import Sequence
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kiosk.errors import KioskError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VoiceInfo:
    id: str
    name: str
    languages: tuple[str, ...]


class SpeechUnavailable(KioskError):
    """No engine or no voice for the language: the message is shown on the voice controls."""


class SpeechEngine(Protocol):
    name: str

    def voices(self) -> Sequence[VoiceInfo]: ...

    def synthesize(self, text: str, path: Path, voice_id: str, rate: int) -> Path: ...


def _looks_vietnamese(v: VoiceInfo) -> bool:
    hay = " ".join((v.id, v.name, *v.languages)).lower()
    return any(k in hay for k in ("vi", "vietnam", "an -", "microsoft an"))


def pick_voice(voices: Sequence[VoiceInfo], lang: str, preferred: str = "") -> VoiceInfo:
    """The configured voice if present, else the best voice for ``lang``."""
    if preferred:
        for v in voices:
            if preferred in (v.id, v.name):
                return v
    if lang == "vi":
        exact = [v for v in voices if v.id in ("vi", "aav/vi") or v.name.startswith("Vietnamese")]
        candidates = exact or [v for v in voices if _looks_vietnamese(v)]
    else:
        candidates = [v for v in voices if any(x.lower().startswith(lang)
                                               for x in (*v.languages, v.id.split("/")[-1]))]
        # Prefer the common accents over, say, Caribbean English, which espeak lists first.
        candidates.sort(key=lambda v: not v.id.lower().endswith(("en-gb", "en-us", "en")))
    if not candidates:
        raise SpeechUnavailable(
            "Máy này chưa có giọng đọc tiếng Việt. Nhờ cán bộ cài giọng “Microsoft An” "
            "(Windows) hoặc espeak-ng (Linux). Mọi chức năng khác vẫn dùng bình thường."
            if lang == "vi" else f"No voice for language '{lang}' on this computer.",
            en="This computer has no Vietnamese voice. Ask staff to install the “Microsoft An” "
               "voice (Windows) or espeak-ng (Linux). Everything else works as usual."
            if lang == "vi" else f"No voice for language '{lang}' on this computer.")
    return candidates[0]


class Pyttsx3Engine:
    """pyttsx3 (espeak-ng on Linux, SAPI5 on Windows, NSSpeech on macOS)."""

    name = "pyttsx3"

    def __init__(self) -> None:
        try:
            import pyttsx3
        except ImportError as exc:  # pragma: no cover - dependency missing only in broken installs
            raise SpeechUnavailable("Chưa cài bộ đọc pyttsx3.",
                                    en="The pyttsx3 speech engine is not installed.") from exc
        try:
            self._engine: Any = pyttsx3.init()
        except Exception as exc:
            raise SpeechUnavailable(
                "Không khởi động được bộ đọc (trên Linux cần gói espeak-ng).",
                en="The speech engine did not start (on Linux it needs the espeak-ng "
                   "package).") from exc
        self._warmed = False

    def voices(self) -> list[VoiceInfo]:
        out = []
        for v in self._engine.getProperty("voices") or []:
            langs = tuple(
                x.decode(errors="ignore").lstrip("\x05") if isinstance(x, bytes) else str(x)
                for x in (getattr(v, "languages", None) or []))
            out.append(VoiceInfo(str(v.id), str(v.name or v.id), langs))
        return out

    def _run_to_file(self, text: str, path: Path) -> None:
        # pyttsx3 prints "Audio saved to ..." on stdout; keep the CLI's output clean.
        with open(os.devnull, "w") as null, redirect_stdout(null):
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()

    def synthesize(self, text: str, path: Path, voice_id: str, rate: int) -> Path:
        self._engine.setProperty("voice", voice_id)
        self._engine.setProperty("rate", rate)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not self._warmed:
            # The first long utterance after init() in a fresh process can be silently dropped.
            self._run_to_file("xin chào", path.with_suffix(".warmup.wav"))
            path.with_suffix(".warmup.wav").unlink(missing_ok=True)
            self._warmed = True
        tmp = path.with_suffix(".part.wav")
        self._run_to_file(text, tmp)
        if wav_duration(tmp) <= 0.05:
            self._run_to_file(text, tmp)  # once more: see the warm-up note above
        if wav_duration(tmp) <= 0.05:
            tmp.unlink(missing_ok=True)
            raise SpeechUnavailable("Bộ đọc không tạo được âm thanh.",
                                    en="The speech engine did not make any sound.")
        tmp.replace(path)
        return path


class NullEngine:
    """No speech on this machine; every call says so plainly."""

    name = "none"

    def __init__(self, reason: str = "Máy này chưa có bộ đọc.") -> None:
        self.reason = reason

    def voices(self) -> list[VoiceInfo]:
        return []

    def synthesize(self, text: str, path: Path, voice_id: str, rate: int) -> Path:
        raise SpeechUnavailable(self.reason,
                                en="Speech is not available on this computer. Everything else "
                                   "works as usual.")


def create_default_engine() -> SpeechEngine:
    """The platform's engine, or a NullEngine that explains what is missing."""
    try:
        return Pyttsx3Engine()
    except SpeechUnavailable as exc:
        log.warning("speech engine unavailable on %s: %s", sys.platform, exc)
        return NullEngine(str(exc))


def wav_duration(path: Path) -> float:
    """Length of a WAV file in seconds (0 when missing or unreadable)."""
    try:
        with wave.open(str(path), "rb") as w:
            return w.getnframes() / float(w.getframerate() or 1)
    except (OSError, wave.Error, EOFError):
        return 0.0
