"""In-process GUI timings: step-to-step switch, and event-loop stalls during real speech.

Both run in this process with the offscreen platform (run.py sets it before Qt loads).

- Step switch: the real kiosk (every feature, real content, the real background task runner)
  on the step player of the longest tutorial; each sample is a mouse click on "Bước tiếp"
  until the next step is laid out and painted (``processEvents`` + ``repaint``).
- Speech stall: a QTimer ticking every 5 ms records its gaps while ``Speaker.say`` has the real
  speech worker (pyttsx3 + espeak-ng here) synthesise the longest step texts, and for a moment
  after each while the media player opens the WAV; the floor is the same timer with nothing
  else happening, for as long. It runs in a child process with a hard time limit
  (:func:`speech_stall_in_child`), and within it every wait has a deadline, so a stuck audio
  backend shows as a failed row instead of a CI job that never ends. With no audio output
  (a CI machine) the Speaker skips playback, as the kiosk does, and the note says so.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from .common import Row, median

log = logging.getLogger(__name__)
TICK_MS = 5
PLAYBACK_S = 0.3


def _app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["benchmarks"])


def step_switch(data_dir: Path, presses: int) -> list[Row]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from ui.navigator import ScreenId

    from .assemble import build_kiosk, show_full_screen

    app = _app()
    kiosk = build_kiosk(data_dir)
    show_full_screen(kiosk)
    app.processEvents()
    tutorial = max(kiosk.catalogue.tutorials, key=lambda t: len(t.steps))
    player = kiosk.screens[ScreenId.STEP]
    samples: list[float] = []
    try:
        while len(samples) < presses:
            kiosk.nav.go_to(ScreenId.STEP, tutorial_id=tutorial.id, step=1)
            kiosk.window.repaint()
            app.processEvents()
            for _ in range(len(tutorial.steps) - 1):
                if len(samples) >= presses:
                    break
                t0 = time.perf_counter()
                QTest.mouseClick(player.next_btn, Qt.MouseButton.LeftButton)
                app.processEvents()
                kiosk.window.repaint()
                samples.append((time.perf_counter() - t0) * 1000)
            player.leave_tutorial()
    finally:
        kiosk.tasks.wait_all()
        kiosk.window.allow_close = True
        kiosk.window.close()
        try:
            kiosk.shutdown()
        except RuntimeError as exc:  # tear-down is not measured; note it and go on
            log.warning("kiosk shutdown after the step benchmark failed: %s", exc)
        kiosk.store.close()
    return [Row(f"Step-to-step switch (median of {len(samples)} Next presses)",
                median(samples), "ms", goal="< 50 ms", met=median(samples) < 50,
                note=f"slowest {max(samples):.0f} ms; {tutorial.id}, {len(tutorial.steps)} "
                     "steps")]


class _GapMeter:
    """A 5 ms QTimer that remembers the longest time between two of its ticks."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, (now - self._last) * 1000)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.longest


def _spin(app: Any, seconds: float, until: Any = None) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end and not (until and until()):
        app.processEvents()
        time.sleep(0.001)


SPEECH_DEADLINE_S = 20.0  # per text, synthesis included
CHILD_LIMIT_S = 240.0


def speech_stall_in_child(tmp: Path, texts: int) -> list[Row]:
    """Run :func:`speech_stall` in a fresh process that is killed after ``CHILD_LIMIT_S``."""
    from .common import offscreen_env, run_child

    result = run_child(["speech-stall", str(tmp), str(texts)], offscreen_env(tmp),
                       timeout=CHILD_LIMIT_S)
    return [Row(**row) for row in result.data["rows"]]


def speech_stall(tmp: Path, texts: int) -> list[Row]:
    from kiosk.content.loader import load_catalogue
    from kiosk.paths import resource_path
    from kiosk.speech.engine import create_default_engine
    from kiosk.speech.pronounce import Pronouncer
    from kiosk.speech.worker import SpeechWorker
    from ui.speech import Speaker

    app = _app()
    catalogue = load_catalogue([resource_path("tutorials")])
    # The longest things the kiosk reads aloud: whole steps, as the step player says them.
    sentences = sorted({s.spoken("vi") for t in catalogue.tutorials for s in t.steps},
                       key=len, reverse=True)[:texts]
    worker = SpeechWorker(create_default_engine, tmp / "speech-cache",
                          Pronouncer(catalogue.pronunciation))
    worker.start()
    if worker.unavailable_reason:
        worker.stop()
        return [Row("Longest event-loop stall while speaking", float("nan"), "ms",
                    note=f"no speech engine: {worker.unavailable_reason}")]
    speaker = Speaker(worker, "vi")
    done: list[bool] = []
    speaker._wav_ready.connect(lambda *_: done.append(True))  # measuring
    speaker._wav_failed.connect(lambda *_: done.append(False))
    can_play = speaker.has_audio_output
    meter = _GapMeter()
    synth_s = 0.0
    try:
        meter.start()
        for text in sentences:
            before = len(done)
            t0 = time.perf_counter()
            if can_play:
                speaker.say(text)
            else:  # the same worker and hand-over to this thread, nothing to play it on
                worker.request(text, "vi",
                               lambda p: speaker._wav_ready.emit(p, -1),
                               lambda e: speaker._wav_failed.emit(e, -1))
            _spin(app, SPEECH_DEADLINE_S, until=lambda b=before: len(done) > b)
            synth_s += time.perf_counter() - t0
            _spin(app, PLAYBACK_S)  # the player opens the WAV and starts on this thread
            speaker.stop_narration()
        busy = meter.stop()
        idle_meter = _GapMeter()
        idle_meter.start()
        _spin(app, synth_s + PLAYBACK_S * len(sentences))
        idle = idle_meter.stop()
    finally:
        speaker.shutdown()
    ok = sum(done)
    playback = f", each followed by {PLAYBACK_S * 1000:.0f} ms of playback start" if can_play \
        else ""
    heard = "" if can_play else "; no audio output here: synthesis only, playback skipped " \
        "(as the kiosk does)"
    return [Row(f"Longest event-loop stall while speaking ({len(sentences)} texts)", busy, "ms",
                idle, "same timer, idle",
                note=f"{ok}/{len(sentences)} WAVs synthesised in {synth_s * 1000:.0f} ms in all"
                     f"{playback}; {TICK_MS} ms timer{heard}")]
