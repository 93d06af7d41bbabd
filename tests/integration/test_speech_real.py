"""The real engine: pyttsx3 + espeak-ng speaks Vietnamese into a WAV that sounds like speech."""

from __future__ import annotations

import threading
import wave
from pathlib import Path

import pytest

from kiosk.content.loader import load_pronunciation
from kiosk.paths import resource_path
from kiosk.speech.engine import create_default_engine, wav_duration
from kiosk.speech.pronounce import Pronouncer
from kiosk.speech.worker import SpeechWorker

pytestmark = pytest.mark.speech


def rms(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        frames = w.readframes(w.getnframes())
        width = w.getsampwidth()
    n = len(frames) // width
    total = 0
    for i in range(0, n * width, width * 10):
        total += int.from_bytes(frames[i:i + width], "little", signed=True) ** 2
    return (total / max(1, n // 10)) ** 0.5


def test_vietnamese_sentence_becomes_audible_wav(tmp_path: Path) -> None:
    table, _ = load_pronunciation(resource_path("tutorials"))
    worker = SpeechWorker(create_default_engine, tmp_path, Pronouncer(table))
    worker.start()
    if worker.unavailable_reason:
        pytest.fail(f"speech engine unavailable here: {worker.unavailable_reason}")
    done = threading.Event()
    result: dict[str, object] = {}
    text = "Mời số A năm, đến bàn số một. Không bao giờ đọc mã OTP cho người khác."
    worker.request(text, "vi", lambda p: (result.update(path=p), done.set()),
                   lambda e: (result.update(error=e), done.set()))
    assert done.wait(60)
    worker.stop()
    assert "error" not in result, result
    path = result["path"]
    assert isinstance(path, Path)
    seconds = wav_duration(path)
    # About 20 words: a person needs 3 to 12 seconds to say them.
    assert 3.0 < seconds < 12.0
    assert rms(path) > 300  # not silence
